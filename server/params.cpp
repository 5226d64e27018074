#include "server/params.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include <boost/url/url.hpp>

#include "server/problem.hpp"

namespace parley::server {
namespace {

Error bad(std::string_view name, const std::string& what) {
    return make_error(ErrorCode::invalid_argument, "parameter '" + std::string(name) + "': " + what);
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

bool is_calendar_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int year = std::stoi(std::string(s.substr(0, 4)));
    const int month = std::stoi(std::string(s.substr(5, 2)));
    const int day = std::stoi(std::string(s.substr(8, 2)));
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

constexpr std::size_t max_text_parameter = 500;

// Cursors are base64url of "v1:<id>": opaque to clients, cheap to check.
constexpr std::string_view base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode_base64url(std::string_view in) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : in) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += base64url[(buffer >> bits) & 0x3f];
        }
    }
    if (bits > 0) out += base64url[(buffer << (6 - bits)) & 0x3f];
    return out;
}

std::optional<std::string> decode_base64url(std::string_view in) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : in) {
        const auto pos = base64url.find(c);
        if (pos == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

}  // namespace

const std::vector<std::string>& relation_names() {
    static const std::vector<std::string> names = {
        "represents", "called", "met",     "proposed",  "demanded", "accepted",   "rejected",  "welcomed",
        "supported",  "praised", "criticized", "urged", "warned",   "sanctioned", "announced", "mediated"};
    return names;
}

const std::vector<std::string>& node_kinds() {
    static const std::vector<std::string> kinds = {"person", "state", "organization", "proposal", "location", "group"};
    return kinds;
}

const std::vector<std::string>& proposal_types() {
    static const std::vector<std::string> types = {
        "ceasefire",      "peace_agreement", "peace_talks",   "memorandum",       "sanctions",
        "prisoner_exchange", "meeting",      "security_guarantees", "military_aid", "humanitarian_aid",
        "troop_withdrawal", "hostage_release", "trade_deal",  "tariffs",          "nuclear_deal",
        "resolution",     "election",        "referendum",    "territorial_arrangement", "other"};
    return types;
}

const std::vector<std::string>& modalities() {
    static const std::vector<std::string> values = {"asserted", "future", "conditional", "reported"};
    return values;
}

Result<std::int64_t> parse_id(std::string_view text, std::string_view name) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value <= 0)
        return bad(name, "expected a positive integer id, got '" + std::string(text) + "'");
    return value;
}

Result<std::optional<bool>> parse_bool(const QueryParams& query, std::string_view name) {
    auto value = query.get(name);
    if (!value) return std::optional<bool>{};
    if (*value == "true" || *value == "1") return std::optional<bool>{true};
    if (*value == "false" || *value == "0") return std::optional<bool>{false};
    return bad(name, "expected true or false, got '" + *value + "'");
}

Result<std::int64_t> parse_int(const QueryParams& query, std::string_view name, std::int64_t fallback,
                               std::int64_t min, std::int64_t max) {
    auto text = query.get(name);
    if (!text) return fallback;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || value < min || value > max)
        return bad(name, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                             ", got '" + *text + "'");
    return value;
}

Result<std::string> parse_date(const QueryParams& query, std::string_view name) {
    auto text = query.get(name);
    if (!text || text->empty()) return std::string();
    if (!is_calendar_date(*text)) return bad(name, "expected a date YYYY-MM-DD, got '" + *text + "'");
    return *text;
}

Result<std::string> parse_choice(const QueryParams& query, std::string_view name,
                                 const std::vector<std::string>& allowed) {
    auto text = query.get(name);
    if (!text || text->empty()) return std::string();
    if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end())
        return bad(name, "unknown value '" + *text + "'; expected one of " + joined(allowed));
    return *text;
}

Result<std::vector<std::string>> parse_relations(const QueryParams& query) {
    std::vector<std::string> relations;
    for (const auto& value : query.all("relation")) {
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const std::string relation(rest.substr(0, comma));
            const auto& known = relation_names();
            if (std::find(known.begin(), known.end(), relation) == known.end())
                return bad("relation", "unknown relation '" + relation + "'; expected one of " + joined(known));
            relations.push_back(relation);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    return relations;
}

Result<graph::EdgeFilter> parse_edge_filter(const QueryParams& query) {
    graph::EdgeFilter filter;
    auto relations = parse_relations(query);
    if (!relations) return relations.error();
    filter.relations = std::move(relations).value();
    for (auto [name, field] : {std::pair{"source", &filter.source}, std::pair{"target", &filter.target},
                               std::pair{"q", &filter.q}}) {
        if (auto value = query.get(name)) {
            if (value->size() > max_text_parameter)
                return bad(name, "longer than " + std::to_string(max_text_parameter) + " bytes");
            *field = *value;
        }
    }
    for (auto [name, field, allowed] :
         {std::tuple{"source_kind", &filter.source_kind, &node_kinds()},
          std::tuple{"target_kind", &filter.target_kind, &node_kinds()},
          std::tuple{"proposal_type", &filter.proposal_type, &proposal_types()},
          std::tuple{"modality", &filter.modality, &modalities()}}) {
        auto value = parse_choice(query, name, *allowed);
        if (!value) return value.error();
        *field = *value;
    }
    auto negated = parse_bool(query, "negated");
    if (!negated) return negated.error();
    filter.negated = *negated;
    auto as_state = parse_bool(query, "as_state");
    if (!as_state) return as_state.error();
    filter.as_state = as_state->value_or(false);
    auto from = parse_date(query, "from");
    if (!from) return from.error();
    auto to = parse_date(query, "to");
    if (!to) return to.error();
    if (!from->empty() && !to->empty() && *from > *to) return bad("from", "is after 'to' (" + *to + ")");
    filter.from = *from;
    filter.to = *to;
    return filter;
}

nlohmann::json to_json(const graph::EdgeFilter& filter) {
    nlohmann::json out = nlohmann::json::object();
    if (!filter.relations.empty()) out["relation"] = filter.relations;
    for (auto [name, value] : {std::pair{"source", &filter.source}, std::pair{"target", &filter.target},
                               std::pair{"source_kind", &filter.source_kind},
                               std::pair{"target_kind", &filter.target_kind},
                               std::pair{"proposal_type", &filter.proposal_type},
                               std::pair{"modality", &filter.modality}, std::pair{"from", &filter.from},
                               std::pair{"to", &filter.to}, std::pair{"q", &filter.q}})
        if (!value->empty()) out[name] = *value;
    if (filter.negated) out["negated"] = *filter.negated;
    if (filter.as_state) out["as_state"] = true;
    return out;
}

Result<graph::PageRequest> parse_page(const QueryParams& query) {
    graph::PageRequest page;
    auto limit = parse_int(query, "limit", default_page_limit, 1, max_page_limit);
    if (!limit) return limit.error();
    page.limit = *limit;
    if (auto cursor = query.get("cursor"); cursor && !cursor->empty()) {
        auto decoded = decode_base64url(*cursor);
        std::int64_t after = 0;
        bool valid = decoded && decoded->starts_with("v1:");
        if (valid) {
            const char* begin = decoded->data() + 3;
            const char* end = decoded->data() + decoded->size();
            auto [stop, ec] = std::from_chars(begin, end, after);
            valid = ec == std::errc{} && stop == end && after >= 0;
        }
        if (!valid) return bad("cursor", "not a cursor issued by this server (use next_cursor as given)");
        page.after = after;
    }
    return page;
}

std::string encode_cursor(std::int64_t after) { return encode_base64url("v1:" + std::to_string(after)); }

Response page_response(nlohmann::json items, std::optional<std::int64_t> next_after, const RouteParams& params) {
    nlohmann::json body = {{"data", std::move(items)}, {"next_cursor", nullptr}};
    std::string link;
    if (next_after) {
        const std::string cursor = encode_cursor(*next_after);
        body["next_cursor"] = cursor;
        boost::urls::url next;
        next.set_path(params.path_text);
        for (const auto& [key, value] : params.query.items())
            if (key != "cursor") next.params().append({key, value});
        next.params().append({"cursor", cursor});
        link = "<" + std::string(next.buffer()) + ">; rel=\"next\"";
    }
    Response res = json_response(body);
    if (!link.empty()) res.set(http::field::link, link);
    return res;
}

}  // namespace parley::server
