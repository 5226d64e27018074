#pragma once
// Query-parameter parsing shared by the handlers. Every failure is an invalid_argument Error whose message
// names the parameter and what was expected, so the response's `detail` tells the client what to fix.
// Also the list conventions: limit (default 50, max 1000), opaque cursor, next_cursor + Link rel="next".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "graph/edge_filter.hpp"
#include "graph/queries.hpp"
#include "server/http.hpp"
#include "server/router.hpp"

namespace parley::server {

inline constexpr std::int64_t default_page_limit = 50;
inline constexpr std::int64_t max_page_limit = 1000;

// The ontology's vocabularies (../shared/ontology.md): values outside them are 400s, not empty results.
const std::vector<std::string>& relation_names();
const std::vector<std::string>& node_kinds();
const std::vector<std::string>& proposal_types();
const std::vector<std::string>& modalities();

Result<std::int64_t> parse_id(std::string_view text, std::string_view name);
Result<std::optional<bool>> parse_bool(const QueryParams& query, std::string_view name);
Result<std::int64_t> parse_int(const QueryParams& query, std::string_view name, std::int64_t fallback,
                               std::int64_t min, std::int64_t max);
// YYYY-MM-DD (a real calendar date); empty when absent.
Result<std::string> parse_date(const QueryParams& query, std::string_view name);
// One of `allowed`; empty when absent.
Result<std::string> parse_choice(const QueryParams& query, std::string_view name,
                                 const std::vector<std::string>& allowed);

// relation=… (repeatable or comma-separated), each checked against relation_names().
Result<std::vector<std::string>> parse_relations(const QueryParams& query);

// The /v1/edges filter vocabulary (also /v1/graph): relation (repeatable or comma-separated), source,
// target, source_kind, target_kind, proposal_type, negated, modality, from, to, q, as_state.
Result<graph::EdgeFilter> parse_edge_filter(const QueryParams& query);
nlohmann::json to_json(const graph::EdgeFilter& filter);

// limit and cursor.
Result<graph::PageRequest> parse_page(const QueryParams& query);
std::string encode_cursor(std::int64_t after);

// {"data": items, "next_cursor": …|null} with a Link rel="next" header when there is a next page.
Response page_response(nlohmann::json items, std::optional<std::int64_t> next_after, const RouteParams& params);

}  // namespace parley::server
