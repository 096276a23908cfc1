#include "loket/catalog_history.hpp"

namespace loket::catalog {

std::vector<DocumentChange> document_changes(const nlohmann::json& before,
                                             const nlohmann::json& after) {
    std::vector<DocumentChange> out;
    for (const nlohmann::json& op : nlohmann::json::diff(before, after)) {
        DocumentChange change;
        change.op = op.at("op").get<std::string>();
        change.path = op.at("path").get<std::string>();
        if (const auto value = op.find("value"); value != op.end())
            change.value = *value;
        const nlohmann::json::json_pointer at(change.path);
        if (change.op != "add" && before.contains(at))
            change.before = before.at(at);
        out.push_back(std::move(change));
    }
    return out;
}

}  // namespace loket::catalog
