#include "store/database.hpp"

#include <cstdio>
#include <string>

#include "store/migrations.hpp"

namespace parley::store {
namespace {

std::string hex(std::int64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%08llx", static_cast<unsigned long long>(value) & 0xffffffffULL);
    return buffer;
}


// open_database and migrate_database share everything; `report`, when given, receives what migrate did.
Result<Connection> open_checked(const std::filesystem::path& path, const DatabaseOptions& options,
                                MigrationReport* report_out) {
    auto connection = Connection::open(
        path, OpenOptions{.read_only = options.read_only, .create = !options.read_only, .busy_timeout_ms = options.busy_timeout_ms});
    if (!connection) return connection.error();
    const std::string name = path.string();

    auto application_id = connection->query_int64("PRAGMA application_id");
    if (!application_id) return make_error(application_id.error().code, name + ": " + application_id.error().message);
    auto version = schema_version(*connection);
    if (!version) return make_error(version.error().code, name + ": " + version.error().message);

    if (*application_id != parley_application_id) {
        auto objects = connection->query_int64("SELECT count(*) FROM sqlite_schema");
        if (!objects) return make_error(objects.error().code, name + ": " + objects.error().message);
        // A brand-new file has neither an id nor tables; anything else belongs to someone else.
        if (*application_id != 0 || *objects != 0) {
            return make_error(ErrorCode::invalid_input, name + " is not a Parley database (application_id " +
                                                            hex(*application_id) + ", expected " +
                                                            hex(parley_application_id) + ")");
        }
    }

    const int latest = latest_schema_version();
    if (*version > latest) {
        return make_error(ErrorCode::unsupported_version,
                          name + " has schema version " + std::to_string(*version) +
                              ", newer than this parley binary supports (" + std::to_string(latest) +
                              "); use a newer parley");
    }
    if (report_out != nullptr) *report_out = MigrationReport{*version, *version};
    if (*version < latest) {
        if (!options.migrate || options.read_only) {
            return make_error(ErrorCode::unsupported_version,
                              name + " has schema version " + std::to_string(*version) + ", older than this parley (" +
                                  std::to_string(latest) + "); run `parley migrate --db " + name + "`");
        }
        auto report = migrate(*connection);
        if (!report) return make_error(report.error().code, name + ": " + report.error().message);
        if (report_out != nullptr) *report_out = *report;
    }
    return connection;
}

}  // namespace

Result<int> schema_version(Connection& connection) {
    auto version = connection.query_int64("PRAGMA user_version");
    if (!version) return version.error();
    return static_cast<int>(*version);
}

Result<Connection> open_database(const std::filesystem::path& path, const DatabaseOptions& options) {
    return open_checked(path, options, nullptr);
}

Result<MigrationReport> migrate_database(const std::filesystem::path& path) {
    MigrationReport report;
    auto connection = open_checked(path, DatabaseOptions{}, &report);
    if (!connection) return connection.error();
    return report;
}

}  // namespace parley::store
