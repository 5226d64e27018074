#pragma once
// Schema migrations: migrations/NNNN_name.sql, embedded in the binary at build time
// (store/embed_migrations.cmake), applied in version order, each in one BEGIN IMMEDIATE transaction
// that also sets PRAGMA user_version. Forward-only: there are no down migrations.

#include <span>
#include <string_view>

#include "core/result.hpp"
#include "store/sqlite.hpp"

namespace parley::store {

struct Migration {
    int version;            // 1, 2, 3, … (the NNNN of the file name)
    std::string_view name;  // the file name's snake_case part
    std::string_view sql;
};

// Every migration this binary knows, in version order (generated code).
std::span<const Migration> embedded_migrations();

// The schema version a database has once every embedded migration ran.
int latest_schema_version();

// What migrate() did: the version before and after.
struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
};

// Brings `connection` to `target_version` (default: the latest) by applying `migrations` above its
// current user_version. Refuses (unsupported_version) a database newer than `target_version`.
// Each step re-reads user_version inside its transaction, so two processes migrating at once is safe.
Result<MigrationReport> migrate(Connection& connection, std::span<const Migration> migrations,
                                int target_version);
Result<MigrationReport> migrate(Connection& connection);

}  // namespace parley::store
