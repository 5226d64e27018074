#include "store/sqlite_stats.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace parley::store {

namespace {

// The WHERE clause every aggregate shares, over v_mentions / v_stance columns. Parameters:
// ?1 relations as a JSON array, ?2 actor (id, name or alias), ?3 proposal type, ?4 from, ?5 to; NULL = any.
#define PARLEY_STATS_FILTER                                                                                   \
    " (?1 IS NULL OR relation IN (SELECT value FROM json_each(?1)))"                                          \
    " AND (?2 IS NULL OR source_id IN (SELECT id FROM actor) OR target_id IN (SELECT id FROM actor))"         \
    " AND (?3 IS NULL OR proposal_type = ?3)"                                                                 \
    " AND (?4 IS NULL OR date >= ?4) AND (?5 IS NULL OR date <= ?5) "

// Nodes the actor parameter names: by id, canonical name or alias (case-insensitive for ASCII).
#define PARLEY_STATS_ACTOR                                                                                    \
    "WITH actor(id) AS (SELECT id FROM nodes WHERE CAST(id AS TEXT) = ?2 OR name = ?2 COLLATE NOCASE"         \
    " UNION SELECT node_id FROM node_aliases WHERE alias = ?2 COLLATE NOCASE) "

// Bucket keys: the day, the Monday of its ISO week ('%w' is 0 on Sunday), or the first of the month.
// graph::bucket_start computes the same keys for zero-filling. ?6 interval, ?7 metric, ?8 series.
constexpr const char* bucket_sql = PARLEY_STATS_ACTOR
    "SELECT CASE ?6 WHEN 'week' THEN date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) || ' days')"
    "               WHEN 'month' THEN substr(date, 1, 8) || '01' ELSE date END AS bucket,"
    "       CASE ?8 WHEN 'outlet' THEN outlet WHEN 'total' THEN 'all' ELSE relation END AS series,"
    "       CASE ?7 WHEN 'mentions' THEN COUNT(*) WHEN 'articles' THEN COUNT(DISTINCT article_id)"
    "               ELSE COUNT(DISTINCT edge_id) END AS value "
    "FROM v_mentions WHERE date IS NOT NULL AND negated = 0 AND" PARLEY_STATS_FILTER
    "GROUP BY bucket, series ORDER BY bucket, series";

// One query for the three groupings: ?6 is 'source', 'target' or 'outlet'; ?7 the limit.
constexpr const char* top_sql = PARLEY_STATS_ACTOR
    "SELECT CASE ?6 WHEN 'source' THEN source_id WHEN 'target' THEN target_id ELSE 0 END AS id,"
    "       CASE ?6 WHEN 'source' THEN source WHEN 'target' THEN target ELSE outlet END AS label,"
    "       CASE ?6 WHEN 'source' THEN source_kind WHEN 'target' THEN target_kind ELSE 'outlet' END AS kind,"
    "       COUNT(DISTINCT edge_id) AS facts, COUNT(*) AS mentions, MIN(date), MAX(date) "
    "FROM v_mentions WHERE negated = 0 AND" PARLEY_STATS_FILTER
    "GROUP BY id, label ORDER BY mentions DESC, facts DESC, label, id LIMIT ?7";

constexpr const char* stance_sql = PARLEY_STATS_ACTOR
    "SELECT evidence_id, edge_id, actor_id, actor, actor_kind, relation, proposal_id, proposal, proposal_type,"
    "       date, modality, sentence, article_id, article_title, article_url, outlet "
    "FROM (SELECT *, stance AS relation, actor_id AS source_id, proposal_id AS target_id FROM v_stance) "
    "WHERE" PARLEY_STATS_FILTER "ORDER BY date, evidence_id";

constexpr const char* representations_sql =
    "SELECT source_id, target_id, target, first_seen, last_seen FROM v_facts "
    "WHERE relation = 'represents' AND source_kind = 'person' AND target_kind = 'state' AND negated = 0 "
    "ORDER BY source_id, first_seen, target_id";

constexpr const char* article_mentions_sql =
    "SELECT evidence_id, edge_id, date, source_id, source, source_kind, relation, target_id, target, target_kind,"
    "       proposal_type, negated, modality, sentence, article_id, article_title, article_url, outlet "
    "FROM v_mentions WHERE article_id = ? ORDER BY evidence_id";

constexpr const char* totals_sql =
    "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM nodes), (SELECT COUNT(*) FROM edges),"
    "       (SELECT COUNT(*) FROM evidence), (SELECT MIN(date) FROM evidence WHERE date <> ''),"
    "       (SELECT MAX(date) FROM evidence WHERE date <> '')";
constexpr const char* nodes_by_kind_sql = "SELECT kind, COUNT(*) FROM nodes GROUP BY kind ORDER BY kind";
constexpr const char* facts_by_relation_sql =
    "SELECT relation, COUNT(*) FROM edges GROUP BY relation ORDER BY relation";
constexpr const char* outlets_sql =
    "SELECT source, COUNT(*) AS n FROM articles GROUP BY source ORDER BY n DESC, source";

#undef PARLEY_STATS_FILTER
#undef PARLEY_STATS_ACTOR

Status bind_optional(Statement& statement, int index, const std::string& value) {
    return value.empty() ? statement.bind_null(index) : statement.bind(index, value);
}

Status bind_filter(Statement& statement, const StatsFilter& filter) {
    const std::string relations = filter.relations.empty() ? std::string() : nlohmann::json(filter.relations).dump();
    for (const auto& [index, value] : {std::pair{1, &relations}, std::pair{2, &filter.actor},
                                       std::pair{3, &filter.proposal_type}, std::pair{4, &filter.from},
                                       std::pair{5, &filter.to}})
        if (auto status = bind_optional(statement, index, *value); !status) return status;
    return ok_status();
}

// Steps `statement` to the end, turning each row into a T with `read`.
template <class T, class Read>
Result<std::vector<T>> collect(Statement& statement, Read read) {
    std::vector<T> out;
    for (;;) {
        auto row = statement.step();
        if (!row) return row.error();
        if (!*row) return out;
        out.push_back(read(statement));
    }
}

std::vector<NameCount> name_counts(Connection& connection, const char* sql, Status& status) {
    auto statement = connection.prepare(sql);
    if (!statement) {
        status = statement.error();
        return {};
    }
    auto rows = collect<NameCount>(**statement, [](Statement& s) { return NameCount{s.column_text(0), s.column_int64(1)}; });
    if (!rows) {
        status = rows.error();
        return {};
    }
    return std::move(*rows);
}

}  // namespace

Result<std::unique_ptr<SqliteStats>> SqliteStats::open(const std::filesystem::path& path) {
    DatabaseOptions options;
    options.read_only = true;
    options.migrate = false;
    auto connection = open_database(path, options);
    if (!connection) return connection.error();
    return std::make_unique<SqliteStats>(std::move(*connection));
}

Result<SummaryCounts> SqliteStats::summary() {
    SummaryCounts out;
    {
        auto statement = connection_.prepare(totals_sql);
        if (!statement) return statement.error();
        auto row = (*statement)->step();
        if (!row) return row.error();
        Statement& s = **statement;
        out.articles = s.column_int64(0);
        out.nodes = s.column_int64(1);
        out.facts = s.column_int64(2);
        out.mentions = s.column_int64(3);
        out.first_date = s.column_text(4);
        out.last_date = s.column_text(5);
    }
    Status status = ok_status();
    out.nodes_by_kind = name_counts(connection_, nodes_by_kind_sql, status);
    if (status) out.facts_by_relation = name_counts(connection_, facts_by_relation_sql, status);
    if (status) out.outlets = name_counts(connection_, outlets_sql, status);
    if (!status) return status.error();
    return out;
}

Result<std::vector<BucketCount>> SqliteStats::bucket_counts(const StatsFilter& filter, Metric metric,
                                                            Interval interval, SeriesBy series) {
    auto statement = connection_.prepare(bucket_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    if (auto status = bind_filter(s, filter); !status) return status.error();
    if (auto status = s.bind(6, to_string(interval)); !status) return status.error();
    if (auto status = s.bind(7, to_string(metric)); !status) return status.error();
    if (auto status = s.bind(8, to_string(series)); !status) return status.error();
    return collect<BucketCount>(s, [](Statement& row) {
        return BucketCount{row.column_text(0), row.column_text(1), row.column_int64(2)};
    });
}

Result<std::vector<TopRow>> SqliteStats::top(const StatsFilter& filter, TopBy by, int limit) {
    auto statement = connection_.prepare(top_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    if (auto status = bind_filter(s, filter); !status) return status.error();
    if (auto status = s.bind(6, to_string(by)); !status) return status.error();
    if (auto status = s.bind(7, limit); !status) return status.error();
    return collect<TopRow>(s, [](Statement& row) {
        return TopRow{row.column_int64(0), row.column_text(1), row.column_text(2), row.column_int64(3),
                      row.column_int64(4), row.column_text(5), row.column_text(6)};
    });
}

Result<std::vector<StanceMention>> SqliteStats::stance_mentions(const StatsFilter& filter) {
    auto statement = connection_.prepare(stance_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    if (auto status = bind_filter(s, filter); !status) return status.error();
    return collect<StanceMention>(s, [](Statement& row) {
        StanceMention m;
        m.evidence_id = row.column_int64(0);
        m.edge_id = row.column_int64(1);
        m.actor_id = row.column_int64(2);
        m.actor = row.column_text(3);
        m.actor_kind = row.column_text(4);
        m.relation = row.column_text(5);
        m.proposal_id = row.column_int64(6);
        m.proposal = row.column_text(7);
        m.proposal_type = row.column_text(8);
        m.date = row.column_text(9);
        m.modality = row.column_text(10);
        m.sentence = row.column_text(11);
        m.article_id = row.column_int64(12);
        m.article_title = row.column_text(13);
        m.article_url = row.column_text(14);
        m.outlet = row.column_text(15);
        return m;
    });
}

Result<std::vector<Representation>> SqliteStats::representations() {
    auto statement = connection_.prepare(representations_sql);
    if (!statement) return statement.error();
    return collect<Representation>(**statement, [](Statement& row) {
        return Representation{row.column_int64(0), row.column_int64(1), row.column_text(2), row.column_text(3),
                              row.column_text(4)};
    });
}

Result<std::vector<FactMention>> SqliteStats::article_mentions(std::int64_t article_id) {
    auto statement = connection_.prepare(article_mentions_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    if (auto status = s.bind(1, article_id); !status) return status.error();
    return collect<FactMention>(s, [](Statement& row) {
        FactMention m;
        m.evidence_id = row.column_int64(0);
        m.edge_id = row.column_int64(1);
        m.date = row.column_text(2);
        m.source_id = row.column_int64(3);
        m.source = row.column_text(4);
        m.source_kind = row.column_text(5);
        m.relation = row.column_text(6);
        m.target_id = row.column_int64(7);
        m.target = row.column_text(8);
        m.target_kind = row.column_text(9);
        m.proposal_type = row.column_text(10);
        m.negated = row.column_int64(11) != 0;
        m.modality = row.column_text(12);
        m.sentence = row.column_text(13);
        m.article_id = row.column_int64(14);
        m.article_title = row.column_text(15);
        m.article_url = row.column_text(16);
        m.outlet = row.column_text(17);
        return m;
    });
}

}  // namespace parley::store
