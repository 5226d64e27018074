#include "graph/node_keys.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace parley::graph {

std::string fold_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pending_space = false;
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        const bool ascii_word = byte >= 0x80 || std::isalnum(byte) != 0;
        if (!ascii_word) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += byte < 0x80 ? static_cast<char>(std::tolower(byte)) : c;
    }
    if (out.rfind("the ", 0) == 0) out.erase(0, 4);
    return out;
}

nlohmann::json canonical_attributes(const nlohmann::json& attributes) {
    if (attributes.is_string()) return fold_name(attributes.get<std::string>());
    if (attributes.is_number_float()) {
        const double value = attributes.get<double>();
        if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15)
            return static_cast<std::int64_t>(value);
        return value;
    }
    if (attributes.is_number_unsigned()) return static_cast<std::int64_t>(attributes.get<std::uint64_t>());
    if (attributes.is_array()) {
        std::vector<nlohmann::json> items;
        for (const auto& item : attributes) items.push_back(canonical_attributes(item));
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.dump() < b.dump(); });
        return items;
    }
    if (attributes.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, value] : attributes.items()) {
            if (!value.is_null()) out[key] = canonical_attributes(value);
        }
        return out;
    }
    return attributes;
}

std::string merge_key(const ingest::Node& node) {
    if (node.kind == "proposal") {
        const std::string type = node.type.empty() ? "other" : node.type;
        const nlohmann::json attributes = canonical_attributes(node.attributes);
        if (attributes.is_object() && !attributes.empty()) return "proposal:" + type + ":" + attributes.dump();
        return "proposal:" + type + ":name:" + fold_name(node.name);
    }
    return node.kind + ":" + fold_name(node.name);
}

std::string alias_match_key(std::string_view kind, std::string_view alias) {
    if (kind == "proposal") return {};
    std::string folded = fold_name(alias);
    if (kind == "person" && folded.find(' ') == std::string::npos) return {};
    return folded;
}

}  // namespace parley::graph
