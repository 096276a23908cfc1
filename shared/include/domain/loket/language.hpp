#pragma once
// The two languages of everything applicants and staff read: Indonesian first, English second.
// One type for the kiosk, the display and the server.
#include <optional>
#include <string_view>

namespace loket {

enum class Language { Indonesian, English };

// "id" or "en"; nothing for anything else.
std::optional<Language> parse_language(std::string_view code);
// "id" or "en".
std::string_view language_code(Language language);

}  // namespace loket
