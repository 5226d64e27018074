// JSON exports: our canonical graph payload, and Cytoscape.js elements (also read by Cytoscape desktop as .cyjs).

#include <algorithm>

#include <nlohmann/json.hpp>

#include "graph/export_detail.hpp"

namespace parley::graph::detail {
namespace {

// Insertion-ordered, so a reader sees "graph" first and each object's id first.
using json = nlohmann::ordered_json;

// Empty means "unknown" in the records; JSON says so with null rather than "".
json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// Invalid UTF-8 anywhere in the records must not make the export throw.
std::string dump(const json& document, int indent) {
    return document.dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
}

// Cytoscape desktop rejects nested objects in element data, so attributes become flat "attr_" fields.
void flatten_attributes(const json& attributes, json& data) {
    if (!attributes.is_object()) return;
    for (const auto& [key, value] : attributes.items()) {
        const bool flat = value.is_primitive() ||
                          (value.is_array() && std::all_of(value.begin(), value.end(),
                                                           [](const json& v) { return v.is_primitive(); }));
        data["attr_" + key] = flat ? value : json(value.dump(-1, ' ', false, json::error_handler_t::replace));
    }
}

}  // namespace

Result<std::string> render_json(const GraphSlice& slice, const ExportMeta& meta) {
    const auto totals = node_totals(slice);
    std::map<std::int64_t, json> evidence_ids;
    json evidence = json::array();
    for (const auto& e : slice.evidence) {
        evidence_ids[e.edge_id].push_back(e.id);
        evidence.push_back({{"id", e.id},
                            {"edge_id", e.edge_id},
                            {"article_id", e.article_id},
                            {"sentence_index", e.sentence_index},
                            {"start", e.start},
                            {"end", e.end},
                            {"sentence", e.sentence},
                            {"modality", or_null(e.modality)},
                            {"date", or_null(e.date)},
                            {"article", {{"title", e.article_title}, {"url", e.article_url}, {"source", e.article_source}}}});
    }
    json nodes = json::array();
    for (const auto& n : slice.nodes) {
        const auto& t = totals.at(n.id);
        nodes.push_back({{"id", n.id},
                         {"kind", n.kind},
                         {"name", n.name},
                         {"proposal_type", or_null(n.proposal_type)},
                         {"aliases", n.aliases},
                         {"attributes", json(n.attributes)},
                         {"first_seen", or_null(n.first_seen)},
                         {"last_seen", or_null(n.last_seen)},
                         {"degree", t.degree},
                         {"mention_count", t.mention_count}});
    }
    json edges = json::array();
    for (const auto& e : slice.edges) {
        const auto ids = evidence_ids.find(e.id);
        edges.push_back({{"id", e.id},
                         {"source", e.source_id},
                         {"relation", e.relation},
                         {"target", e.target_id},
                         {"negated", e.negated},
                         {"title", or_null(e.title)},
                         {"mention_count", e.mention_count},
                         {"evidence_count", e.evidence_count},
                         {"first_seen", or_null(e.first_seen)},
                         {"last_seen", or_null(e.last_seen)},
                         {"evidence_ids", ids == evidence_ids.end() ? json::array() : ids->second}});
    }
    const json document = {{"graph",
                            {{"revision", meta.revision},
                             {"generated_at", or_null(meta.generated_at)},
                             {"filters", json(meta.filters)},
                             {"node_count", slice.nodes.size()},
                             {"edge_count", slice.edges.size()},
                             {"evidence_count", slice.evidence.size()}}},
                           {"nodes", std::move(nodes)},
                           {"edges", std::move(edges)},
                           {"evidence", std::move(evidence)}};
    return dump(document, 1);
}

Result<std::string> render_cytoscape(const GraphSlice& slice, const ExportMeta& meta) {
    const auto totals = node_totals(slice);
    json nodes = json::array();
    for (const auto& n : slice.nodes) {
        const auto& t = totals.at(n.id);
        json data = {{"id", node_key(n.id)},
                     {"node_id", n.id},
                     {"name", n.name},  // Cytoscape desktop's default label column
                     {"label", n.name},
                     {"kind", n.kind},
                     {"proposal_type", n.proposal_type},
                     {"aliases", n.aliases},
                     {"first_seen", n.first_seen},
                     {"last_seen", n.last_seen},
                     {"degree", t.degree},
                     {"mention_count", t.mention_count}};
        flatten_attributes(json(n.attributes), data);
        nodes.push_back({{"data", std::move(data)}});
    }
    json edges = json::array();
    for (const auto& e : slice.edges) {
        edges.push_back({{"data",
                          {{"id", edge_key(e.id)},
                           {"edge_id", e.id},
                           {"source", node_key(e.source_id)},
                           {"target", node_key(e.target_id)},
                           {"relation", e.relation},
                           {"relation_group", relation_group(e.relation)},
                           {"label", (e.negated ? "not " : "") + e.relation},
                           {"negated", e.negated},
                           {"title", e.title},
                           {"mention_count", e.mention_count},
                           {"evidence_count", e.evidence_count},
                           {"first_seen", e.first_seen},
                           {"last_seen", e.last_seen}}}});
    }
    const json document = {{"format_version", "1.0"},
                           {"generated_by", "parley"},
                           {"data",
                            {{"name", "parley graph"},
                             {"revision", meta.revision},
                             {"filters", meta.filters.dump(-1, ' ', false, json::error_handler_t::replace)}}},
                           {"elements", {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}}}};
    return dump(document, -1);
}

}  // namespace parley::graph::detail
