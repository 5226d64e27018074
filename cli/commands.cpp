#include "cli/commands.hpp"

#include <iostream>

#include "store/database.hpp"

namespace parley::cli {
namespace {
int selected_exit_code = exit_ok;
}

void set_exit_code(int code) { selected_exit_code = code; }

int run_selected(CLI::App&) { return selected_exit_code; }

CLI::Option* add_database_option(CLI::App& command, std::string& path) {
    path = store::default_database_path;
    return command.add_option("--db", path, "SQLite database file")
        ->envname("PARLEY_DB")
        ->capture_default_str();
}

int report_error(std::string_view command, const Error& error) {
    std::cerr << "parley " << command << ": " << error.message << "\n";
    return error.code == ErrorCode::invalid_argument ? exit_usage : exit_failure;
}

}  // namespace parley::cli
