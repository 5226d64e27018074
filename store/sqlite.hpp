#pragma once
// RAII wrappers over the SQLite C API: the only place (with store/*.cpp) that sees <sqlite3.h>.
// Connection owns a sqlite3*, Statement owns a sqlite3_stmt*, Transaction owns one BEGIN IMMEDIATE.
// None of them is thread-safe: one Connection serves one thread at a time (open one per thread).
// Failures come back as Result/Status values carrying SQLite's message and the SQL that failed.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace parley::store {

// One prepared statement. Move-only; finalizes on destruction. Columns and bind indexes are as in
// SQLite: bind indexes start at 1, column indexes at 0. A Statement must not outlive its Connection.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    Status bind(int index, std::int64_t value);
    Status bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Status bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Status bind(int index, double value);
    Status bind(int index, std::string_view value);  // copied (SQLITE_TRANSIENT)
    Status bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Status bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Status bind_null(int index);

    // Binds every argument in order, starting at index 1; stops at the first failure.
    template <class... Args>
    Status bind_all(const Args&... args) {
        int index = 0;
        Status status = ok_status();
        ((status ? (void)(status = bind(++index, args)) : (void)0), ...);
        return status;
    }

    // Advances one row: true when a row is available, false when the statement is done.
    Result<bool> step();
    // Steps to completion, ignoring rows: for INSERT/UPDATE/DELETE.
    Status run();

    std::int64_t column_int64(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const;  // NULL reads as ""
    bool column_is_null(int column) const;

    // Makes the statement ready for a new execution (bindings cleared).
    void reset();

    std::string_view sql() const;

private:
    Error error_from(int rc) const;

    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

class Connection;

// A statement borrowed from a Connection's cache for one use: reset (and its bindings cleared) when the
// lease ends, so a finished read never pins a WAL snapshot. Must not outlive its Connection.
class CachedStatement {
public:
    CachedStatement(Statement* cached, std::unique_ptr<Statement> owned, bool* in_use);
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    CachedStatement(CachedStatement&& other) noexcept;
    CachedStatement& operator=(CachedStatement&&) = delete;
    ~CachedStatement();

    Statement* operator->() { return statement_; }
    Statement& operator*() { return *statement_; }

private:
    Statement* statement_ = nullptr;
    std::unique_ptr<Statement> owned_;  // set when the cached copy was already leased (re-entrant use)
    bool* in_use_ = nullptr;
};

struct OpenOptions {
    bool read_only = false;
    bool create = true;             // create the file when missing (ignored when read_only)
    int busy_timeout_ms = 5000;
};

// An open database handle. Move-only; closes (after finalizing its cached statements) on destruction.
// open() applies the connection settings (WAL, synchronous=NORMAL, foreign_keys, busy_timeout) but
// does not look at the schema: see store/database.hpp for the checked, migrated open.
class Connection {
public:
    static Result<Connection> open(const std::filesystem::path& path, const OpenOptions& options = {});

    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs one or more ';'-separated statements with no parameters (schema scripts, pragmas).
    Status exec(std::string_view sql);

    // The cached prepared statement for `sql` (prepared on first use). `sql` should be a named constant:
    // the cache is keyed by its text, so SQL built from data would grow it without bound.
    Result<CachedStatement> prepare(std::string_view sql);

    // A single integer from a query returning one row and one column (e.g. a PRAGMA).
    Result<std::int64_t> query_int64(std::string_view sql);

    std::int64_t last_insert_rowid() const;
    int changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
    bool in_transaction() const;
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }

private:
    struct CacheEntry {
        std::unique_ptr<Statement> statement;
        std::unique_ptr<bool> in_use;  // heap-held so leases survive a move of the Connection
    };

    Connection(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
    Result<std::unique_ptr<Statement>> prepare_new(std::string_view sql, bool persistent);
    void close();

    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    std::unordered_map<std::string, CacheEntry> cache_;
};

// One write transaction: BEGIN IMMEDIATE on creation (takes the write lock up front, so a busy writer is
// reported at begin, not half-way), ROLLBACK on destruction unless commit() succeeded. Not nestable.
class Transaction {
public:
    static Result<Transaction> begin(Connection& connection);

    Transaction(Transaction&& other) noexcept : connection_(other.connection_) { other.connection_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status commit();

private:
    explicit Transaction(Connection& connection) : connection_(&connection) {}
    Connection* connection_ = nullptr;  // null once committed, rolled back or moved from
};

}  // namespace parley::store
