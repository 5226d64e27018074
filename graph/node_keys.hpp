#pragma once
// Node identity across articles: the keys graph/ merges extracted nodes on. Pure functions.
// People, states, organizations, locations and groups merge on kind + folded canonical name, or on a
// known alias; a person is never merged on a one-word alias (a bare surname names many people).
// Proposals merge on (type, canonical attributes); without attributes, on (type, folded name), so
// unrelated measures of one type ("a ceasefire" in Gaza and in Kashmir) stay apart.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ingest/article_graph.hpp"

namespace parley::graph {

// Lowercase ASCII letters, ASCII punctuation and whitespace to single spaces, trimmed; a leading
// "the " dropped. Non-ASCII bytes are kept as they are ("Türkiye" stays distinct from "Turkiye").
std::string fold_name(std::string_view name);

// Attributes in one canonical form: strings folded, integral numbers as integers, arrays sorted,
// object keys sorted (nlohmann::json keeps them sorted). Equal measures give equal dumps.
nlohmann::json canonical_attributes(const nlohmann::json& attributes);

// The unique key of the stored node an extracted node merges into (nodes.merge_key).
std::string merge_key(const ingest::Node& node);

// The key an alias of a node of `kind` is found by, or "" when the alias must not merge (one-word
// person aliases; proposal aliases).
std::string alias_match_key(std::string_view kind, std::string_view alias);

}  // namespace parley::graph
