#include "store/migrations.hpp"

#include <string>

#include "store/database.hpp"

namespace parley::store {

int latest_schema_version() {
    const auto migrations = embedded_migrations();
    return migrations.empty() ? 0 : migrations.back().version;
}

Result<MigrationReport> migrate(Connection& connection, std::span<const Migration> migrations, int target_version) {
    auto before = schema_version(connection);
    if (!before) return before.error();
    MigrationReport report{*before, *before};
    if (*before > target_version) {
        return make_error(ErrorCode::unsupported_version,
                          connection.path().string() + " has schema version " + std::to_string(*before) +
                              ", newer than this parley binary supports (" + std::to_string(target_version) +
                              "); use a newer parley");
    }
    for (const Migration& migration : migrations) {
        if (migration.version > target_version) break;
        if (migration.version <= report.to_version) continue;
        auto transaction = Transaction::begin(connection);
        if (!transaction) return transaction.error();
        // Another process may have migrated between our read and our lock.
        auto current = schema_version(connection);
        if (!current) return current.error();
        report.to_version = *current;
        if (*current >= migration.version) continue;
        const std::string label = "migration " + std::to_string(migration.version) + "_" + std::string(migration.name);
        if (*current != migration.version - 1) {
            return make_error(ErrorCode::internal, label + ": database is at version " + std::to_string(*current) +
                                                       ", expected " + std::to_string(migration.version - 1));
        }
        if (auto st = connection.exec(migration.sql); !st) {
            return make_error(st.error().code, label + " failed: " + st.error().message);
        }
        // Pragmas take no parameters; both values are integers from this binary, not user data.
        const std::string stamp = "PRAGMA user_version = " + std::to_string(migration.version) +
                                  "; PRAGMA application_id = " + std::to_string(parley_application_id) + ";";
        if (auto st = connection.exec(stamp); !st) return make_error(st.error().code, label + ": " + st.error().message);
        if (auto st = transaction->commit(); !st) return make_error(st.error().code, label + ": " + st.error().message);
        report.to_version = migration.version;
    }
    return report;
}

Result<MigrationReport> migrate(Connection& connection) {
    return migrate(connection, embedded_migrations(), latest_schema_version());
}

}  // namespace parley::store
