// render_export: the format table, and the helpers every exporter shares.

#include "graph/export.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "graph/export_detail.hpp"
#include "ingest/utf8.hpp"

namespace parley::graph {
namespace {

using Renderer = Result<std::string> (*)(const GraphSlice&, const ExportMeta&);

struct FormatSpec {
    std::string_view name;
    std::string_view content_type;
    std::string_view filename;
    Renderer render;
};

// Content types: the IANA ones where registered, else the common usage Gephi and yEd users expect.
constexpr std::array<FormatSpec, 7> format_table{{
    {"json", "application/json", "parley-graph.json", detail::render_json},
    {"cytoscape", "application/json", "parley-graph.cyjs", detail::render_cytoscape},
    {"graphml", "application/graphml+xml", "parley-graph.graphml", detail::render_graphml},
    {"gexf", "application/gexf+xml", "parley-graph.gexf", detail::render_gexf},
    {"dot", "text/vnd.graphviz; charset=utf-8", "parley-graph.dot", detail::render_dot},
    {"csv", "application/zip", "parley-graph-csv.zip", detail::render_csv_bundle},
    {"neo4j", "application/zip", "parley-graph-neo4j.zip", detail::render_neo4j_bundle},
}};

}  // namespace

const std::vector<std::string>& export_formats() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& spec : format_table) out.emplace_back(spec.name);
        return out;
    }();
    return names;
}

Result<ExportResult> render_export(std::string_view format, const GraphSlice& slice, const ExportMeta& meta) {
    for (const auto& spec : format_table) {
        if (spec.name != format) continue;
        auto body = spec.render(slice, meta);
        if (!body) return body.error();
        return ExportResult{std::string(spec.content_type), std::string(spec.filename), std::move(*body)};
    }
    std::string valid;
    for (const auto& name : export_formats()) valid += (valid.empty() ? "" : ", ") + name;
    // The caller's string goes into the message only once made printable: it may be anything.
    return make_error(ErrorCode::invalid_argument,
                      "format: unknown export format '" + detail::valid_utf8(format.substr(0, 64)) +
                          "'; valid formats are " + valid);
}

namespace detail {

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto bad = ingest::find_invalid_utf8(text);
        if (!bad) {
            out.append(text);
            break;
        }
        out.append(text.substr(0, *bad));
        out.append("\xEF\xBF\xBD");  // U+FFFD for the one offending byte; resynchronise after it
        text.remove_prefix(*bad + 1);
    }
    return out;
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string_view relation_group(std::string_view relation) {
    struct Entry {
        std::string_view relation;
        std::string_view group;
    };
    static constexpr std::array<Entry, 12> groups{{
        {"proposed", "proposal"},
        {"demanded", "proposal"},
        {"accepted", "support"},
        {"welcomed", "support"},
        {"supported", "support"},
        {"praised", "support"},
        {"rejected", "opposition"},
        {"criticized", "opposition"},
        {"warned", "opposition"},
        {"sanctioned", "opposition"},
        {"called", "contact"},
        {"met", "contact"},
    }};
    for (const auto& entry : groups) {
        if (entry.relation == relation) return entry.group;
    }
    return "other";
}

std::map<std::int64_t, NodeTotals> node_totals(const GraphSlice& slice) {
    std::map<std::int64_t, NodeTotals> totals;
    for (const auto& node : slice.nodes) totals[node.id];
    for (const auto& edge : slice.edges) {
        for (const auto id : {edge.source_id, edge.target_id}) {
            auto& t = totals[id];
            ++t.degree;
            t.mention_count += edge.mention_count;
        }
    }
    return totals;
}

std::vector<Field> node_fields(const NodeRecord& node, const NodeTotals& totals) {
    std::string aliases;
    for (auto alias : node.aliases) {
        std::replace(alias.begin(), alias.end(), ';', ',');  // ';' separates list items
        aliases += (aliases.empty() ? "" : ";") + alias;
    }
    const bool no_attributes = node.attributes.is_null() || node.attributes.empty();
    return {
        {"name", "string", node.name},
        {"kind", "string", node.kind},
        {"proposal_type", "string", node.proposal_type},
        {"aliases", "list", std::move(aliases)},
        {"attributes", "string",
         no_attributes ? "" : node.attributes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)},
        {"first_seen", "date", node.first_seen},
        {"last_seen", "date", node.last_seen},
        {"degree", "int", std::to_string(totals.degree)},
        {"mention_count", "int", std::to_string(totals.mention_count)},
    };
}

std::vector<Field> edge_fields(const EdgeRecord& edge) {
    return {
        {"relation", "string", edge.relation},
        {"relation_group", "string", std::string(relation_group(edge.relation))},
        {"negated", "boolean", edge.negated ? "true" : "false"},
        {"title", "string", edge.title},
        {"mention_count", "int", std::to_string(edge.mention_count)},
        {"evidence_count", "int", std::to_string(edge.evidence_count)},
        {"first_seen", "date", edge.first_seen},
        {"last_seen", "date", edge.last_seen},
    };
}

std::string node_key(std::int64_t id) { return "n" + std::to_string(id); }
std::string edge_key(std::int64_t id) { return "e" + std::to_string(id); }

}  // namespace detail
}  // namespace parley::graph
