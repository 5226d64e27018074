// `parley export --format F [--out FILE] [filters]`: the facts matching the same filters as GET /v1/edges,
// rendered by graph::render_export exactly as GET /v1/graph?format=F serves them.

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "graph/export.hpp"
#include "graph/queries.hpp"
#include "store/sqlite_graph_reader.hpp"

namespace parley::cli {
namespace {

struct ExportOptions {
    std::string db;
    std::string format;
    std::string out = "-";
    std::size_t max_edges = 100000;
    bool no_evidence = false;
    std::string negated;  // "", "true" or "false"
    graph::EdgeFilter filter;
};

// The filters as given, echoed into the export's header (canonical JSON) so a file says what it holds.
nlohmann::json describe(const graph::EdgeFilter& f) {
    nlohmann::json out = nlohmann::json::object();
    if (!f.relations.empty()) out["relation"] = f.relations;
    for (const auto& [name, value] : {std::pair{"source", &f.source}, std::pair{"target", &f.target},
                                      std::pair{"source_kind", &f.source_kind}, std::pair{"target_kind", &f.target_kind},
                                      std::pair{"proposal_type", &f.proposal_type}, std::pair{"modality", &f.modality},
                                      std::pair{"from", &f.from}, std::pair{"to", &f.to}, std::pair{"q", &f.q}}) {
        if (!value->empty()) out[name] = *value;
    }
    if (f.negated) out["negated"] = *f.negated;
    if (f.as_state) out["as_state"] = true;
    return out;
}

std::string utc_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

Status write_output(const std::string& path, const std::string& body) {
    if (path == "-") {
        std::cout.write(body.data(), static_cast<std::streamsize>(body.size()));
        std::cout.flush();
        return std::cout ? ok_status() : Status(make_error(ErrorCode::io_error, "cannot write to stdout"));
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.close();
    if (!out) return make_error(ErrorCode::io_error, path + ": cannot write file");
    return ok_status();
}

int run_export(ExportOptions options) {
    if (!options.negated.empty()) options.filter.negated = options.negated == "true";
    // Fail on the format before touching the database, and before a zip lands on a terminal.
    const auto& formats = graph::export_formats();
    if (std::find(formats.begin(), formats.end(), options.format) == formats.end()) {
        return report_error("export", graph::render_export(options.format, {}).error());
    }
    const bool binary = options.format == "csv" || options.format == "neo4j";
    if (binary && options.out == "-" && ::isatty(STDOUT_FILENO)) {
        return report_error("export", make_error(ErrorCode::invalid_argument,
                                                 "--format " + options.format + " is a zip: give --out FILE"));
    }

    graph::GraphQueries queries([path = options.db]() -> Result<std::unique_ptr<store::GraphReadSource>> {
        auto reader = store::SqliteGraphReader::open(path);
        if (!reader) return reader.error();
        return std::unique_ptr<store::GraphReadSource>(std::move(*reader));
    });
    auto slice = queries.slice(options.filter, options.max_edges, !options.no_evidence);
    if (!slice) return report_error("export", slice.error());
    auto revision = queries.revision();
    if (!revision) return report_error("export", revision.error());

    graph::ExportMeta meta;
    meta.revision = *revision;
    meta.generated_at = utc_now();
    meta.filters = describe(options.filter);
    auto rendered = graph::render_export(options.format, slice->slice, meta);
    if (!rendered) return report_error("export", rendered.error());
    if (auto written = write_output(options.out, rendered->body); !written) return report_error("export", written.error());

    std::cerr << "parley export: " << slice->slice.nodes.size() << " nodes, " << slice->slice.edges.size() << " facts, "
              << slice->slice.evidence.size() << " evidence sentences as " << options.format << " ("
              << rendered->body.size() << " bytes)" << (options.out == "-" ? "" : " to " + options.out) << "\n";
    if (slice->truncated) {
        std::cerr << "parley export: warning: cut at --max-edges " << options.max_edges
                  << "; more facts match (raise it or narrow the filters)\n";
    }
    return exit_ok;
}

}  // namespace

void register_export(CLI::App& app) {
    auto options = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Export facts (and their nodes and evidence) for Gephi, Cytoscape, "
                                             "Neo4j, Graphviz or spreadsheets");
    add_database_option(*cmd, options->db);
    std::string formats;
    for (const auto& f : graph::export_formats()) formats += (formats.empty() ? "" : ", ") + f;
    cmd->add_option("--format,-f", options->format, "One of: " + formats)->required();
    cmd->add_option("--out,-o", options->out, "Output file, or - for stdout (zip formats need a file or a pipe)")
        ->capture_default_str();
    cmd->add_option("--max-edges", options->max_edges, "Stop after this many facts")->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--no-evidence", options->no_evidence, "Leave out the evidence sentences");
    auto& f = options->filter;
    cmd->add_option("--relation,-r", f.relations, "Relation (repeatable: any of them)");
    cmd->add_option("--source", f.source, "Source node id, name or alias");
    cmd->add_option("--target", f.target, "Target node id, name or alias");
    cmd->add_option("--source-kind", f.source_kind, "Source node kind");
    cmd->add_option("--target-kind", f.target_kind, "Target node kind");
    cmd->add_option("--proposal-type", f.proposal_type, "Either endpoint is a proposal of this type");
    cmd->add_option("--negated", options->negated, "Only negated (true) or only affirmed (false) facts")
        ->check(CLI::IsMember({"true", "false"}));
    cmd->add_option("--modality", f.modality, "At least one mention with this modality");
    const CLI::Validator iso_date(
        [](std::string& value) {
            const bool ok = value.size() == 10 && value[4] == '-' && value[7] == '-' &&
                            std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; });
            return ok ? std::string() : "expected a date YYYY-MM-DD, got '" + value + "'";
        },
        "YYYY-MM-DD");
    cmd->add_option("--from", f.from, "First date (YYYY-MM-DD, inclusive)")->check(iso_date);
    cmd->add_option("--to", f.to, "Last date (YYYY-MM-DD, inclusive)")->check(iso_date);
    cmd->add_option("--q", f.q, "Full-text search over evidence sentences");
    cmd->add_flag("--as-state", f.as_state, "Lift person sources to the state or organization they represent");
    cmd->callback([options] { set_exit_code(run_export(*options)); });
}

}  // namespace parley::cli
