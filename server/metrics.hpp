#pragma once
// Metrics: the service's Prometheus counters, rendered at GET /metrics in the text exposition format
// (version 0.0.4). The session reports every response (method, route template, status, duration) through
// observe(); gauges about the data (articles, facts, queue depth, database size) are read when scraped.
// Thread-safe (one mutex; observe() is a map lookup and a few additions). Route labels are templates
// ("/v1/edges/{id}"), never raw paths, so a client cannot grow the label set.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "server/router.hpp"

namespace parley::server {

class Metrics {
public:
    // Upper bounds (seconds) of the latency histogram's buckets; +Inf is implicit.
    static constexpr std::array<double, 12> latency_bounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                              0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

    void observe(std::string_view method, std::string_view route, unsigned status, std::chrono::nanoseconds duration);

    // Values read at scrape time; an absent one is left out of the output.
    struct Gauges {
        std::optional<std::int64_t> articles;
        std::optional<std::int64_t> facts;
        std::optional<std::int64_t> mentions;
        std::optional<std::int64_t> revision;
        std::optional<std::int64_t> queue_depth;
        std::optional<std::int64_t> database_bytes;  // the file plus its -wal
        std::optional<std::int64_t> stream_clients;
        std::optional<std::int64_t> stream_dropped;  // SSE clients dropped for being slow, since start
    };

    std::string render(const Gauges& gauges) const;

private:
    struct Histogram {
        std::array<std::uint64_t, latency_bounds.size()> buckets{};  // non-cumulative; summed when rendered
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests_;  // method, route, status
    std::map<std::string, Histogram> latency_;                                          // by route
};

inline constexpr std::string_view prometheus_content_type = "text/plain; version=0.0.4; charset=utf-8";

// GET /metrics: the scrape endpoint. Not cacheable, runs on the worker pool (it stats the database).
void register_metrics_routes(Router& router);

}  // namespace parley::server
