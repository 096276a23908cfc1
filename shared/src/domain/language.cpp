#include "loket/language.hpp"

namespace loket {

std::optional<Language> parse_language(std::string_view code) {
    if (code == "id")
        return Language::Indonesian;
    if (code == "en")
        return Language::English;
    return std::nullopt;
}

std::string_view language_code(Language language) {
    return language == Language::English ? "en" : "id";
}

}  // namespace loket
