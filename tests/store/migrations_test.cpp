// Opening and migrating real database files: empty, older, newer than this binary, foreign; and the
// checked-in schema/schema.sql kept equal to all migrations applied.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

namespace parley::store {
namespace {

// (type, name, tbl_name, sql) of every schema object, in a stable order.
std::vector<std::string> schema_of(Connection& connection) {
    auto rows = connection.prepare(
        "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_schema "
        "ORDER BY type, name");
    EXPECT_TRUE(rows);
    std::vector<std::string> out;
    while (rows && *(*rows)->step()) out.push_back((*rows)->column_text(0));
    return out;
}

std::int64_t scalar(Connection& connection, std::string_view sql) {
    auto value = connection.query_int64(sql);
    EXPECT_TRUE(value) << value.error().message;
    return value ? *value : -1;
}

TEST(Migrations, EmbeddedInOrderWithoutGaps) {
    const auto migrations = embedded_migrations();
    ASSERT_FALSE(migrations.empty());
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(migrations[i].sql.empty());
    }
    EXPECT_EQ(latest_schema_version(), migrations.back().version);
}

TEST(Migrations, EmptyFileIsCreatedAtTheLatestVersion) {
    testing::TempDir dir;
    auto db = open_database(dir / "parley.db");
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_EQ(scalar(*db, "PRAGMA user_version"), latest_schema_version());
    EXPECT_EQ(scalar(*db, "PRAGMA application_id"), parley_application_id);
    EXPECT_EQ(scalar(*db, "SELECT revision FROM graph_revision"), 0);
    for (const char* table : {"articles", "nodes", "node_aliases", "edges", "evidence"}) {
        auto statement = db->prepare("SELECT strict FROM pragma_table_list WHERE name = ?");
        ASSERT_TRUE(statement);
        ASSERT_TRUE((*statement)->bind(1, table));
        ASSERT_TRUE(*(*statement)->step()) << table;
        EXPECT_EQ((*statement)->column_int64(0), 1) << table << " is not STRICT";
    }
}

TEST(Migrations, ReopeningChangesNothing) {
    testing::TempDir dir;
    std::vector<std::string> first;
    {
        auto db = open_database(dir / "parley.db");
        ASSERT_TRUE(db);
        first = schema_of(*db);
    }
    auto again = open_database(dir / "parley.db");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(schema_of(*again), first);
    auto report = migrate(*again);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->from_version, report->to_version);
}

TEST(Migrations, OlderDatabaseIsUpgradedKeepingItsRows) {
    testing::TempDir dir;
    {
        auto db = Connection::open(dir / "parley.db");
        ASSERT_TRUE(db);
        auto report = migrate(*db, embedded_migrations(), 1);
        ASSERT_TRUE(report) << report.error().message;
        EXPECT_EQ(report->to_version, 1);
        ASSERT_TRUE(db->exec("INSERT INTO articles (url, text, content_hash, ingested_at) "
                             "VALUES ('https://example.org/a', 'Text.', 'h', '2025-01-01T00:00:00Z')"));
    }
    // Without migrate, an older file is refused with the way forward.
    auto refused = open_database(dir / "parley.db", DatabaseOptions{.migrate = false});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unsupported_version);
    EXPECT_NE(refused.error().message.find("parley migrate"), std::string::npos) << refused.error().message;

    auto db = open_database(dir / "parley.db");
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_EQ(scalar(*db, "PRAGMA user_version"), latest_schema_version());
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM articles"), 1);
    if (latest_schema_version() >= 2) {
        // Rows from before the full-text migration are not indexed retroactively by triggers; new ones are.
        ASSERT_TRUE(db->exec("INSERT INTO articles (url, text, content_hash, ingested_at) "
                             "VALUES ('https://example.org/b', 'Ceasefire talks.', 'h2', '2025-01-01T00:00:00Z')"));
        EXPECT_EQ(scalar(*db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ceasefire'"), 1);
    }
}

TEST(Migrations, NewerDatabaseIsRefusedNamingBothVersions) {
    testing::TempDir dir;
    const int future = latest_schema_version() + 7;
    {
        auto db = open_database(dir / "parley.db");
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(future)));
    }
    auto db = open_database(dir / "parley.db");
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::unsupported_version);
    const std::string& message = db.error().message;
    EXPECT_NE(message.find("version " + std::to_string(future)), std::string::npos) << message;
    EXPECT_NE(message.find("(" + std::to_string(latest_schema_version()) + ")"), std::string::npos) << message;
    EXPECT_NE(message.find("parley.db"), std::string::npos) << message;
}

TEST(Migrations, ForeignDatabaseIsRefused) {
    testing::TempDir dir;
    {
        auto db = Connection::open(dir / "other.db");
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("CREATE TABLE someone_elses (x INTEGER)"));
    }
    auto db = open_database(dir / "other.db");
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::invalid_input);
    EXPECT_NE(db.error().message.find("not a Parley database"), std::string::npos) << db.error().message;

    {
        auto other_app = Connection::open(dir / "app.db");
        ASSERT_TRUE(other_app);
        ASSERT_TRUE(other_app->exec("PRAGMA application_id = 1234"));
    }
    auto app = open_database(dir / "app.db");
    ASSERT_FALSE(app);
    EXPECT_NE(app.error().message.find("0x000004d2"), std::string::npos) << app.error().message;
}

TEST(Migrations, FailingMigrationLeavesThePreviousVersionIntact) {
    testing::TempDir dir;
    auto db = Connection::open(dir / "parley.db");
    ASSERT_TRUE(db);
    const Migration broken[] = {
        {1, "first", "CREATE TABLE a (x INTEGER) STRICT;"},
        {2, "broken", "CREATE TABLE b (x INTEGER) STRICT; INSERT INTO missing_table VALUES (1);"},
    };
    auto report = migrate(*db, broken, 2);
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message.find("migration 2_broken"), std::string::npos) << report.error().message;
    EXPECT_EQ(scalar(*db, "PRAGMA user_version"), 1);
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), 0);
    EXPECT_FALSE(db->in_transaction());
}

TEST(Migrations, SchemaFileEqualsAllMigrationsApplied) {
    const std::filesystem::path schema_path = std::filesystem::path(PARLEY_SOURCE_DIR) / "schema" / "schema.sql";
    std::ifstream in(schema_path);
    ASSERT_TRUE(in) << "cannot read " << schema_path;
    std::stringstream schema_sql;
    schema_sql << in.rdbuf();

    testing::TempDir dir;
    auto migrated = open_database(dir / "migrated.db");
    ASSERT_TRUE(migrated) << migrated.error().message;
    auto from_file = Connection::open(dir / "from_file.db");
    ASSERT_TRUE(from_file);
    ASSERT_TRUE(from_file->exec(schema_sql.str()));
    EXPECT_EQ(schema_of(*from_file), schema_of(*migrated))
        << "schema/schema.sql differs from migrations/*.sql applied in order: regenerate it with "
           "scripts/update-schema.sh";
}

}  // namespace
}  // namespace parley::store
