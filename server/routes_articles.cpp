// Articles: provenance reads, and the write endpoints (ingest one, ingest a batch, retract). Writes run on
// the worker pool (extraction is CPU work) and hand the database part to the one writer; a full writer
// queue is a 429. Errors: 400 bad JSON, 415 wrong Content-Type, 422 valid JSON but not a valid article.

#include <algorithm>
#include <cctype>

#include "graph/graph_writer.hpp"
#include "graph/queries.hpp"
#include "ingest/extractor.hpp"
#include "server/context.hpp"
#include "server/params.hpp"
#include "server/problem.hpp"
#include "server/routes.hpp"
#include "server/stream.hpp"
#include "server/views.hpp"

namespace parley::server {
namespace {

using nlohmann::json;

// Whether the Content-Type's media type (before any ';') is one of `types`, case-insensitively.
bool has_media_type(const Request& request, std::initializer_list<std::string_view> types) {
    std::string_view value = request[http::field::content_type];
    value = value.substr(0, value.find(';'));
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return std::any_of(types.begin(), types.end(), [&](std::string_view type) {
        return value.size() == type.size() &&
               std::equal(value.begin(), value.end(), type.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
               });
    });
}

Response unsupported_media(std::string_view expected) {
    return problem_response(http::status::unsupported_media_type,
                            "header 'Content-Type' must be " + std::string(expected));
}

// An article ready for the writer: validated and extracted (on the calling worker thread).
struct Prepared {
    ingest::Article article;
    ingest::ArticleGraph graph;
};

// Parses one article document; bad JSON is a 400 Error, a JSON value that is not a valid article a 422.
Result<Prepared> prepare(std::string_view text, const ingest::Extractor& extractor) {
    json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return make_error(ErrorCode::invalid_argument, "body is not valid JSON");
    auto article = ingest::article_from_json(parsed);
    if (!article) return make_error(ErrorCode::invalid_input, article.error().message);
    Prepared out{std::move(article).value(), {}};
    out.graph = extractor.extract(out.article);
    return out;
}

json summary_json(const graph::IngestSummary& summary) {
    return {{"article_id", summary.article_id},
            {"outcome", std::string(graph::to_string(summary.outcome))},
            {"facts", summary.facts},
            {"mentions", summary.mentions},
            {"skipped_edges", summary.skipped_edges}};
}

// The extracted graph with each node's and edge's stored id (`stored_id`, null when it was not stored: a
// node no edge uses, an edge whose two ends merged into one node). Both arrays keep the extractor's order.
json with_stored_ids(json extracted, const graph::IngestSummary& summary) {
    for (auto& node : extracted["nodes"]) {
        auto it = summary.node_ids.find(node["id"].get<std::string>());
        node["stored_id"] = it == summary.node_ids.end() ? json(nullptr) : json(it->second);
    }
    auto& edges = extracted["edges"];
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const auto id = i < summary.edge_ids.size() ? summary.edge_ids[i] : 0;
        edges[i]["stored_id"] = id == 0 ? json(nullptr) : json(id);
    }
    return extracted;
}

Response post_article(const Request& request, const RouteParams&, AppContext& context) {
    if (!has_media_type(request, {"application/json"})) return unsupported_media("application/json");
    auto prepared = prepare(request.body(), *context.extractor);
    if (!prepared) return error_response(prepared.error());
    auto summary = context.writes->run<graph::IngestSummary>(
        [&] {
            auto ingested = context.writer->ingest(prepared->article, prepared->graph);
            if (ingested) publish_ingest(context, *ingested);  // the live stream (server/stream.hpp)
            return ingested;
        });
    if (!summary) return error_response(summary.error());
    json body = summary_json(*summary);
    body["extracted"] = with_stored_ids(ingest::to_json(prepared->graph), *summary);
    auto stored = context.queries->article_graph(summary->article_id);
    if (!stored) return error_response(stored.error());
    body["stored"] = to_json(*stored);
    const bool created = summary->outcome == graph::IngestOutcome::created;
    Response res = json_response(body, created ? http::status::created : http::status::ok);
    res.set(http::field::location, "/v1/articles/" + std::to_string(summary->article_id));
    return res;
}

Response post_batch(const Request& request, const RouteParams&, AppContext& context) {
    if (!has_media_type(request, {"application/x-ndjson", "application/jsonl"}))
        return unsupported_media("application/x-ndjson");
    struct Line {
        std::size_t number = 0;
        Result<Prepared> prepared;
    };
    std::vector<Line> lines;
    std::string_view rest = request.body();
    for (std::size_t number = 1; !rest.empty(); ++number) {
        const auto newline = rest.find('\n');
        const std::string_view text = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        lines.push_back(Line{number, prepare(text, *context.extractor)});
    }
    if (lines.empty()) return problem_response(http::status::unprocessable_entity, "body holds no article line");

    // One writer job for the whole batch: each article is still its own transaction.
    using Outcomes = std::vector<Result<graph::IngestSummary>>;
    auto outcomes = context.writes->run<Outcomes>([&]() -> Result<Outcomes> {
        Outcomes out;
        for (auto& line : lines) {
            if (!line.prepared) {
                out.emplace_back(line.prepared.error());
                continue;
            }
            out.push_back(context.writer->ingest(line.prepared->article, line.prepared->graph));
            if (out.back()) publish_ingest(context, *out.back());
        }
        return out;
    });
    if (!outcomes) return error_response(outcomes.error());

    json results = json::array();
    std::map<std::string, std::int64_t> counts{{"created", 0}, {"unchanged", 0}, {"replaced", 0}, {"failed", 0}};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& outcome = (*outcomes)[i];
        json entry = {{"line", lines[i].number}};
        if (outcome) {
            entry.update(summary_json(*outcome));
            entry["status"] = outcome->outcome == graph::IngestOutcome::created ? 201 : 200;
            ++counts[std::string(graph::to_string(outcome->outcome))];
        } else {
            entry["status"] = static_cast<unsigned>(status_for(outcome.error().code));
            entry["error"] = outcome.error().message;
            ++counts["failed"];
        }
        results.push_back(std::move(entry));
    }
    return json_response({{"results", std::move(results)}, {"counts", counts}});
}

Response delete_article(const Request&, const RouteParams& params, AppContext& context) {
    auto id = parse_id(params.at("id"), "id");
    if (!id) return error_response(id.error());
    auto removed = context.writes->run<graph::RemoveSummary>([&] { return context.writer->remove_article(*id); });
    if (!removed) return error_response(removed.error());
    return json_response({{"article_id", removed->article_id}, {"facts_touched", removed->facts_touched}});
}

Response list_articles(const Request&, const RouteParams& params, AppContext& context) {
    auto page = parse_page(params.query);
    if (!page) return error_response(page.error());
    store::ArticleQuery query;
    query.after_id = page->after;
    query.limit = page->limit;
    auto from = parse_date(params.query, "from");
    if (!from) return error_response(from.error());
    auto to = parse_date(params.query, "to");
    if (!to) return error_response(to.error());
    query.from = *from;
    query.to = *to;
    query.outlet = params.query.get("outlet").value_or("");
    query.q = params.query.get("q").value_or("");
    if (query.q.size() > 500) return problem_response(http::status::bad_request, "parameter 'q': longer than 500 bytes");
    auto found = context.queries->articles(query);
    if (!found) return error_response(found.error());
    json items = json::array();
    for (const auto& article : found->items) items.push_back(to_json(article, false));
    return page_response(std::move(items), found->next_after, params);
}

Response get_article(const Request&, const RouteParams& params, AppContext& context) {
    auto id = parse_id(params.at("id"), "id");
    if (!id) return error_response(id.error());
    auto article = context.queries->article(*id);
    if (!article) return error_response(article.error());
    return json_response(to_json(*article, true));
}

Response get_article_graph(const Request&, const RouteParams& params, AppContext& context) {
    auto id = parse_id(params.at("id"), "id");
    if (!id) return error_response(id.error());
    auto slice = context.queries->article_graph(*id);
    if (!slice) return error_response(slice.error());
    json body = to_json(*slice);
    body["article_id"] = *id;
    return json_response(body);
}

}  // namespace

void register_article_routes(Router& router) {
    const RouteOptions read{.offload = false, .cacheable = true};
    const RouteOptions write{.offload = true, .cacheable = false, .write = true};
    router.add(http::verb::get, "/v1/articles", list_articles, read);
    router.add(http::verb::post, "/v1/articles", post_article, write);
    router.add(http::verb::post, "/v1/articles:batch", post_batch, write);
    router.add(http::verb::get, "/v1/articles/{id}", get_article, read);
    router.add(http::verb::delete_, "/v1/articles/{id}", delete_article, write);
    router.add(http::verb::get, "/v1/articles/{id}/graph", get_article_graph, read);
}

}  // namespace parley::server
