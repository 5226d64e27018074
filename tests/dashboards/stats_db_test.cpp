// Dashboard aggregates on a real SQLite file: the known corpus ingested through graph::GraphWriter, then
// every aggregate compared with numbers recomputed here from corpus_facts() (plain loops, no SQL).

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "corpus.hpp"
#include "graph/graph_writer.hpp"
#include "graph/stats.hpp"
#include "store/sqlite_graph_store.hpp"
#include "store/sqlite_stats.hpp"
#include "support/temp_dir.hpp"

namespace parley::graph {
namespace {

using testing::corpus_facts;
using testing::CorpusFact;

// What every aggregate counts: mentions that are not negated (and, for time series, dated).
std::vector<CorpusFact> counted_facts() {
    std::vector<CorpusFact> out;
    for (const auto& f : corpus_facts())
        if (!f.negated) out.push_back(f);
    return out;
}

using FactKey = std::tuple<std::string, std::string, std::string, bool>;
FactKey key_of(const CorpusFact& f) { return {f.source.name, f.relation, f.target.name, f.negated}; }

std::string outlet_of(const CorpusFact& f) { return testing::corpus_articles()[f.article].source; }

bool is_stance(const CorpusFact& f) {
    return !f.negated && f.target.kind == "proposal" && (f.modality == "asserted" || f.modality == "reported") &&
           std::find(stance_relations.begin(), stance_relations.end(), f.relation) != stance_relations.end();
}

class StatsDbTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new testing::TempDir();
        auto store = store::SqliteGraphStore::open(*dir_ / "parley.db");
        ASSERT_TRUE(store) << store.error().message;
        GraphWriter writer(**store);
        const auto articles = testing::corpus_articles();
        for (int i = 0; i < static_cast<int>(articles.size()); ++i) {
            auto summary = writer.ingest(articles[i], testing::corpus_graph(i));
            ASSERT_TRUE(summary) << "article " << i << ": " << summary.error().message;
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    void SetUp() override {
        auto opened = store::SqliteStats::open(*dir_ / "parley.db");
        ASSERT_TRUE(opened) << opened.error().message;
        stats_ = std::move(*opened);
    }

    static testing::TempDir* dir_;
    std::unique_ptr<store::SqliteStats> stats_;
};

testing::TempDir* StatsDbTest::dir_ = nullptr;

TEST_F(StatsDbTest, SummaryMatchesTheCorpus) {
    std::set<std::pair<std::string, std::string>> nodes;
    std::set<FactKey> facts;
    std::map<std::string, std::int64_t> by_kind;
    std::map<std::string, std::set<FactKey>> by_relation;
    std::string first = "9999";
    std::string last;
    for (const auto& f : corpus_facts()) {
        for (const auto& n : {f.source, f.target})
            if (nodes.insert({n.kind, n.name}).second) ++by_kind[n.kind];
        facts.insert(key_of(f));
        by_relation[f.relation].insert(key_of(f));
        first = std::min(first, f.date);
        last = std::max(last, f.date);
    }
    auto summary = stats_->summary();
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->articles, 4);
    EXPECT_EQ(summary->nodes, static_cast<std::int64_t>(nodes.size()));
    EXPECT_EQ(summary->facts, static_cast<std::int64_t>(facts.size()));
    EXPECT_EQ(summary->mentions, static_cast<std::int64_t>(corpus_facts().size()));
    EXPECT_EQ(summary->first_date, first);
    EXPECT_EQ(summary->last_date, last);
    std::map<std::string, std::int64_t> got_kinds;
    for (const auto& c : summary->nodes_by_kind) got_kinds[c.name] = c.count;
    EXPECT_EQ(got_kinds, by_kind);
    std::map<std::string, std::int64_t> got_relations;
    std::map<std::string, std::int64_t> want_relations;
    for (const auto& c : summary->facts_by_relation) got_relations[c.name] = c.count;
    for (const auto& [relation, keys] : by_relation) want_relations[relation] = static_cast<std::int64_t>(keys.size());
    EXPECT_EQ(got_relations, want_relations);
    ASSERT_EQ(summary->outlets.size(), 2u);
    EXPECT_EQ(summary->outlets[0].count + summary->outlets[1].count, 4);
}

TEST_F(StatsDbTest, DailyFactsByRelationAreZeroFilled) {
    TimeseriesQuery query;
    query.filter.from = "2025-05-09";
    query.filter.to = "2025-05-21";
    auto points = timeseries(*stats_, query);
    ASSERT_TRUE(points) << points.error().message;

    std::map<std::pair<std::string, std::string>, std::set<FactKey>> facts;  // (day, relation)
    std::set<std::string> relations;
    for (const auto& f : counted_facts()) {
        if (f.date < query.filter.from || f.date > query.filter.to) continue;
        facts[{f.date, f.relation}].insert(key_of(f));
        relations.insert(f.relation);
    }
    ASSERT_EQ(points->size(), 13u * relations.size()) << "13 days, every relation on every day";
    std::int64_t nonzero = 0;
    for (const auto& p : *points) {
        auto it = facts.find({p.bucket, p.series});
        const auto want = it == facts.end() ? 0 : static_cast<std::int64_t>(it->second.size());
        EXPECT_EQ(p.value, want) << p.bucket << " " << p.series;
        nonzero += p.value != 0;
    }
    EXPECT_EQ(nonzero, static_cast<std::int64_t>(facts.size()));
    EXPECT_EQ(points->front().bucket, "2025-05-09");
    EXPECT_EQ(points->back().bucket, "2025-05-21");
}

TEST_F(StatsDbTest, WeeklyMentionsAndMonthlyArticles) {
    // The corpus dates and the Monday of their ISO weeks, worked out by hand.
    const std::map<std::string, std::string> week_of = {{"2025-05-10", "2025-05-05"},
                                                        {"2025-05-12", "2025-05-12"},
                                                        {"2025-05-20", "2025-05-19"},
                                                        {"2025-06-02", "2025-06-02"}};
    TimeseriesQuery weekly;
    weekly.metric = Metric::mentions;
    weekly.interval = Interval::week;
    weekly.series = SeriesBy::total;
    auto points = timeseries(*stats_, weekly);
    ASSERT_TRUE(points) << points.error().message;
    std::map<std::string, std::int64_t> want;
    for (const auto& [day, week] : week_of) want[week] = 0;
    want["2025-05-26"] = 0;  // a week without news, zero-filled
    for (const auto& f : counted_facts()) ++want[week_of.at(f.date)];
    std::map<std::string, std::int64_t> got;
    for (const auto& p : *points) {
        EXPECT_EQ(p.series, "all");
        got[p.bucket] = p.value;
    }
    EXPECT_EQ(got, want);

    TimeseriesQuery monthly;
    monthly.metric = Metric::articles;
    monthly.interval = Interval::month;
    monthly.series = SeriesBy::outlet;
    monthly.filter.relations = {"proposed", "rejected"};
    points = timeseries(*stats_, monthly);
    ASSERT_TRUE(points) << points.error().message;
    std::map<std::pair<std::string, std::string>, std::set<int>> articles;
    for (const auto& f : counted_facts())
        if (f.relation == "proposed" || f.relation == "rejected")
            articles[{f.date.substr(0, 8) + "01", outlet_of(f)}].insert(f.article);
    std::map<std::pair<std::string, std::string>, std::int64_t> got_articles;
    for (const auto& p : *points)
        if (p.value) got_articles[{p.bucket, p.series}] = p.value;
    std::map<std::pair<std::string, std::string>, std::int64_t> want_articles;
    for (const auto& [k, ids] : articles) want_articles[k] = static_cast<std::int64_t>(ids.size());
    EXPECT_EQ(got_articles, want_articles);
    EXPECT_EQ(points->size(), 2u * 2u) << "two months x two outlets";
}

TEST_F(StatsDbTest, RequestedRelationsAppearEvenWithoutData) {
    TimeseriesQuery query;
    query.filter.relations = {"sanctioned", "met"};
    query.filter.from = "2025-06-01";
    query.filter.to = "2025-06-03";
    auto points = timeseries(*stats_, query);
    ASSERT_TRUE(points) << points.error().message;
    ASSERT_EQ(points->size(), 6u);
    EXPECT_EQ((*points)[2], (SeriesPoint{"2025-06-02", "met", 1}));
    EXPECT_EQ((*points)[3], (SeriesPoint{"2025-06-02", "sanctioned", 0}));
}

TEST_F(StatsDbTest, ActorAndProposalTypeFilters) {
    TimeseriesQuery query;
    query.series = SeriesBy::total;
    query.metric = Metric::mentions;
    query.interval = Interval::month;
    query.filter.actor = "vladimir PUTIN";  // names match case-insensitively
    auto points = timeseries(*stats_, query);
    ASSERT_TRUE(points) << points.error().message;
    std::int64_t want = 0;
    for (const auto& f : counted_facts()) want += f.source.name == "Vladimir Putin" || f.target.name == "Vladimir Putin";
    std::int64_t got = 0;
    for (const auto& p : *points) got += p.value;
    EXPECT_EQ(got, want);

    query.filter.actor.clear();
    query.filter.proposal_type = "ceasefire";
    points = timeseries(*stats_, query);
    ASSERT_TRUE(points);
    want = 0;
    for (const auto& f : counted_facts()) want += f.target.type == "ceasefire";
    got = 0;
    for (const auto& p : *points) got += p.value;
    EXPECT_EQ(got, want);
}

TEST_F(StatsDbTest, TopSourcesAndOutlets) {
    std::map<std::string, std::pair<std::set<FactKey>, std::int64_t>> by_source;
    for (const auto& f : counted_facts()) {
        by_source[f.source.name].first.insert(key_of(f));
        ++by_source[f.source.name].second;
    }
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> want;  // (-mentions, -facts, label)
    for (const auto& [name, v] : by_source)
        want.emplace_back(-v.second, -static_cast<std::int64_t>(v.first.size()), name);
    std::sort(want.begin(), want.end());

    auto rows = top(*stats_, {}, TopBy::source, 3);
    ASSERT_TRUE(rows) << rows.error().message;
    ASSERT_EQ(rows->size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ((*rows)[i].label, std::get<2>(want[i]));
        EXPECT_EQ((*rows)[i].mentions, -std::get<0>(want[i]));
        EXPECT_EQ((*rows)[i].facts, -std::get<1>(want[i]));
    }
    EXPECT_EQ((*rows)[0].label, "Donald Trump");
    EXPECT_EQ((*rows)[0].first_seen, "2025-05-10");
    EXPECT_EQ((*rows)[0].last_seen, "2025-06-02");

    StatsFilter rejected;
    rejected.relations = {"rejected"};
    auto outlets = top(*stats_, rejected, TopBy::outlet, 10);
    ASSERT_TRUE(outlets);
    ASSERT_EQ(outlets->size(), 2u);
    for (const auto& row : *outlets) {
        EXPECT_EQ(row.kind, "outlet");
        EXPECT_EQ(row.mentions, 1) << row.label;  // the negated rejection is not counted
    }
    EXPECT_FALSE(top(*stats_, {}, TopBy::target, 0));
}

TEST_F(StatsDbTest, StanceMatrixPerActorAndRolledUpToStates) {
    StanceQuery query;
    query.filter.proposal_type = "ceasefire";
    auto mentions = load_stances(*stats_, query);
    ASSERT_TRUE(mentions) << mentions.error().message;
    auto rows = stance_matrix(*mentions);

    std::map<std::string, std::map<std::string, std::pair<std::int64_t, std::string>>> want;  // actor -> cell
    for (const auto& f : corpus_facts()) {
        if (!is_stance(f) || f.target.type != "ceasefire") continue;
        auto& cell = want[f.source.name][f.relation];
        ++cell.first;
        cell.second = std::max(cell.second, f.date);
    }
    ASSERT_EQ(rows.size(), want.size());
    for (const auto& row : rows)
        for (std::size_t i = 0; i < stance_relations.size(); ++i) {
            auto cell = want[row.actor][std::string(stance_relations[i])];
            EXPECT_EQ(row.cells[i].count, cell.first) << row.actor << " " << stance_relations[i];
            EXPECT_EQ(row.cells[i].latest, cell.second) << row.actor << " " << stance_relations[i];
        }
    auto putin = std::find_if(rows.begin(), rows.end(), [](const StanceRow& r) { return r.actor == "Vladimir Putin"; });
    ASSERT_NE(putin, rows.end());
    EXPECT_EQ(putin->latest_stance, "accepted");

    query.as_state = true;
    mentions = load_stances(*stats_, query);
    ASSERT_TRUE(mentions);
    rows = stance_matrix(*mentions);
    std::set<std::string> actors;
    for (const auto& row : rows) actors.insert(row.actor);
    EXPECT_EQ(actors, (std::set<std::string>{"United States", "Ukraine", "Russia", "European Union"}));
    auto russia = std::find_if(rows.begin(), rows.end(), [](const StanceRow& r) { return r.actor == "Russia"; });
    ASSERT_NE(russia, rows.end());
    EXPECT_EQ(russia->cells[5].count, 2);  // Putin's and Russia's rejections
    EXPECT_EQ(russia->cells[2].count, 1);  // Putin's acceptance
    EXPECT_EQ(russia->latest_stance, "rejected");
    EXPECT_EQ(russia->latest_date, "2025-06-02");
}

TEST_F(StatsDbTest, ContradictionsWithBothEvidences) {
    auto mentions = load_stances(*stats_, {});
    ASSERT_TRUE(mentions);
    auto items = contradictions(*mentions);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].support.actor, "Vladimir Putin");
    EXPECT_EQ(items[0].support.relation, "accepted");
    EXPECT_EQ(items[0].support.date, "2025-05-20");
    EXPECT_EQ(items[0].opposition.relation, "rejected");
    EXPECT_EQ(items[0].opposition.date, "2025-05-10");
    EXPECT_NE(items[0].support.sentence.find("accepted"), std::string::npos);
    EXPECT_EQ(items[0].support.article_url, testing::corpus_articles()[2].url);

    StanceQuery as_state;
    as_state.as_state = true;
    mentions = load_stances(*stats_, as_state);
    ASSERT_TRUE(mentions);
    items = contradictions(*mentions);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].support.actor, "Russia");
    EXPECT_EQ(items[0].opposition.date, "2025-06-02");
}

TEST_F(StatsDbTest, DailyViewAgreesWithTheCorpus) {
    auto connection = store::open_database(*dir_ / "parley.db", {.read_only = true, .migrate = false});
    ASSERT_TRUE(connection) << connection.error().message;
    auto mentions = connection->query_int64("SELECT SUM(mentions) FROM v_daily");
    ASSERT_TRUE(mentions) << mentions.error().message;
    EXPECT_EQ(*mentions, static_cast<std::int64_t>(counted_facts().size()));
    auto stances = connection->query_int64("SELECT COUNT(*) FROM v_stance");
    ASSERT_TRUE(stances);
    const auto facts = corpus_facts();
    EXPECT_EQ(*stances, std::count_if(facts.begin(), facts.end(), is_stance));
}

}  // namespace
}  // namespace parley::graph
