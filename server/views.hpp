#pragma once
// JSON shapes of the API's resources (documented in schema/openapi.json). Pure functions of the graph
// read-model records; nlohmann keeps field order alphabetical, which keeps bodies byte-stable.

#include <nlohmann/json.hpp>

#include "graph/queries.hpp"
#include "graph/records.hpp"

namespace parley::server {

nlohmann::json node_ref(const graph::NodeRecord& node);  // id, kind, name (+ proposal_type)
nlohmann::json to_json(const graph::NodeRecord& node);   // full node
nlohmann::json to_json(const graph::EdgeRecord& edge);   // endpoints by id
nlohmann::json to_json(const graph::EdgeDetail& edge);   // endpoints expanded
nlohmann::json to_json(const graph::EvidenceRecord& evidence);
nlohmann::json to_json(const graph::NodeDetail& node);
nlohmann::json to_json(const graph::ArticleRecord& article, bool with_text);
nlohmann::json to_json(const graph::TimelineEvent& event);
nlohmann::json to_json(const graph::Timeline& timeline);
// {"nodes": [...], "edges": [...], "evidence": [...]}.
nlohmann::json to_json(const graph::GraphSlice& slice);

}  // namespace parley::server
