// `parley migrate`: brings the database file to this binary's schema version (creating it when missing).
// Every other command migrates on open too; this one says what it did, for operators and upgrade scripts.

#include <iostream>

#include "cli/commands.hpp"
#include "store/database.hpp"

namespace parley::cli {
namespace {

int run_migrate(const std::string& db) {
    auto report = store::migrate_database(db);
    if (!report) return report_error("migrate", report.error());
    if (report->from_version == report->to_version) {
        std::cout << db << ": schema version " << report->to_version << ", up to date\n";
    } else {
        std::cout << db << ": migrated schema version " << report->from_version << " -> " << report->to_version
                  << "\n";
    }
    return exit_ok;
}

}  // namespace

void register_migrate(CLI::App& app) {
    auto db = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("migrate", "Create or upgrade the database to this binary's schema version");
    add_database_option(*cmd, *db);
    cmd->callback([db] { set_exit_code(run_migrate(*db)); });
}

}  // namespace parley::cli
