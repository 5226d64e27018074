#pragma once
// Article: one news article as Parley receives it (the input format of schema/article.schema.json).
// Plain value type; parsing validates every field and reports the first problem by field name.

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"

namespace parley::ingest {

struct Article {
    std::string id;         // caller's id; may be empty
    std::string url;        // identity of the article in the store when non-empty
    std::string source;     // outlet, e.g. "reuters.com"
    std::string published;  // YYYY-MM-DD or empty
    std::string title;
    std::string text;       // UTF-8 body; byte offsets in evidence point into this string
};

// Upper bound on an article's text; larger inputs are refused rather than processed.
inline constexpr std::size_t max_article_text_bytes = 16 * 1024 * 1024;

// Validates and converts a parsed JSON object. Errors name the offending field
// (invalid_argument for wrong types, invalid_input for an empty or non-UTF-8 text).
Result<Article> article_from_json(const nlohmann::json& object);

// Parses one JSON document (an article object). Malformed JSON is invalid_argument.
Result<Article> parse_article(std::string_view json_text);

// Builds an article from a plain-text file's contents: the first non-empty line is the title.
Result<Article> article_from_plain_text(std::string_view text, std::string_view name);

nlohmann::json to_json(const Article& article);

}  // namespace parley::ingest
