#pragma once
// Subcommand registration: each register_X adds one subcommand with its options and its callback.

#include <CLI/CLI.hpp>

namespace parley::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

void register_extract(CLI::App& app);

// Runs the callback of the subcommand the user chose and returns its exit code.
int run_selected(CLI::App& app);

// Set by a subcommand's callback; read by run_selected.
void set_exit_code(int code);

}  // namespace parley::cli
