#pragma once
// Internals shared by the exporters in graph/export_*.cpp (not part of the public API: include
// graph/export.hpp instead). Escaping helpers are total: any byte string in, valid output out.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "graph/export.hpp"
#include "graph/records.hpp"

namespace parley::graph::detail {

// Invalid UTF-8 sequences become U+FFFD, so every format (XML above all) gets well-formed text.
std::string valid_utf8(std::string_view text);

// XML 1.0 character data or attribute value: & < > " ' escaped; tab/CR/LF kept as character
// references in attributes (so attribute-value normalisation does not eat them); other C0 controls,
// which XML 1.0 cannot carry at all, become U+FFFD.
std::string xml_escape(std::string_view text);

// One RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);
// Appends one CRLF-terminated record.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

// YYYY-MM-DD with plausible month/day: the only date shape the time-aware formats accept.
bool is_iso_date(std::string_view text);

// Relation families the page's legend and the DOT colours share:
// proposal (proposed, demanded), support (accepted, welcomed, supported, praised),
// opposition (rejected, criticized, warned, sanctioned), contact (called, met), other.
std::string_view relation_group(std::string_view relation);

// Per-node totals over the slice's edges: what the page sizes and filters nodes by.
struct NodeTotals {
    std::int64_t degree = 0;
    std::int64_t mention_count = 0;
};
std::map<std::int64_t, NodeTotals> node_totals(const GraphSlice& slice);

// One property of a node or edge as the tabular and XML formats write it. `type` is the neutral
// name (string, int, boolean, date, list); each format maps it to its own vocabulary. A list is
// written joined by ';' (neo4j-admin's array delimiter). Empty value = unknown.
struct Field {
    std::string_view name;
    std::string_view type;
    std::string value;
};
// The property columns of every node and edge, in a fixed order. Called with a default record they
// give the schema (names and types), so key declarations and values cannot drift apart.
std::vector<Field> node_fields(const NodeRecord& node, const NodeTotals& totals);
std::vector<Field> edge_fields(const EdgeRecord& edge);

// Element ids as the text formats write them: "n12", "e7" (Cytoscape needs ids unique across
// nodes and edges; XML ids must not start with a digit).
std::string node_key(std::int64_t id);
std::string edge_key(std::int64_t id);

// A deflated zip of (name, content) entries in the given order, with a fixed timestamp so the same
// input gives the same bytes.
Result<std::string> make_zip(const std::vector<std::pair<std::string, std::string>>& files);

// The renderers behind render_export: each returns the body only. One signature for all, so the
// format table in export.cpp is a plain list; only the zip bundles can actually fail.
Result<std::string> render_json(const GraphSlice& slice, const ExportMeta& meta);
Result<std::string> render_cytoscape(const GraphSlice& slice, const ExportMeta& meta);
Result<std::string> render_graphml(const GraphSlice& slice, const ExportMeta& meta);
Result<std::string> render_gexf(const GraphSlice& slice, const ExportMeta& meta);
Result<std::string> render_dot(const GraphSlice& slice, const ExportMeta& meta);
Result<std::string> render_csv_bundle(const GraphSlice& slice, const ExportMeta& meta);
Result<std::string> render_neo4j_bundle(const GraphSlice& slice, const ExportMeta& meta);

}  // namespace parley::graph::detail
