// `parley stats`: what the database holds: articles, nodes by kind, facts by relation, mentions, revision.

#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "store/sqlite_graph_store.hpp"

namespace parley::cli {
namespace {

struct StatsOptions {
    std::string db;
    bool json = false;
};

void print_breakdown(const char* heading, const std::map<std::string, std::int64_t>& counts) {
    std::cout << heading << "\n";
    if (counts.empty()) std::cout << "  (none)\n";
    for (const auto& [name, count] : counts) std::cout << "  " << std::left << std::setw(14) << name << count << "\n";
}

int run_stats(const StatsOptions& options) {
    // Read-only: looking must never create or upgrade a file.
    auto store = store::SqliteGraphStore::open(options.db, store::DatabaseOptions{.read_only = true});
    if (!store) return report_error("stats", store.error());
    auto stats = (*store)->stats();
    if (!stats) return report_error("stats", stats.error());
    if (options.json) {
        std::cout << nlohmann::json{{"database", options.db},
                                    {"revision", stats->revision},
                                    {"articles", stats->articles},
                                    {"nodes", stats->nodes},
                                    {"facts", stats->edges},
                                    {"mentions", stats->evidence},
                                    {"nodes_by_kind", stats->nodes_by_kind},
                                    {"facts_by_relation", stats->edges_by_relation}}
                         .dump(2)
                  << "\n";
        return exit_ok;
    }
    std::cout << options.db << " (graph revision " << stats->revision << ")\n"
              << "  articles      " << stats->articles << "\n"
              << "  nodes         " << stats->nodes << "\n"
              << "  facts         " << stats->edges << "\n"
              << "  mentions      " << stats->evidence << "\n";
    print_breakdown("nodes by kind", stats->nodes_by_kind);
    print_breakdown("facts by relation", stats->edges_by_relation);
    return exit_ok;
}

}  // namespace

void register_stats(CLI::App& app) {
    auto options = std::make_shared<StatsOptions>();
    auto* cmd = app.add_subcommand("stats", "Count articles, nodes by kind and facts by relation");
    add_database_option(*cmd, options->db);
    cmd->add_flag("--json", options->json, "Print the counts as JSON");
    cmd->callback([options] { set_exit_code(run_stats(*options)); });
}

}  // namespace parley::cli
