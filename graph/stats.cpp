#include "graph/stats.hpp"

#include <algorithm>
#include <chrono>
#include <charconv>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "graph/export_detail.hpp"

namespace parley::graph {

namespace {

// Parses `text` as one of `names` (indexed by enumerator value); the error lists the valid values.
template <class E>
Result<E> parse_named(std::string_view parameter, std::string_view text, const std::array<std::string_view, 3>& names) {
    std::string valid;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) return static_cast<E>(i);
        valid += (valid.empty() ? "" : ", ") + std::string(names[i]);
    }
    return make_error(ErrorCode::invalid_argument,
                      fmt::format("{}: unknown value '{}'; valid values: {}", parameter, text, valid));
}

std::chrono::sys_days to_days(std::string_view date) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    std::from_chars(date.data(), date.data() + 4, y);
    std::from_chars(date.data() + 5, date.data() + 7, m);
    std::from_chars(date.data() + 8, date.data() + 10, d);
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::string to_text(std::chrono::sys_days days) {
    const std::chrono::year_month_day ymd{days};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

}  // namespace

Result<Metric> parse_metric(std::string_view text) { return parse_named<Metric>("metric", text, store::metric_names); }
Result<Interval> parse_interval(std::string_view text) {
    return parse_named<Interval>("interval", text, store::interval_names);
}
Result<SeriesBy> parse_series_by(std::string_view text) {
    return parse_named<SeriesBy>("series", text, store::series_names);
}
Result<TopBy> parse_top_by(std::string_view text) { return parse_named<TopBy>("by", text, store::top_names); }

Status validate(const StatsFilter& filter) {
    for (const auto& [name, value] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}})
        if (!value->empty() && !detail::is_iso_date(*value))
            return make_error(ErrorCode::invalid_argument, fmt::format("{}: '{}' is not a YYYY-MM-DD date", name, *value));
    if (!filter.from.empty() && !filter.to.empty() && filter.to < filter.from)
        return make_error(ErrorCode::invalid_argument, "from: must not be after to");
    return ok_status();
}

std::string bucket_start(std::string_view date, Interval interval) {
    switch (interval) {
        case Interval::day: return std::string(date);
        case Interval::month: return std::string(date.substr(0, 8)) + "01";
        case Interval::week: {
            const auto days = to_days(date);
            const unsigned since_monday = (std::chrono::weekday{days}.c_encoding() + 6) % 7;
            return to_text(days - std::chrono::days{since_monday});
        }
    }
    return std::string(date);
}

std::string next_bucket(std::string_view bucket, Interval interval) {
    const auto days = to_days(bucket);
    switch (interval) {
        case Interval::day: return to_text(days + std::chrono::days{1});
        case Interval::week: return to_text(days + std::chrono::days{7});
        case Interval::month: {
            const std::chrono::year_month_day ymd{days};
            return to_text(std::chrono::sys_days{(ymd.year() / ymd.month() + std::chrono::months{1}) / std::chrono::day{1}});
        }
    }
    return std::string(bucket);
}

Result<std::vector<SeriesPoint>> zero_fill(const std::vector<store::BucketCount>& counts,
                                           const std::vector<std::string>& required_series, std::string_view from,
                                           std::string_view to, Interval interval) {
    std::set<std::string> series(required_series.begin(), required_series.end());
    std::map<std::pair<std::string, std::string>, std::int64_t> values;
    std::string first = from.empty() ? std::string() : bucket_start(from, interval);
    std::string last = to.empty() ? std::string() : bucket_start(to, interval);
    for (const auto& c : counts) {
        series.insert(c.series);
        values[{c.bucket, c.series}] += c.value;
        if (from.empty() && (first.empty() || c.bucket < first)) first = c.bucket;
        if (to.empty() && (last.empty() || c.bucket > last)) last = c.bucket;
    }
    std::vector<SeriesPoint> out;
    if (first.empty() || last.empty() || series.empty()) return out;
    std::size_t buckets = 0;
    for (std::string bucket = first; bucket <= last; bucket = next_bucket(bucket, interval)) {
        if (++buckets > max_buckets)
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("interval: more than {} buckets between from and to; use a coarser interval",
                                          max_buckets));
        for (const auto& name : series) {
            auto it = values.find({bucket, name});
            out.push_back(SeriesPoint{bucket, name, it == values.end() ? 0 : it->second});
        }
    }
    return out;
}

Result<std::vector<SeriesPoint>> timeseries(store::StatsSource& source, const TimeseriesQuery& query) {
    if (auto status = validate(query.filter); !status) return status.error();
    // Check the bucket count before touching the database: a huge range is refused cheaply.
    if (!query.filter.from.empty() && !query.filter.to.empty()) {
        auto probe = zero_fill({}, {"probe"}, query.filter.from, query.filter.to, query.interval);
        if (!probe) return probe.error();
    }
    auto counts = source.bucket_counts(query.filter, query.metric, query.interval, query.series);
    if (!counts) return counts.error();
    std::vector<std::string> required;
    if (query.series == SeriesBy::relation) required = query.filter.relations;
    if (query.series == SeriesBy::total) required = {"all"};
    return zero_fill(*counts, required, query.filter.from, query.filter.to, query.interval);
}

Result<std::vector<store::TopRow>> top(store::StatsSource& source, const StatsFilter& filter, TopBy by, int limit) {
    if (auto status = validate(filter); !status) return status.error();
    if (limit < 1 || limit > max_top_limit)
        return make_error(ErrorCode::invalid_argument, fmt::format("limit: must be between 1 and {}", max_top_limit));
    return source.top(filter, by, limit);
}

bool is_supportive(std::string_view relation) {
    return relation == "proposed" || relation == "demanded" || relation == "accepted" || relation == "welcomed" ||
           relation == "supported";
}

bool is_opposing(std::string_view relation) { return relation == "rejected" || relation == "criticized"; }

std::vector<store::StanceMention> roll_up_to_states(std::vector<store::StanceMention> mentions,
                                                    const std::vector<store::Representation>& representations) {
    std::map<std::int64_t, std::vector<const store::Representation*>> by_person;  // first_seen order kept
    for (const auto& r : representations) by_person[r.person_id].push_back(&r);
    for (auto& m : mentions) {
        if (m.actor_kind != "person") continue;
        auto it = by_person.find(m.actor_id);
        if (it == by_person.end()) continue;
        const store::Representation* chosen = it->second.front();
        for (const auto* r : it->second) {
            if (r->first_seen <= m.date && m.date <= r->last_seen) {
                chosen = r;
                break;
            }
            if (r->first_seen <= m.date) chosen = r;
        }
        m.actor_id = chosen->state_id;
        m.actor = chosen->state;
        m.actor_kind = "state";
    }
    return mentions;
}

namespace {

// Later date wins; on the same date the later-stored mention (higher evidence id).
bool later(const store::StanceMention& a, const store::StanceMention& b) {
    return std::tie(a.date, a.evidence_id) > std::tie(b.date, b.evidence_id);
}

std::size_t stance_index(std::string_view relation) {
    return static_cast<std::size_t>(std::find(stance_relations.begin(), stance_relations.end(), relation) -
                                    stance_relations.begin());
}

}  // namespace

std::vector<StanceRow> stance_matrix(const std::vector<store::StanceMention>& mentions) {
    std::map<std::int64_t, StanceRow> rows;
    std::map<std::int64_t, const store::StanceMention*> latest;
    std::map<std::int64_t, std::int64_t> totals;
    for (const auto& m : mentions) {
        const std::size_t column = stance_index(m.relation);
        if (column == stance_relations.size()) continue;
        StanceRow& row = rows[m.actor_id];
        row.actor_id = m.actor_id;
        row.actor = m.actor;
        row.actor_kind = m.actor_kind;
        StanceCell& cell = row.cells[column];
        ++cell.count;
        cell.latest = std::max(cell.latest, m.date);
        ++totals[m.actor_id];
        auto& best = latest[m.actor_id];
        if (!best || later(m, *best)) best = &m;
    }
    std::vector<StanceRow> out;
    for (auto& [id, row] : rows) {
        row.latest_stance = latest[id]->relation;
        row.latest_date = latest[id]->date;
        out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [&](const StanceRow& a, const StanceRow& b) {
        return std::make_tuple(-totals[a.actor_id], a.actor, a.actor_id) <
               std::make_tuple(-totals[b.actor_id], b.actor, b.actor_id);
    });
    return out;
}

std::vector<Contradiction> contradictions(const std::vector<store::StanceMention>& mentions) {
    struct Pair {
        const store::StanceMention* support = nullptr;
        const store::StanceMention* opposition = nullptr;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, Pair> pairs;  // (actor, proposal)
    for (const auto& m : mentions) {
        const bool support = is_supportive(m.relation);
        if (!support && !is_opposing(m.relation)) continue;
        Pair& p = pairs[{m.actor_id, m.proposal_id}];
        const store::StanceMention*& slot = support ? p.support : p.opposition;
        if (!slot || later(m, *slot)) slot = &m;
    }
    std::vector<Contradiction> out;
    for (const auto& [key, p] : pairs)
        if (p.support && p.opposition) out.push_back(Contradiction{*p.support, *p.opposition});
    auto changed = [](const Contradiction& c) { return later(c.support, c.opposition) ? c.support : c.opposition; };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Contradiction& a, const Contradiction& b) { return later(changed(a), changed(b)); });
    return out;
}

Result<std::vector<store::StanceMention>> load_stances(store::StatsSource& source, const StanceQuery& query) {
    if (auto status = validate(query.filter); !status) return status.error();
    StatsFilter filter = query.filter;
    filter.relations.clear();
    auto mentions = source.stance_mentions(filter);
    if (!mentions || !query.as_state) return mentions;
    auto representations = source.representations();
    if (!representations) return representations.error();
    return roll_up_to_states(std::move(*mentions), *representations);
}

template <class T>
Result<T> Dashboard::with_source(const std::function<Result<T>(store::StatsSource&)>& work) {
    std::unique_ptr<store::StatsSource> source;
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            source = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (!source) {
        auto opened = opener_();
        if (!opened) return opened.error();
        source = std::move(*opened);
    }
    auto result = work(*source);
    if (result || result.error().code != ErrorCode::database_error) {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(source));
    }
    return result;
}

Result<store::SummaryCounts> Dashboard::summary() {
    return with_source<store::SummaryCounts>([](store::StatsSource& source) { return source.summary(); });
}

Result<std::vector<SeriesPoint>> Dashboard::timeseries(const TimeseriesQuery& query) {
    return with_source<std::vector<SeriesPoint>>(
        [&](store::StatsSource& source) { return graph::timeseries(source, query); });
}

Result<std::vector<store::TopRow>> Dashboard::top(const StatsFilter& filter, TopBy by, int limit) {
    return with_source<std::vector<store::TopRow>>(
        [&](store::StatsSource& source) { return graph::top(source, filter, by, limit); });
}

Result<std::vector<StanceRow>> Dashboard::stance(const StanceQuery& query) {
    return with_source<std::vector<StanceRow>>([&](store::StatsSource& source) -> Result<std::vector<StanceRow>> {
        auto mentions = load_stances(source, query);
        if (!mentions) return mentions.error();
        return stance_matrix(*mentions);
    });
}

Result<std::vector<Contradiction>> Dashboard::contradictions(const StanceQuery& query) {
    return with_source<std::vector<Contradiction>>(
        [&](store::StatsSource& source) -> Result<std::vector<Contradiction>> {
            auto mentions = load_stances(source, query);
            if (!mentions) return mentions.error();
            return graph::contradictions(*mentions);
        });
}

Result<std::vector<store::FactMention>> Dashboard::article_mentions(std::int64_t article_id) {
    return with_source<std::vector<store::FactMention>>(
        [&](store::StatsSource& source) { return source.article_mentions(article_id); });
}

}  // namespace parley::graph
