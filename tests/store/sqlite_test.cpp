// The RAII wrappers against a real SQLite file: statements, the per-connection cache, transactions.

#include <gtest/gtest.h>

#include "store/sqlite.hpp"
#include "support/temp_dir.hpp"

namespace parley::store {
namespace {

class SqliteTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = Connection::open(dir_ / "t.db");
        ASSERT_TRUE(opened) << opened.error().message;
        connection_.emplace(std::move(*opened));
        ASSERT_TRUE(db().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT"));
    }
    Connection& db() { return *connection_; }

    std::int64_t count() {
        auto n = db().query_int64("SELECT count(*) FROM t");
        EXPECT_TRUE(n);
        return n ? *n : -1;
    }

    testing::TempDir dir_;
    std::optional<Connection> connection_;
};

TEST_F(SqliteTest, OpenAppliesConnectionSettings) {
    EXPECT_EQ(*db().query_int64("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(*db().query_int64("PRAGMA synchronous"), 1);  // NORMAL
    auto mode = db().prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode);
    ASSERT_TRUE(*(*mode)->step());
    EXPECT_EQ((*mode)->column_text(0), "wal");
}

TEST_F(SqliteTest, BindsAndReadsEveryType) {
    auto insert = db().prepare("INSERT INTO t (name) VALUES (?)");
    ASSERT_TRUE(insert);
    ASSERT_TRUE((*insert)->bind_all(std::string_view("Ankara \xC3\xA9t\xC3\xA9")));
    ASSERT_TRUE((*insert)->run());
    auto select = db().prepare("SELECT id, name, 2.5, NULL FROM t ORDER BY id");
    ASSERT_TRUE(select);
    ASSERT_TRUE(*(*select)->step());
    EXPECT_EQ((*select)->column_int64(0), db().last_insert_rowid());
    EXPECT_EQ((*select)->column_text(1), "Ankara \xC3\xA9t\xC3\xA9");
    EXPECT_DOUBLE_EQ((*select)->column_double(2), 2.5);
    EXPECT_TRUE((*select)->column_is_null(3));
    EXPECT_EQ((*select)->column_text(3), "");
    EXPECT_FALSE(*(*select)->step());
}

TEST_F(SqliteTest, CachedStatementIsResetWhenTheLeaseEnds) {
    constexpr std::string_view sql = "INSERT INTO t (name) VALUES (?)";
    for (const char* name : {"a", "b", "c"}) {
        auto insert = db().prepare(sql);
        ASSERT_TRUE(insert);
        ASSERT_TRUE((*insert)->bind(1, name));
        ASSERT_TRUE((*insert)->run());
    }
    EXPECT_EQ(count(), 3);
    // Re-entrant use of the same SQL gets a private copy instead of clobbering the outer lease.
    constexpr std::string_view select = "SELECT name FROM t WHERE name >= ? ORDER BY name";
    auto outer = db().prepare(select);
    ASSERT_TRUE(outer);
    ASSERT_TRUE((*outer)->bind(1, "a"));
    ASSERT_TRUE(*(*outer)->step());
    {
        auto inner = db().prepare(select);
        ASSERT_TRUE(inner);
        ASSERT_TRUE((*inner)->bind(1, "c"));
        ASSERT_TRUE(*(*inner)->step());
        EXPECT_EQ((*inner)->column_text(0), "c");
    }
    EXPECT_EQ((*outer)->column_text(0), "a");
    ASSERT_TRUE(*(*outer)->step());
    EXPECT_EQ((*outer)->column_text(0), "b");
}

TEST_F(SqliteTest, ErrorsNameTheSqlAndCarryACode) {
    auto bad = db().prepare("SELECT nope FROM t");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("SELECT nope FROM t"), std::string::npos);
    EXPECT_NE(bad.error().message.find("no such column"), std::string::npos);

    ASSERT_TRUE(db().exec("INSERT INTO t (name) VALUES ('x')"));
    auto insert = db().prepare("INSERT INTO t (name) VALUES (?)");
    ASSERT_TRUE(insert);
    ASSERT_TRUE((*insert)->bind(1, "x"));
    auto duplicate = (*insert)->run();
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
}

TEST_F(SqliteTest, TransactionRollsBackUnlessCommitted) {
    {
        auto tx = Transaction::begin(db());
        ASSERT_TRUE(tx);
        ASSERT_TRUE(db().exec("INSERT INTO t (name) VALUES ('lost')"));
        EXPECT_TRUE(db().in_transaction());
    }  // no commit
    EXPECT_FALSE(db().in_transaction());
    EXPECT_EQ(count(), 0);
    {
        auto tx = Transaction::begin(db());
        ASSERT_TRUE(tx);
        ASSERT_TRUE(db().exec("INSERT INTO t (name) VALUES ('kept')"));
        ASSERT_TRUE(tx->commit());
        EXPECT_FALSE(tx->commit());  // once only
    }
    EXPECT_EQ(count(), 1);
}

TEST_F(SqliteTest, TransactionsDoNotNest) {
    auto tx = Transaction::begin(db());
    ASSERT_TRUE(tx);
    auto nested = Transaction::begin(db());
    EXPECT_FALSE(nested);
}

TEST_F(SqliteTest, SecondWriterIsBusyNotCorrupting) {
    auto other = Connection::open(dir_ / "t.db", OpenOptions{.busy_timeout_ms = 50});
    ASSERT_TRUE(other) << other.error().message;
    auto tx = Transaction::begin(db());
    ASSERT_TRUE(tx);
    auto blocked = Transaction::begin(*other);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, ErrorCode::busy);
}

TEST_F(SqliteTest, MovedConnectionKeepsItsCache) {
    std::optional<Connection> moved;
    {
        auto insert = db().prepare("INSERT INTO t (name) VALUES (?)");
        ASSERT_TRUE(insert);
        moved.emplace(std::move(*connection_));  // the lease stays valid: statements live on the heap
        ASSERT_TRUE((*insert)->bind(1, "after-move"));
        ASSERT_TRUE((*insert)->run());
    }
    EXPECT_EQ(*moved->query_int64("SELECT count(*) FROM t"), 1);
}

TEST(SqliteOpen, MissingDirectoryIsAnIoError) {
    auto opened = Connection::open("/nonexistent-parley-dir/x.db");
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::io_error);
    EXPECT_NE(opened.error().message.find("/nonexistent-parley-dir/x.db"), std::string::npos);
}

}  // namespace
}  // namespace parley::store
