// The pure parts of the dashboard aggregates: calendar buckets, zero-filling, the stance matrix, roll-up to
// states, contradictions and the CSV rendering (read back with a strict RFC 4180 reader).

#include <gtest/gtest.h>

#include "csv_reader.hpp"
#include "graph/stats.hpp"
#include "graph/stats_render.hpp"

namespace parley::graph {
namespace {

TEST(Buckets, WeeksStartOnMondayAndMonthsOnTheFirst) {
    EXPECT_EQ(bucket_start("2025-05-11", Interval::week), "2025-05-05");  // a Sunday
    EXPECT_EQ(bucket_start("2025-05-12", Interval::week), "2025-05-12");  // a Monday
    EXPECT_EQ(bucket_start("2025-01-01", Interval::week), "2024-12-30");  // across a year
    EXPECT_EQ(bucket_start("2024-02-29", Interval::month), "2024-02-01");
    EXPECT_EQ(bucket_start("2024-02-29", Interval::day), "2024-02-29");
    EXPECT_EQ(next_bucket("2024-02-28", Interval::day), "2024-02-29");
    EXPECT_EQ(next_bucket("2024-12-30", Interval::week), "2025-01-06");
    EXPECT_EQ(next_bucket("2024-12-01", Interval::month), "2025-01-01");
}

TEST(ZeroFill, FillsEveryBucketForEverySeriesAndKeepsValues) {
    std::vector<store::BucketCount> counts = {{"2025-05-10", "met", 2}, {"2025-05-13", "called", 1}};
    auto filled = zero_fill(counts, {"met", "proposed"}, "2025-05-09", "2025-05-13", Interval::day);
    ASSERT_TRUE(filled) << filled.error().message;
    ASSERT_EQ(filled->size(), 5u * 3u);  // 5 days x {called, met, proposed}
    EXPECT_EQ((*filled)[0], (SeriesPoint{"2025-05-09", "called", 0}));
    EXPECT_EQ((*filled)[4], (SeriesPoint{"2025-05-10", "met", 2}));
    EXPECT_EQ((*filled)[12], (SeriesPoint{"2025-05-13", "called", 1}));
    std::int64_t total = 0;
    for (const auto& p : *filled) total += p.value;
    EXPECT_EQ(total, 3);
}

TEST(ZeroFill, WithoutBoundsSpansTheData) {
    std::vector<store::BucketCount> counts = {{"2025-04-01", "all", 1}, {"2025-06-01", "all", 4}};
    auto filled = zero_fill(counts, {}, "", "", Interval::month);
    ASSERT_TRUE(filled);
    ASSERT_EQ(filled->size(), 3u);
    EXPECT_EQ((*filled)[1], (SeriesPoint{"2025-05-01", "all", 0}));
    EXPECT_TRUE(zero_fill({}, {}, "", "", Interval::day)->empty());
}

TEST(ZeroFill, RefusesTooManyBuckets) {
    auto filled = zero_fill({}, {"all"}, "1900-01-01", "2025-01-01", Interval::day);
    ASSERT_FALSE(filled);
    EXPECT_EQ(filled.error().code, ErrorCode::invalid_argument);
}

TEST(Parameters, ParseAndNameTheValidValues) {
    EXPECT_EQ(*parse_interval("week"), Interval::week);
    EXPECT_EQ(*parse_metric("articles"), Metric::articles);
    EXPECT_EQ(to_string(TopBy::outlet), "outlet");
    auto bad = parse_metric("tone");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("facts, mentions, articles"), std::string::npos);
    StatsFilter filter;
    filter.from = "2025-13-01";
    EXPECT_FALSE(validate(filter));
    filter.from = "2025-05-02";
    filter.to = "2025-05-01";
    EXPECT_FALSE(validate(filter));
}

store::StanceMention mention(std::int64_t evidence, std::int64_t actor, std::string name, std::string kind,
                             std::string relation, std::int64_t proposal, std::string date) {
    store::StanceMention m;
    m.evidence_id = evidence;
    m.actor_id = actor;
    m.actor = std::move(name);
    m.actor_kind = std::move(kind);
    m.relation = std::move(relation);
    m.proposal_id = proposal;
    m.proposal = "proposal " + std::to_string(proposal);
    m.date = std::move(date);
    return m;
}

TEST(Stance, MatrixCountsCellsAndLatestStance) {
    const std::vector<store::StanceMention> mentions = {
        mention(1, 10, "Russia", "state", "rejected", 100, "2025-05-01"),
        mention(2, 11, "Ukraine", "state", "accepted", 100, "2025-05-01"),
        mention(3, 10, "Russia", "state", "rejected", 100, "2025-05-03"),
        mention(4, 10, "Russia", "state", "proposed", 101, "2025-05-03"),  // same day, stored later: latest
    };
    auto rows = stance_matrix(mentions);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].actor, "Russia");  // most mentions first
    EXPECT_EQ(rows[0].cells[5].count, 2);  // rejected
    EXPECT_EQ(rows[0].cells[5].latest, "2025-05-03");
    EXPECT_EQ(rows[0].cells[0].count, 1);  // proposed
    EXPECT_EQ(rows[0].latest_stance, "proposed");
    EXPECT_EQ(rows[1].cells[2].count, 1);  // accepted
    EXPECT_EQ(rows[1].cells[5].count, 0);
    EXPECT_EQ(rows[1].cells[5].latest, "");
}

TEST(Stance, RollUpUsesTheRepresentationOnTheMentionDate) {
    const std::vector<store::Representation> reps = {{5, 20, "Ruritania", "2025-01-01", "2025-03-01"},
                                                     {5, 21, "Borduria", "2025-04-01", "2025-06-01"}};
    auto rolled = roll_up_to_states({mention(1, 5, "Envoy", "person", "accepted", 100, "2025-02-01"),
                                     mention(2, 5, "Envoy", "person", "rejected", 100, "2025-07-01"),
                                     mention(3, 5, "Envoy", "person", "rejected", 100, "2024-07-01"),
                                     mention(4, 6, "Nobody", "person", "rejected", 100, "2025-07-01")},
                                    reps);
    EXPECT_EQ(rolled[0].actor, "Ruritania");
    EXPECT_EQ(rolled[1].actor, "Borduria");  // latest begun before the date
    EXPECT_EQ(rolled[2].actor, "Ruritania");  // before all: the earliest
    EXPECT_EQ(rolled[2].actor_kind, "state");
    EXPECT_EQ(rolled[3].actor, "Nobody");
    EXPECT_EQ(rolled[3].actor_kind, "person");
}

TEST(Stance, ContradictionsPairLatestSupportAndOpposition) {
    auto items = contradictions({mention(1, 10, "Russia", "state", "accepted", 100, "2025-05-01"),
                                 mention(2, 10, "Russia", "state", "rejected", 100, "2025-05-02"),
                                 mention(3, 10, "Russia", "state", "welcomed", 100, "2025-05-04"),
                                 mention(4, 10, "Russia", "state", "rejected", 101, "2025-05-05"),
                                 mention(5, 11, "Ukraine", "state", "proposed", 102, "2025-04-01"),
                                 mention(6, 11, "Ukraine", "state", "criticized", 102, "2025-04-02")});
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].support.evidence_id, 3);  // the latest supportive mention
    EXPECT_EQ(items[0].opposition.evidence_id, 2);
    EXPECT_EQ(items[1].support.actor, "Ukraine");  // older change second
}

TEST(Csv, ReadsBackWithQuotesCommasAndNewlines) {
    Table table{{"name", "value", "note"}, {}};
    table.rows.push_back({"plain", 1, nullptr});
    table.rows.push_back({"with, comma", 2, "said \"no\"\r\nthen left"});
    table.rows.push_back({"a lone\rCR", 3, "a lone\nLF"});
    const std::string csv = to_csv(table);
    auto rows = testing::parse_csv(csv);
    ASSERT_TRUE(rows) << csv;
    ASSERT_EQ(rows->size(), 4u);
    EXPECT_EQ((*rows)[0], (std::vector<std::string>{"name", "value", "note"}));
    EXPECT_EQ((*rows)[1], (std::vector<std::string>{"plain", "1", ""}));
    EXPECT_EQ((*rows)[2], (std::vector<std::string>{"with, comma", "2", "said \"no\"\r\nthen left"}));
    EXPECT_EQ((*rows)[3], (std::vector<std::string>{"a lone\rCR", "3", "a lone\nLF"}));
}

TEST(Csv, StanceTableHasTwoColumnsPerStance) {
    auto table = stance_table(stance_matrix({mention(1, 10, "Russia", "state", "rejected", 100, "2025-05-01")}));
    EXPECT_EQ(table.columns.size(), 3u + 2u * stance_relations.size() + 2u);
    auto rows = testing::parse_csv(to_csv(table));
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[1][3 + 2 * 5], "1");            // rejected_count
    EXPECT_EQ((*rows)[1][3 + 2 * 5 + 1], "2025-05-01");  // rejected_latest
}

}  // namespace
}  // namespace parley::graph
