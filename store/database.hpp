#pragma once
// Opening Parley's SQLite file: the one checked entry point every command and the server use.
// The file says what it is (PRAGMA application_id) and how old it is (PRAGMA user_version); a file
// that is not Parley's, or is newer than this binary, is refused with a message naming both versions.

#include <cstdint>
#include <filesystem>

#include "core/result.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

namespace parley::store {

// 'PRLY': written into every Parley database header.
inline constexpr std::int32_t parley_application_id = 0x50524C59;

// The file used when neither --db nor PARLEY_DB names one.
inline constexpr const char* default_database_path = "parley.db";

struct DatabaseOptions {
    bool read_only = false;
    bool migrate = true;  // apply pending migrations; when false, an older database is refused
    int busy_timeout_ms = 5000;
};

// Opens (creating when missing and writable) and checks the database, then migrates it.
// Errors: io_error (cannot open), invalid_input (not a Parley database), unsupported_version
// (newer than this binary, or older and migrate == false).
Result<Connection> open_database(const std::filesystem::path& path, const DatabaseOptions& options = {});

// `parley migrate`: opens (creating when missing) and checks the file like open_database, migrates it,
// and reports the versions before and after.
Result<MigrationReport> migrate_database(const std::filesystem::path& path);

// The schema version recorded in the file (PRAGMA user_version).
Result<int> schema_version(Connection& connection);

}  // namespace parley::store
