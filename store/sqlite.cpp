#include "store/sqlite.hpp"

#include <sqlite3.h>

#include <utility>

namespace parley::store {
namespace {

ErrorCode code_for(int rc) {
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return ErrorCode::busy;
        case SQLITE_CONSTRAINT: return ErrorCode::conflict;
        case SQLITE_CANTOPEN: return ErrorCode::io_error;
        default: return ErrorCode::database_error;
    }
}

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
    std::string message(context);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return make_error(code_for(rc), std::move(message));
}

}  // namespace

// ---- Statement -------------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Error Statement::error_from(int rc) const {
    return sqlite_error(db_, rc, std::string("SQL '") + std::string(sql()) + "'");
}

Status Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) return error_from(rc);
    return ok_status();
}

Status Statement::bind(int index, double value) {
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) return error_from(rc);
    return ok_status();
}

Status Statement::bind(int index, std::string_view value) {
    // A zero-length view may carry a null data pointer, which SQLite would bind as NULL.
    static constexpr char empty[] = "";
    const char* data = value.data() != nullptr ? value.data() : empty;
    const int rc = sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) return error_from(rc);
    return ok_status();
}

Status Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) return error_from(rc);
    return ok_status();
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return error_from(rc);
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return row.error();
        if (!*row) return ok_status();
    }
}

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::column_text(int column) const {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::column_is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::sql() const {
    const char* text = stmt_ != nullptr ? sqlite3_sql(stmt_) : nullptr;
    return text != nullptr ? std::string_view(text) : std::string_view();
}

// ---- CachedStatement -------------------------------------------------------------------------------

CachedStatement::CachedStatement(Statement* cached, std::unique_ptr<Statement> owned, bool* in_use)
    : statement_(owned ? owned.get() : cached), owned_(std::move(owned)), in_use_(owned_ ? nullptr : in_use) {
    if (in_use_ != nullptr) *in_use_ = true;
}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      owned_(std::move(other.owned_)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

CachedStatement::~CachedStatement() {
    if (statement_ != nullptr && !owned_) statement_->reset();
    if (in_use_ != nullptr) *in_use_ = false;
}

// ---- Connection ------------------------------------------------------------------------------------

Result<Connection> Connection::open(const std::filesystem::path& path, const OpenOptions& options) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (options.read_only) {
        flags |= SQLITE_OPEN_READONLY;
    } else {
        flags |= SQLITE_OPEN_READWRITE;
        if (options.create) flags |= SQLITE_OPEN_CREATE;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Connection connection(raw, path);  // owns the handle even when open failed
    if (rc != SQLITE_OK) return sqlite_error(raw, rc, "cannot open database " + path.string());

    sqlite3_busy_timeout(raw, options.busy_timeout_ms);
    sqlite3_extended_result_codes(raw, 1);
    // Fixed settings every Parley connection runs with; see docs/architecture.md (storage).
    if (auto st = connection.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"); !st) return st.error();
    if (!options.read_only) {
        auto mode = connection.prepare("PRAGMA journal_mode = WAL");
        if (!mode) return mode.error();
        if (auto row = (*mode)->step(); !row) {
            return make_error(row.error().code, path.string() + ": cannot switch to WAL: " + row.error().message);
        }
    }
    return connection;
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Connection::~Connection() { close(); }

void Connection::close() {
    cache_.clear();  // statements are finalized before the handle closes
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
}

Status Connection::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return make_error(code_for(rc), detail);
    }
    return ok_status();
}

Result<std::unique_ptr<Statement>> Connection::prepare_new(std::string_view sql, bool persistent) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return sqlite_error(db_, rc, "cannot prepare SQL '" + std::string(sql) + "'");
    }
    if (stmt == nullptr) return make_error(ErrorCode::internal, "empty SQL statement");
    return std::make_unique<Statement>(db_, stmt);
}

Result<CachedStatement> Connection::prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
        auto fresh = prepare_new(sql, /*persistent=*/true);
        if (!fresh) return fresh.error();
        it = cache_.emplace(std::string(sql), CacheEntry{std::move(*fresh), std::make_unique<bool>(false)}).first;
    }
    CacheEntry& entry = it->second;
    if (*entry.in_use) {
        // Re-entrant use of the same SQL (e.g. a nested lookup): a private one-off copy.
        auto fresh = prepare_new(sql, /*persistent=*/false);
        if (!fresh) return fresh.error();
        return CachedStatement(nullptr, std::move(*fresh), nullptr);
    }
    return CachedStatement(entry.statement.get(), nullptr, entry.in_use.get());
}

Result<std::int64_t> Connection::query_int64(std::string_view sql) {
    auto statement = prepare(sql);
    if (!statement) return statement.error();
    auto row = (*statement)->step();
    if (!row) return row.error();
    if (!*row) return make_error(ErrorCode::not_found, "no row from '" + std::string(sql) + "'");
    return (*statement)->column_int64(0);
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---- Transaction -----------------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Connection& connection) {
    if (connection.in_transaction()) {
        return make_error(ErrorCode::internal, "a transaction is already open on " + connection.path().string());
    }
    auto begin = connection.prepare("BEGIN IMMEDIATE");
    if (!begin) return begin.error();
    if (auto st = (*begin)->run(); !st) return st.error();
    return Transaction(connection);
}

Transaction::~Transaction() {
    // Only when commit() was not reached or failed; SQLite may already have rolled back on some errors.
    if (connection_ != nullptr && connection_->in_transaction()) (void)connection_->exec("ROLLBACK");
}

Status Transaction::commit() {
    if (connection_ == nullptr) return make_error(ErrorCode::internal, "commit on a finished transaction");
    auto commit = connection_->prepare("COMMIT");
    if (!commit) return commit.error();
    if (auto st = (*commit)->run(); !st) return st.error();  // the destructor rolls back
    connection_ = nullptr;
    return ok_status();
}

}  // namespace parley::store
