// parley: the command-line entry point. Parses arguments with CLI11 and hands each subcommand
// to its own file in cli/. Exit codes: 0 success, 1 runtime failure, 2 usage error.

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Parley: a diplomatic-event knowledge graph (news articles -> who proposed, met, rejected what)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "parley 0.1.0");

    parley::cli::register_ingest(app);
    parley::cli::register_extract(app);
    parley::cli::register_migrate(app);
    parley::cli::register_stats(app);
    parley::cli::register_serve(app);
    parley::cli::register_export(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : parley::cli::exit_usage;
    }
    return parley::cli::run_selected(app);
}
