#pragma once
// Subcommand registration: each register_X adds one subcommand with its options and its callback, in its
// own cli/X_command.cpp; main.cpp calls one register_X line per subcommand. Callbacks report their exit
// code through set_exit_code: 0 success, 1 runtime failure (including bad input), 2 usage error.

#include <string>

#include <CLI/CLI.hpp>

#include "core/result.hpp"

namespace parley::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

void register_extract(CLI::App& app);
void register_ingest(CLI::App& app);
void register_migrate(CLI::App& app);
void register_stats(CLI::App& app);
void register_serve(CLI::App& app);
void register_export(CLI::App& app);

// Runs the callback of the subcommand the user chose and returns its exit code.
int run_selected(CLI::App& app);

// Set by a subcommand's callback; read by run_selected.
void set_exit_code(int code);

// Adds `--db PATH` (env PARLEY_DB, default ./parley.db) to a subcommand: every command that opens the
// database takes it the same way.
CLI::Option* add_database_option(CLI::App& command, std::string& path);

// Prints "parley COMMAND: MESSAGE" on stderr and returns the exit code for the error:
// exit_usage for invalid_argument, exit_failure otherwise.
int report_error(std::string_view command, const Error& error);

}  // namespace parley::cli
