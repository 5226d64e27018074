#include "ingest/article.hpp"

#include <nlohmann/json.hpp>

#include "ingest/utf8.hpp"

namespace parley::ingest {
namespace {

using nlohmann::json;

// Reads an optional string field; a present field of another type is an error.
Status read_string(const json& object, const char* field, std::string& out) {
    auto it = object.find(field);
    if (it == object.end() || it->is_null()) return ok_status();
    if (!it->is_string()) {
        return make_error(ErrorCode::invalid_argument,
                          std::string("field '") + field + "' must be a string, got " + it->type_name());
    }
    out = it->get<std::string>();
    if (auto bad = find_invalid_utf8(out)) {
        return make_error(ErrorCode::invalid_input, std::string("field '") + field +
                                                        "' is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    }
    return ok_status();
}

bool is_iso_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int month = std::stoi(s.substr(5, 2));
    const int day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

Result<Article> article_from_json(const json& object) {
    if (!object.is_object()) {
        return make_error(ErrorCode::invalid_argument,
                          std::string("an article must be a JSON object, got ") + object.type_name());
    }
    Article a;
    for (auto [field, target] : {std::pair{"id", &a.id}, std::pair{"url", &a.url}, std::pair{"source", &a.source},
                                 std::pair{"published", &a.published}, std::pair{"title", &a.title},
                                 std::pair{"text", &a.text}}) {
        if (auto st = read_string(object, field, *target); !st) return st.error();
    }
    if (!object.contains("text")) return make_error(ErrorCode::invalid_input, "field 'text' is missing");
    if (a.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return make_error(ErrorCode::invalid_input, "field 'text' is empty");
    if (a.text.size() > max_article_text_bytes)
        return make_error(ErrorCode::invalid_input, "field 'text' is larger than " +
                                                        std::to_string(max_article_text_bytes) + " bytes");
    if (!a.published.empty() && !is_iso_date(a.published))
        return make_error(ErrorCode::invalid_argument,
                          "field 'published' must be a date YYYY-MM-DD, got '" + a.published + "'");
    return a;
}

Result<Article> parse_article(std::string_view json_text) {
    if (auto bad = find_invalid_utf8(json_text))
        return make_error(ErrorCode::invalid_argument, "input is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    json parsed = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return make_error(ErrorCode::invalid_argument, "input is not valid JSON");
    return article_from_json(parsed);
}

Result<Article> article_from_plain_text(std::string_view text, std::string_view name) {
    if (auto bad = find_invalid_utf8(text))
        return make_error(ErrorCode::invalid_input, "text is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    Article a;
    a.id = std::string(name);
    a.text = std::string(text);
    if (a.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return make_error(ErrorCode::invalid_input, "text is empty");
    if (a.text.size() > max_article_text_bytes)
        return make_error(ErrorCode::invalid_input, "text is larger than " + std::to_string(max_article_text_bytes) + " bytes");
    const auto start = a.text.find_first_not_of(" \t\r\n");
    const auto end = a.text.find('\n', start);
    a.title = a.text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    return a;
}

json to_json(const Article& a) {
    return json{{"id", a.id},         {"url", a.url},     {"source", a.source},
                {"published", a.published}, {"title", a.title}, {"text", a.text}};
}

}  // namespace parley::ingest
