#pragma once
// StatsSource: the narrow read interface the dashboard aggregates (graph/stats.hpp) ask of a store.
// Rows are plain values; grouping by day/week/month and top-N ranking happen in the backend's query
// language, everything else (zero-filling, stance matrices, roll-ups) in graph/. SQLite implements it in
// store/sqlite_stats.hpp; a PostgreSQL backend would implement the same six calls over the same views.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace parley::store {

enum class Metric { facts, mentions, articles };  // distinct facts, evidence rows, distinct articles
enum class Interval { day, week, month };        // weeks start on Monday (ISO 8601)
enum class SeriesBy { relation, outlet, total };  // what names a time series
enum class TopBy { source, target, outlet };

// The parameter spelling of each enumerator, indexed by its value: the API, the CLI and the SQL share it.
inline constexpr std::array<std::string_view, 3> metric_names = {"facts", "mentions", "articles"};
inline constexpr std::array<std::string_view, 3> interval_names = {"day", "week", "month"};
inline constexpr std::array<std::string_view, 3> series_names = {"relation", "outlet", "total"};
inline constexpr std::array<std::string_view, 3> top_names = {"source", "target", "outlet"};
inline std::string_view to_string(Metric v) { return metric_names[static_cast<std::size_t>(v)]; }
inline std::string_view to_string(Interval v) { return interval_names[static_cast<std::size_t>(v)]; }
inline std::string_view to_string(SeriesBy v) { return series_names[static_cast<std::size_t>(v)]; }
inline std::string_view to_string(TopBy v) { return top_names[static_cast<std::size_t>(v)]; }

// Constraints shared by every aggregate; empty means "no constraint". Dates are inclusive ISO days on a
// mention's date. Only mentions that are not negated count (a denied act is not an act).
struct StatsFilter {
    std::vector<std::string> relations;
    std::string actor;          // node id, canonical name or alias, as source or target
    std::string proposal_type;  // the fact's target is a proposal of this type
    std::string from;
    std::string to;
};

struct NameCount {
    std::string name;
    std::int64_t count = 0;
};

struct SummaryCounts {
    std::int64_t articles = 0;
    std::int64_t nodes = 0;
    std::int64_t facts = 0;
    std::int64_t mentions = 0;
    std::vector<NameCount> nodes_by_kind;      // ordered by name
    std::vector<NameCount> facts_by_relation;  // ordered by name
    std::vector<NameCount> outlets;            // articles per outlet, most first
    std::string first_date;  // over mention dates; empty when there are none
    std::string last_date;
};

struct BucketCount {
    std::string bucket;  // first day of the bucket, YYYY-MM-DD
    std::string series;
    std::int64_t value = 0;
};

struct TopRow {
    std::int64_t id = 0;  // node id; 0 for outlets
    std::string label;
    std::string kind;  // node kind, or "outlet"
    std::int64_t facts = 0;
    std::int64_t mentions = 0;
    std::string first_seen;
    std::string last_seen;
};

// One mention of an actor taking a stance on a proposal (a row of the v_stance view).
struct StanceMention {
    std::int64_t evidence_id = 0;
    std::int64_t edge_id = 0;
    std::int64_t actor_id = 0;
    std::string actor;
    std::string actor_kind;
    std::string relation;
    std::int64_t proposal_id = 0;
    std::string proposal;
    std::string proposal_type;
    std::string date;
    std::string modality;
    std::string sentence;
    std::int64_t article_id = 0;
    std::string article_title;
    std::string article_url;
    std::string outlet;
};

// One mention of any fact (a row of the v_mentions view): what the live stream sends per stored fact.
struct FactMention {
    std::int64_t evidence_id = 0;
    std::int64_t edge_id = 0;
    std::string date;
    std::int64_t source_id = 0;
    std::string source;
    std::string source_kind;
    std::string relation;
    std::int64_t target_id = 0;
    std::string target;
    std::string target_kind;
    std::string proposal_type;
    bool negated = false;
    std::string modality;
    std::string sentence;
    std::int64_t article_id = 0;
    std::string article_title;
    std::string article_url;
    std::string outlet;
};

// A `represents` fact from a person to a state, with the span of dates its mentions cover.
struct Representation {
    std::int64_t person_id = 0;
    std::int64_t state_id = 0;
    std::string state;
    std::string first_seen;
    std::string last_seen;
};

// Implementations are used from one thread at a time (one per connection); failures are
// ErrorCode::database_error values, never exceptions.
class StatsSource {
public:
    virtual ~StatsSource() = default;

    virtual Result<SummaryCounts> summary() = 0;
    // Non-zero counts per (bucket, series), ordered by bucket then series.
    virtual Result<std::vector<BucketCount>> bucket_counts(const StatsFilter& filter, Metric metric,
                                                           Interval interval, SeriesBy series) = 0;
    // Ordered by mentions, then facts (both descending), then label.
    virtual Result<std::vector<TopRow>> top(const StatsFilter& filter, TopBy by, int limit) = 0;
    // Stance mentions (relation among the stance relations, target a proposal, asserted or reported,
    // not negated), ordered by date then evidence id.
    virtual Result<std::vector<StanceMention>> stance_mentions(const StatsFilter& filter) = 0;
    // Person -> state `represents` facts, ordered by person then first_seen.
    virtual Result<std::vector<Representation>> representations() = 0;
    // Every mention the article's evidence holds, ordered by evidence id.
    virtual Result<std::vector<FactMention>> article_mentions(std::int64_t article_id) = 0;
};

}  // namespace parley::store
