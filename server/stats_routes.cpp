#include "server/stats_routes.hpp"

#include <string>
#include <vector>

#include "graph/stats.hpp"
#include "graph/stats_render.hpp"
#include "server/context.hpp"
#include "server/params.hpp"
#include "server/problem.hpp"

namespace parley::server {
namespace {

using nlohmann::json;

constexpr std::size_t max_actor_parameter = 500;
constexpr std::int64_t default_top_limit = 10;

// format=csv|json wins; otherwise an Accept header naming text/csv (and not JSON first) asks for CSV.
Result<bool> wants_csv(const Request& request, const QueryParams& query) {
    auto format = parse_choice(query, "format", {"json", "csv"});
    if (!format) return format.error();
    if (!format->empty()) return *format == "csv";
    const std::string_view accept = request[http::field::accept];
    const auto csv = accept.find("text/csv");
    const auto json_pos = accept.find("application/json");
    return csv != std::string_view::npos && (json_pos == std::string_view::npos || csv < json_pos);
}

// Renders an aggregate as {"data": json} or as CSV named `name`, from the same value.
template <class T, class ToJson, class ToTable>
Response render(const Request& request, const RouteParams& params, const Result<T>& result, ToJson to_json_body,
                ToTable to_table, std::string_view name) {
    if (!result) return error_response(result.error());
    auto csv = wants_csv(request, params.query);
    if (!csv) return error_response(csv.error());
    // One URL, two representations: caches must key on Accept too.
    if (!*csv) {
        Response res = json_response(json{{"data", to_json_body(*result)}});
        res.set(http::field::vary, "Accept");
        return res;
    }
    Response res{http::status::ok, 11};
    res.set(http::field::vary, "Accept");
    res.set(http::field::content_type, "text/csv; charset=utf-8; header=present");
    res.set(http::field::content_disposition, "inline; filename=\"parley-" + std::string(name) + ".csv\"");
    res.body() = graph::to_csv(to_table(*result));
    res.prepare_payload();
    return res;
}

template <class E>
Result<E> parse_enum(const QueryParams& query, std::string_view name, E fallback,
                     Result<E> (*parse)(std::string_view)) {
    auto text = query.get(name);
    if (!text || text->empty()) return fallback;
    return parse(*text);
}

// relation, actor, proposal_type, from, to: the filter every aggregate shares.
Result<graph::StatsFilter> parse_stats_filter(const QueryParams& query) {
    graph::StatsFilter filter;
    auto relations = parse_relations(query);
    if (!relations) return relations.error();
    filter.relations = std::move(*relations);
    if (auto actor = query.get("actor")) {
        if (actor->size() > max_actor_parameter)
            return make_error(ErrorCode::invalid_argument,
                              "actor: longer than " + std::to_string(max_actor_parameter) + " bytes");
        filter.actor = *actor;
    }
    auto type = parse_choice(query, "proposal_type", proposal_types());
    if (!type) return type.error();
    filter.proposal_type = *type;
    for (auto [name, field] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
        auto date = parse_date(query, name);
        if (!date) return date.error();
        *field = *date;
    }
    if (auto status = graph::validate(filter); !status) return status.error();
    return filter;
}

Result<graph::StanceQuery> parse_stance_query(const QueryParams& query) {
    if (query.has("relation"))
        return make_error(ErrorCode::invalid_argument, "relation: not accepted here; the stances are the columns");
    auto filter = parse_stats_filter(query);
    if (!filter) return filter.error();
    auto as_state = parse_bool(query, "as_state");
    if (!as_state) return as_state.error();
    return graph::StanceQuery{std::move(*filter), as_state->value_or(false)};
}

Response get_summary(const Request& request, const RouteParams& params, AppContext& context) {
    return render(request, params, context.dashboard->summary(), graph::summary_json, graph::summary_table,
                  "summary");
}

Response get_timeseries(const Request& request, const RouteParams& params, AppContext& context) {
    graph::TimeseriesQuery query;
    auto filter = parse_stats_filter(params.query);
    if (!filter) return error_response(filter.error());
    query.filter = std::move(*filter);
    auto metric = parse_enum(params.query, "metric", graph::Metric::facts, graph::parse_metric);
    if (!metric) return error_response(metric.error());
    auto interval = parse_enum(params.query, "interval", graph::Interval::day, graph::parse_interval);
    if (!interval) return error_response(interval.error());
    auto series = parse_enum(params.query, "series", graph::SeriesBy::relation, graph::parse_series_by);
    if (!series) return error_response(series.error());
    query.metric = *metric;
    query.interval = *interval;
    query.series = *series;
    auto table = [](const std::vector<graph::SeriesPoint>& points) { return graph::timeseries_table(points); };
    return render(request, params, context.dashboard->timeseries(query),
                  [&](const auto& points) { return graph::to_json(table(points)); }, table, "timeseries");
}

Response get_top(const Request& request, const RouteParams& params, AppContext& context) {
    auto filter = parse_stats_filter(params.query);
    if (!filter) return error_response(filter.error());
    auto by = parse_enum(params.query, "by", graph::TopBy::source, graph::parse_top_by);
    if (!by) return error_response(by.error());
    auto limit = parse_int(params.query, "limit", default_top_limit, 1, graph::max_top_limit);
    if (!limit) return error_response(limit.error());
    auto table = [](const std::vector<store::TopRow>& rows) { return graph::top_table(rows); };
    return render(request, params, context.dashboard->top(*filter, *by, static_cast<int>(*limit)),
                  [&](const auto& rows) { return graph::to_json(table(rows)); }, table, "top");
}

Response get_stance(const Request& request, const RouteParams& params, AppContext& context) {
    auto query = parse_stance_query(params.query);
    if (!query) return error_response(query.error());
    return render(request, params, context.dashboard->stance(*query), graph::stance_json, graph::stance_table,
                  "stance");
}

Response get_contradictions(const Request& request, const RouteParams& params, AppContext& context) {
    auto query = parse_stance_query(params.query);
    if (!query) return error_response(query.error());
    return render(request, params, context.dashboard->contradictions(*query), graph::contradictions_json,
                  graph::contradictions_table, "contradictions");
}

}  // namespace

void register_stats_routes(Router& router) {
    const RouteOptions aggregate{.offload = true, .cacheable = true};
    router.add(http::verb::get, "/v1/stats/summary", get_summary, aggregate);
    router.add(http::verb::get, "/v1/stats/timeseries", get_timeseries, aggregate);
    router.add(http::verb::get, "/v1/stats/top", get_top, aggregate);
    router.add(http::verb::get, "/v1/stance", get_stance, aggregate);
    router.add(http::verb::get, "/v1/contradictions", get_contradictions, aggregate);
}

}  // namespace parley::server
