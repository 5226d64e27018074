#pragma once
// SqliteStats: store::StatsSource over one SQLite Connection that it owns, reading the dashboard views of
// migrations/0003_dashboard_views.sql. Like the connection, it serves one thread at a time. Queries are
// named constants with `?` parameters; every failure is database_error.

#include <filesystem>
#include <memory>

#include "store/database.hpp"
#include "store/sqlite.hpp"
#include "store/stats_source.hpp"

namespace parley::store {

class SqliteStats final : public StatsSource {
public:
    explicit SqliteStats(Connection connection) : connection_(std::move(connection)) {}

    // Opens the database read-only (it must exist and be migrated: a reader never migrates).
    static Result<std::unique_ptr<SqliteStats>> open(const std::filesystem::path& path);

    Result<SummaryCounts> summary() override;
    Result<std::vector<BucketCount>> bucket_counts(const StatsFilter& filter, Metric metric, Interval interval,
                                                   SeriesBy series) override;
    Result<std::vector<TopRow>> top(const StatsFilter& filter, TopBy by, int limit) override;
    Result<std::vector<StanceMention>> stance_mentions(const StatsFilter& filter) override;
    Result<std::vector<Representation>> representations() override;
    Result<std::vector<FactMention>> article_mentions(std::int64_t article_id) override;

private:
    Connection connection_;
};

}  // namespace parley::store
