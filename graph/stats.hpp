#pragma once
// Dashboard aggregates (issue 6): summary, zero-filled time series, top-N, the actor x stance matrix and
// the contradictions review queue. Functions of a store::StatsSource plus pure post-processing, so the
// server, the CLI and the tests share them. Stateless and thread-safe given a source per thread; every
// failure is a Result (invalid_argument for a bad parameter, database_error from the source).

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/stats_source.hpp"

namespace parley::graph {

using store::Interval;
using store::Metric;
using store::SeriesBy;
using store::StatsFilter;
using store::TopBy;

// ---- parameters -------------------------------------------------------------------------------

// Parsers for the query-parameter vocabulary; errors name the parameter and list the valid values.
Result<Metric> parse_metric(std::string_view text);
Result<Interval> parse_interval(std::string_view text);
Result<SeriesBy> parse_series_by(std::string_view text);
Result<TopBy> parse_top_by(std::string_view text);
using store::to_string;

// Checks the dates of a filter (YYYY-MM-DD, from <= to).
Status validate(const StatsFilter& filter);

// ---- calendar ---------------------------------------------------------------------------------

// The first day of the bucket holding `date` (a valid YYYY-MM-DD): the day itself, the Monday of its
// ISO week, or the first of its month. The SQL in store/sqlite_stats.cpp computes the same keys.
std::string bucket_start(std::string_view date, Interval interval);
// The first day of the following bucket.
std::string next_bucket(std::string_view bucket, Interval interval);

// More buckets than this in one time series is a client mistake (e.g. ten years by day is 3653).
inline constexpr std::size_t max_buckets = 5000;

// ---- time series ------------------------------------------------------------------------------

struct TimeseriesQuery {
    Metric metric = Metric::facts;
    Interval interval = Interval::day;
    SeriesBy series = SeriesBy::relation;
    StatsFilter filter;
};

struct SeriesPoint {
    std::string bucket;
    std::string series;
    std::int64_t value = 0;
    bool operator==(const SeriesPoint&) const = default;
};

// Every bucket from `from` (or the first bucket with data) to `to` (or the last one) for every series:
// the series with data, plus each requested relation when the series are relations. Ordered by bucket,
// then series. More than max_buckets buckets is invalid_argument.
Result<std::vector<SeriesPoint>> zero_fill(const std::vector<store::BucketCount>& counts,
                                           const std::vector<std::string>& required_series, std::string_view from,
                                           std::string_view to, Interval interval);

Result<std::vector<SeriesPoint>> timeseries(store::StatsSource& source, const TimeseriesQuery& query);

// ---- top --------------------------------------------------------------------------------------

inline constexpr int max_top_limit = 1000;
Result<std::vector<store::TopRow>> top(store::StatsSource& source, const StatsFilter& filter, TopBy by, int limit);

// ---- stances ----------------------------------------------------------------------------------

// The stance relations in column order: support first, then opposition.
inline constexpr std::array<std::string_view, 7> stance_relations = {
    "proposed", "demanded", "accepted", "welcomed", "supported", "rejected", "criticized"};
bool is_supportive(std::string_view relation);  // proposed, demanded, accepted, welcomed, supported
bool is_opposing(std::string_view relation);    // rejected, criticized

// Replaces each person actor by the state it represents on the mention's date: the representation whose
// dates cover it, else the latest one that began before it, else the earliest one. People with no
// state representation stay as they are.
std::vector<store::StanceMention> roll_up_to_states(std::vector<store::StanceMention> mentions,
                                                    const std::vector<store::Representation>& representations);

struct StanceCell {
    std::int64_t count = 0;  // mentions
    std::string latest;      // date of the latest mention, empty when count is 0
};

struct StanceRow {
    std::int64_t actor_id = 0;
    std::string actor;
    std::string actor_kind;
    std::array<StanceCell, stance_relations.size()> cells;  // indexed like stance_relations
    std::string latest_stance;  // the relation of the actor's latest mention (ties: the later-stored one)
    std::string latest_date;
};

// One row per actor, ordered by total mentions (descending), then name. Input in date, evidence order.
std::vector<StanceRow> stance_matrix(const std::vector<store::StanceMention>& mentions);

// An actor that took opposite stances on one proposal: the latest supportive and the latest opposing
// mention, each with its evidence.
struct Contradiction {
    store::StanceMention support;
    store::StanceMention opposition;
};

// One entry per (actor, proposal) holding both kinds, most recent change first.
std::vector<Contradiction> contradictions(const std::vector<store::StanceMention>& mentions);

struct StanceQuery {
    StatsFilter filter;  // relations are ignored: the stance relations are the columns
    bool as_state = false;
};

// The stance mentions behind /v1/stance and /v1/contradictions, rolled up when asked.
Result<std::vector<store::StanceMention>> load_stances(store::StatsSource& source, const StanceQuery& query);

// ---- the service's entry point ----------------------------------------------------------------

// Dashboard: every aggregate, ready for a handler. Thread-safe: it keeps a pool of StatsSources (one per
// concurrent caller, opened on demand by `opener`, returned after each call). Errors as the functions above.
class Dashboard {
public:
    using Opener = std::function<Result<std::unique_ptr<store::StatsSource>>()>;
    explicit Dashboard(Opener opener) : opener_(std::move(opener)) {}

    Result<store::SummaryCounts> summary();
    Result<std::vector<SeriesPoint>> timeseries(const TimeseriesQuery& query);
    Result<std::vector<store::TopRow>> top(const StatsFilter& filter, TopBy by, int limit);
    Result<std::vector<StanceRow>> stance(const StanceQuery& query);
    Result<std::vector<Contradiction>> contradictions(const StanceQuery& query);
    // The mentions an article's evidence holds (what the live stream publishes after an ingest).
    Result<std::vector<store::FactMention>> article_mentions(std::int64_t article_id);

private:
    // Runs `work` with a pooled source; a source that failed is dropped rather than reused.
    template <class T>
    Result<T> with_source(const std::function<Result<T>(store::StatsSource&)>& work);

    Opener opener_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<store::StatsSource>> idle_;
};

}  // namespace parley::graph
