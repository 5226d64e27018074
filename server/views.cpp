#include "server/views.hpp"

namespace parley::server {

using nlohmann::json;

json node_ref(const graph::NodeRecord& node) {
    json out = {{"id", node.id}, {"kind", node.kind}, {"name", node.name}};
    if (!node.proposal_type.empty()) out["proposal_type"] = node.proposal_type;
    return out;
}

namespace {
json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
}  // namespace

json to_json(const graph::NodeRecord& node) {
    json out = node_ref(node);
    out["aliases"] = node.aliases;
    out["attributes"] = node.attributes;
    out["first_seen"] = or_null(node.first_seen);
    out["last_seen"] = or_null(node.last_seen);
    return out;
}

json to_json(const graph::EdgeRecord& edge) {
    json out = {{"id", edge.id},
                {"source", edge.source_id},
                {"relation", edge.relation},
                {"target", edge.target_id},
                {"negated", edge.negated},
                {"mention_count", edge.mention_count},
                {"first_seen", or_null(edge.first_seen)},
                {"last_seen", or_null(edge.last_seen)}};
    if (!edge.title.empty()) out["title"] = edge.title;
    if (edge.via_id != 0) out["via"] = edge.via_id;  // as_state: the person the source was lifted from
    return out;
}

json to_json(const graph::EdgeDetail& detail) {
    json out = to_json(detail.edge);
    out["source"] = node_ref(detail.source);
    out["target"] = node_ref(detail.target);
    out["evidence_count"] = detail.edge.evidence_count;
    out["article_count"] = detail.article_count;
    if (detail.via) out["via"] = node_ref(*detail.via);
    return out;
}

json to_json(const graph::EvidenceRecord& v) {
    return {{"id", v.id},
            {"edge_id", v.edge_id},
            {"sentence", v.sentence},
            {"sentence_index", v.sentence_index},
            {"start", v.start},
            {"end", v.end},
            {"modality", v.modality},
            {"date", or_null(v.date)},
            {"article", {{"id", v.article_id}, {"title", v.article_title}, {"url", v.article_url},
                         {"outlet", v.article_source}}}};
}

json to_json(const graph::NodeDetail& detail) {
    json out = to_json(detail.node);
    json offices = json::array();
    for (const auto& office : detail.offices)
        offices.push_back({{"edge_id", office.edge_id},
                           {"title", office.title},
                           {"of", node_ref(office.of)},
                           {"first_seen", or_null(office.first_seen)},
                           {"last_seen", or_null(office.last_seen)}});
    out["offices"] = std::move(offices);
    json degree = json::object();
    std::int64_t total = 0;
    for (const auto& d : detail.degrees) {
        degree[d.relation][d.direction] = d.count;
        total += d.count;
    }
    out["degree"] = std::move(degree);
    out["degree_total"] = total;
    return out;
}

json to_json(const graph::ArticleRecord& a, bool with_text) {
    json out = {{"id", a.id},
                {"url", a.url},
                {"outlet", a.source},
                {"published", or_null(a.published)},
                {"title", a.title},
                {"content_hash", a.content_hash},
                {"ingested_at", a.ingested_at},
                {"evidence_count", a.evidence_count}};
    if (with_text) out["text"] = a.text;
    return out;
}

json to_json(const graph::TimelineEvent& event) {
    return {{"date", or_null(event.date)},
            {"actor", node_ref(event.actor)},
            {"relation", event.relation},
            {"negated", event.negated},
            {"edge_id", event.edge_id},
            {"evidence", to_json(event.evidence)}};
}

json to_json(const graph::Timeline& timeline) {
    json events = json::array(), latest = json::array();
    for (const auto& event : timeline.events) events.push_back(to_json(event));
    for (const auto& event : timeline.latest) latest.push_back(to_json(event));
    return {{"proposal", to_json(timeline.proposal)}, {"events", std::move(events)}, {"latest", std::move(latest)}};
}

json to_json(const graph::GraphSlice& slice) {
    json nodes = json::array(), edges = json::array();
    for (const auto& node : slice.nodes) nodes.push_back(to_json(node));
    for (const auto& edge : slice.edges) edges.push_back(to_json(edge));
    json evidence = json::array();
    for (const auto& v : slice.evidence) evidence.push_back(to_json(v));
    return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}, {"evidence", std::move(evidence)}};
}

}  // namespace parley::server
