#pragma once
// Graph exports: a GraphSlice rendered as one file in a format a visualiser or database loads
// (our canonical JSON, Cytoscape.js, GraphML, GEXF 1.3 dynamic, Graphviz DOT, a CSV bundle, a
// neo4j-admin import bundle). Pure functions of the slice: no I/O, thread-safe, deterministic
// (byte-identical output for the same slice and meta), so the server and `parley export` share them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "graph/records.hpp"

namespace parley::graph {

// One rendered export: what an HTTP response needs (Content-Type, a Content-Disposition filename)
// and what `parley export` writes to a file.
struct ExportResult {
    std::string content_type;
    std::string filename;  // e.g. "parley-graph.gexf"; never contains quotes or path separators
    std::string body;      // text, or zip bytes for the bundle formats
};

// Optional context echoed into the formats that carry a header (canonical JSON, GEXF meta).
// Left empty, nothing time-dependent is written, so output stays deterministic.
struct ExportMeta {
    std::int64_t revision = 0;
    std::string generated_at;                          // ISO-8601, caller-supplied
    nlohmann::json filters = nlohmann::json::object();  // the query that produced the slice
};

// Renders `slice` in `format` (one of export_formats()). An unknown format is an
// ErrorCode::invalid_argument whose message lists the valid ones; a zip failure is ErrorCode::internal.
Result<ExportResult> render_export(std::string_view format, const GraphSlice& slice, const ExportMeta& meta = {});

// The accepted `format` values, in a stable order: json, cytoscape, graphml, gexf, dot, csv, neo4j.
const std::vector<std::string>& export_formats();

}  // namespace parley::graph
