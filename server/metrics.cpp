#include "server/metrics.hpp"

#include <algorithm>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "graph/queries.hpp"
#include "graph/stats.hpp"
#include "server/context.hpp"
#include "server/stream.hpp"

namespace parley::server {

namespace {

// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
std::string label_value(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

void Metrics::observe(std::string_view method, std::string_view route, unsigned status,
                      std::chrono::nanoseconds duration) {
    const double seconds = std::chrono::duration<double>(duration).count();
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(latency_bounds.begin(), latency_bounds.end(), seconds) - latency_bounds.begin());
    std::lock_guard lock(mutex_);
    ++requests_[{std::string(method), std::string(route), status}];
    Histogram& h = latency_[std::string(route)];
    if (bucket < h.buckets.size()) ++h.buckets[bucket];
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::render(const Gauges& gauges) const {
    std::string out;
    {
        std::lock_guard lock(mutex_);
        header(out, "parley_http_requests_total", "counter", "HTTP responses sent, by method, route template and status.");
        for (const auto& [key, count] : requests_) {
            const auto& [method, route, status] = key;
            out += fmt::format("parley_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                               label_value(method), label_value(route), status, count);
        }
        header(out, "parley_http_request_duration_seconds", "histogram",
               "Time from a parsed request to its response, by route template.");
        for (const auto& [route, h] : latency_) {
            const std::string label = label_value(route);
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < latency_bounds.size(); ++i) {
                cumulative += h.buckets[i];
                out += fmt::format("parley_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                                   latency_bounds[i], cumulative);
            }
            out += fmt::format("parley_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label,
                               h.count);
            out += fmt::format("parley_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, h.sum);
            out += fmt::format("parley_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
        }
    }
    const std::tuple<std::string_view, const std::optional<std::int64_t>*, std::string_view, std::string_view> gauge_rows[] = {
        {"parley_articles", &gauges.articles, "gauge", "Articles ingested into the database."},
        {"parley_facts", &gauges.facts, "gauge", "Distinct facts (edges) in the database."},
        {"parley_mentions", &gauges.mentions, "gauge", "Evidence rows (mentions of facts) in the database."},
        {"parley_graph_revision", &gauges.revision, "gauge", "Graph revision: committed writes that changed the graph."},
        {"parley_ingest_queue_depth", &gauges.queue_depth, "gauge", "Write jobs waiting for the one writer."},
        {"parley_database_size_bytes", &gauges.database_bytes, "gauge", "Size of the database file and its WAL."},
        {"parley_stream_clients", &gauges.stream_clients, "gauge", "Connected /v1/stream clients."},
        {"parley_stream_dropped_total", &gauges.stream_dropped, "counter",
         "Stream clients dropped because they fell too far behind."},
    };
    for (const auto& [name, value, type, help] : gauge_rows) {
        if (!value->has_value()) continue;
        header(out, name, type, help);
        out += fmt::format("{} {}\n", name, **value);
    }
    return out;
}

namespace {

std::optional<std::int64_t> file_bytes(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return std::nullopt;
    return static_cast<std::int64_t>(size);
}

Response get_metrics(const Request&, const RouteParams&, AppContext& context) {
    Metrics::Gauges gauges;
    if (context.dashboard) {
        // The totals are a few COUNT(*)s; a failing database only leaves them out of the scrape.
        if (auto summary = context.dashboard->summary()) {
            gauges.articles = summary->articles;
            gauges.facts = summary->facts;
            gauges.mentions = summary->mentions;
        }
    }
    if (context.writes) gauges.queue_depth = static_cast<std::int64_t>(context.writes->pending());
    if (auto db = file_bytes(context.config.db_path)) {
        gauges.database_bytes = *db + file_bytes(context.config.db_path + "-wal").value_or(0);
    }
    if (context.queries) {
        if (auto revision = context.queries->revision()) gauges.revision = *revision;
    }
    if (context.stream) {
        gauges.stream_clients = static_cast<std::int64_t>(context.stream->clients());
        gauges.stream_dropped = static_cast<std::int64_t>(context.stream->dropped());
    }
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, prometheus_content_type);
    res.set(http::field::cache_control, "no-store");
    res.body() = context.metrics ? context.metrics->render(gauges) : Metrics{}.render(gauges);
    res.prepare_payload();
    return res;
}

}  // namespace

void register_metrics_routes(Router& router) {
    router.add(http::verb::get, "/metrics", get_metrics, RouteOptions{.offload = true, .cacheable = false});
}

}  // namespace parley::server
