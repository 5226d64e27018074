// Graph reads: facts, nodes, neighbourhoods, paths, proposal timelines and whole-graph exports.
// Handlers are pure: parse parameters (a 400 names the parameter), ask graph::GraphQueries, render JSON.

#include <chrono>

#include "graph/export.hpp"
#include "graph/queries.hpp"
#include "server/context.hpp"
#include "server/params.hpp"
#include "server/problem.hpp"
#include "server/routes.hpp"
#include "server/views.hpp"

namespace parley::server {
namespace {

using nlohmann::json;

constexpr std::int64_t max_inline_evidence = 1000;
constexpr std::int64_t default_export_edges = 5000;
constexpr std::int64_t max_export_edges = 50000;
constexpr std::int64_t max_neighbor_edges = 5000;

Result<std::int64_t> path_id(const RouteParams& params) { return parse_id(params.at("id"), "id"); }

// `format`: one of graph::export_formats(); empty when absent (each endpoint has its own default).
Result<std::string> parse_export_format(const QueryParams& query) {
    return parse_choice(query, "format", graph::export_formats());
}

// A graph slice rendered as an export file: JSON formats inline (pages and scripts read them in place),
// the others as attachments; X-Parley-Truncated says whether the slice was cut at its bound.
Response export_response(const std::string& format, const graph::BoundedSlice& slice, nlohmann::json filters,
                         AppContext& context) {
    auto revision = context.queries->revision();
    graph::ExportMeta meta;
    meta.revision = revision ? *revision : 0;
    meta.filters = std::move(filters);
    auto rendered = graph::render_export(format, slice.slice, meta);
    if (!rendered) return error_response(rendered.error());
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, rendered->content_type);
    const bool inline_view = format == "json" || format == "cytoscape";
    res.set(http::field::content_disposition, std::string(inline_view ? "inline" : "attachment") + "; filename=\"" +
                                                  rendered->filename + "\"");
    res.set("X-Parley-Truncated", slice.truncated ? "true" : "false");
    res.body() = std::move(rendered->body);
    res.prepare_payload();
    return res;
}

Response list_edges(const Request&, const RouteParams& params, AppContext& context) {
    auto filter = parse_edge_filter(params.query);
    if (!filter) return error_response(filter.error());
    auto page = parse_page(params.query);
    if (!page) return error_response(page.error());
    auto found = context.queries->edges(*filter, *page);
    if (!found) return error_response(found.error());
    json items = json::array();
    for (const auto& edge : found->items) items.push_back(to_json(edge));
    return page_response(std::move(items), found->next_after, params);
}

Response get_edge(const Request&, const RouteParams& params, AppContext& context) {
    auto id = path_id(params);
    if (!id) return error_response(id.error());
    auto edge = context.queries->edge(*id);
    if (!edge) return error_response(edge.error());
    auto evidence = context.queries->evidence(*id, {0, max_inline_evidence});
    if (!evidence) return error_response(evidence.error());
    json body = to_json(*edge);
    body["evidence"] = json::array();
    for (const auto& v : evidence->items) body["evidence"].push_back(to_json(v));
    body["evidence_truncated"] = evidence->next_after.has_value();
    return json_response(body);
}

Response list_evidence(const Request&, const RouteParams& params, AppContext& context) {
    auto id = path_id(params);
    if (!id) return error_response(id.error());
    auto page = parse_page(params.query);
    if (!page) return error_response(page.error());
    auto evidence = context.queries->evidence(*id, *page);
    if (!evidence) return error_response(evidence.error());
    json items = json::array();
    for (const auto& v : evidence->items) items.push_back(to_json(v));
    return page_response(std::move(items), evidence->next_after, params);
}

Response list_nodes(const Request&, const RouteParams& params, AppContext& context) {
    auto kind = parse_choice(params.query, "kind", node_kinds());
    if (!kind) return error_response(kind.error());
    auto page = parse_page(params.query);
    if (!page) return error_response(page.error());
    const std::string q = params.query.get("q").value_or("");
    if (q.size() > 500) return problem_response(http::status::bad_request, "parameter 'q': longer than 500 bytes");
    auto found = context.queries->nodes(q, *kind, *page);
    if (!found) return error_response(found.error());
    json items = json::array();
    for (const auto& node : found->items) items.push_back(to_json(node));
    return page_response(std::move(items), found->next_after, params);
}

Response get_node(const Request&, const RouteParams& params, AppContext& context) {
    auto id = path_id(params);
    if (!id) return error_response(id.error());
    auto node = context.queries->node(*id);
    if (!node) return error_response(node.error());
    return json_response(to_json(*node));
}

Response get_neighbors(const Request&, const RouteParams& params, AppContext& context) {
    auto id = path_id(params);
    if (!id) return error_response(id.error());
    graph::NeighborQuery query;
    auto relations = parse_relations(params.query);
    if (!relations) return error_response(relations.error());
    query.relations = std::move(relations).value();
    auto direction = parse_choice(params.query, "direction", {"in", "out", "both"});
    if (!direction) return error_response(direction.error());
    query.direction = *direction == "in"    ? graph::Direction::in
                      : *direction == "out" ? graph::Direction::out
                                            : graph::Direction::both;
    auto from = parse_date(params.query, "from");
    if (!from) return error_response(from.error());
    auto to = parse_date(params.query, "to");
    if (!to) return error_response(to.error());
    query.from = *from;
    query.to = *to;
    auto depth = parse_int(params.query, "depth", 1, 1, 3);
    if (!depth) return error_response(depth.error());
    query.depth = static_cast<int>(*depth);
    auto limit = parse_int(params.query, "limit", 500, 1, max_neighbor_edges);
    if (!limit) return error_response(limit.error());
    query.max_edges = static_cast<std::size_t>(*limit);
    auto as_state = parse_bool(params.query, "as_state");
    if (!as_state) return error_response(as_state.error());
    query.as_state = as_state->value_or(false);
    auto format = parse_export_format(params.query);
    if (!format) return error_response(format.error());
    auto slice = context.queries->neighbors(*id, query);
    if (!slice) return error_response(slice.error());
    // No format: the neighbourhood document below; an export format: the same slice as GET /v1/graph renders it.
    if (!format->empty()) {
        json filters = {{"node", *id}, {"direction", direction->empty() ? "both" : *direction}, {"depth", query.depth}};
        if (!query.relations.empty()) filters["relation"] = query.relations;
        if (!query.from.empty()) filters["from"] = query.from;
        if (!query.to.empty()) filters["to"] = query.to;
        if (query.as_state) filters["as_state"] = true;
        return export_response(*format, *slice, std::move(filters), context);
    }
    json body = to_json(slice->slice);
    body["truncated"] = slice->truncated;
    return json_response(body);
}

Response get_paths(const Request&, const RouteParams& params, AppContext& context) {
    graph::PathQuery query;
    for (auto [name, field] : {std::pair{"from", &query.from}, std::pair{"to", &query.to}}) {
        auto value = params.query.get(name);
        if (!value || value->empty())
            return problem_response(http::status::bad_request, "parameter '" + std::string(name) +
                                                                   "' is required (a node id, name or alias)");
        *field = *value;
    }
    auto depth = parse_int(params.query, "max_depth", 3, 1, 4);
    if (!depth) return error_response(depth.error());
    query.max_depth = static_cast<int>(*depth);
    auto k = parse_int(params.query, "limit", 5, 1, 50);
    if (!k) return error_response(k.error());
    query.max_paths = static_cast<std::size_t>(*k);
    auto relations = parse_relations(params.query);
    if (!relations) return error_response(relations.error());
    query.relations = std::move(relations).value();
    auto result = context.queries->paths(query);
    if (!result) return error_response(result.error());
    json body = to_json(result->slice);
    json paths = json::array();
    for (const auto& path : result->paths)
        paths.push_back({{"nodes", path.node_ids}, {"edges", path.edge_ids}, {"length", path.edge_ids.size()}});
    body["paths"] = std::move(paths);
    body["truncated"] = result->truncated;
    return json_response(body);
}

Response get_timeline(const Request&, const RouteParams& params, AppContext& context) {
    auto id = path_id(params);
    if (!id) return error_response(id.error());
    auto timeline = context.queries->timeline(*id);
    if (!timeline) return error_response(timeline.error());
    return json_response(to_json(*timeline));
}

Response get_graph(const Request&, const RouteParams& params, AppContext& context) {
    auto filter = parse_edge_filter(params.query);
    if (!filter) return error_response(filter.error());
    auto format = parse_export_format(params.query);
    if (!format) return error_response(format.error());
    auto limit = parse_int(params.query, "limit", default_export_edges, 1, max_export_edges);
    if (!limit) return error_response(limit.error());
    auto with_evidence = parse_bool(params.query, "evidence");
    if (!with_evidence) return error_response(with_evidence.error());
    auto slice = context.queries->slice(*filter, static_cast<std::size_t>(*limit), with_evidence->value_or(true));
    if (!slice) return error_response(slice.error());
    return export_response(format->empty() ? "json" : *format, *slice, to_json(*filter), context);
}

}  // namespace

void register_graph_routes(Router& router) {
    const RouteOptions read{.offload = false, .cacheable = true};
    const RouteOptions heavy_read{.offload = true, .cacheable = true};
    router.add(http::verb::get, "/v1/edges", list_edges, read);
    router.add(http::verb::get, "/v1/edges/{id}", get_edge, read);
    router.add(http::verb::get, "/v1/edges/{id}/evidence", list_evidence, read);
    router.add(http::verb::get, "/v1/nodes", list_nodes, read);
    router.add(http::verb::get, "/v1/nodes/{id}", get_node, read);
    router.add(http::verb::get, "/v1/nodes/{id}/neighbors", get_neighbors, heavy_read);
    router.add(http::verb::get, "/v1/paths", get_paths, heavy_read);
    router.add(http::verb::get, "/v1/proposals/{id}/timeline", get_timeline, read);
    router.add(http::verb::get, "/v1/graph", get_graph, heavy_read);
}

}  // namespace parley::server
