// Graphviz DOT export: a digraph with nodes shaped and filled by kind and edges coloured by relation
// family (the same families as the page's legend). Meant for small slices: `dot -Tsvg` lays it out.

#include <string>

#include "graph/export_detail.hpp"

namespace parley::graph::detail {
namespace {

// A DOT double-quoted ID. Inside quotes only \" is an escape of the language itself, but labels
// interpret backslash sequences (\n, \N, \G, \l...), so a literal backslash is written \\ and a line
// break \n; other control characters carry no meaning in a label and become spaces.
std::string dot_quote(std::string_view raw) {
    const std::string text = valid_utf8(raw);
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;
            default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out + "\"";
}

struct NodeStyle {
    std::string_view kind;
    std::string_view shape;
    std::string_view fill;
};

// Same colours as web/style.css's legend, so a DOT picture and the page read alike.
constexpr NodeStyle node_styles[] = {
    {"person", "ellipse", "#8ecae6"},   {"state", "box", "#ffb703"},         {"organization", "hexagon", "#90be6d"},
    {"proposal", "diamond", "#f4a6c6"}, {"location", "triangle", "#cdb4db"}, {"group", "octagon", "#d9d9d9"},
};

std::string_view edge_colour(std::string_view relation) {
    const auto group = relation_group(relation);
    if (group == "proposal") return "#1d4ed8";
    if (group == "support") return "#15803d";
    if (group == "opposition") return "#b91c1c";
    if (group == "contact") return "#7c3aed";
    return "#6b7280";
}

}  // namespace

Result<std::string> render_dot(const GraphSlice& slice, const ExportMeta&) {
    std::string out = "digraph parley {\n";
    out += "  graph [overlap=false, splines=true, fontname=\"Helvetica\"];\n";
    out += "  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=8];\n";
    for (const auto& n : slice.nodes) {
        NodeStyle style{"", "ellipse", "#ffffff"};
        for (const auto& s : node_styles) {
            if (s.kind == n.kind) style = s;
        }
        out += "  " + dot_quote(node_key(n.id)) + " [label=" + dot_quote(n.name) + ", shape=" + std::string(style.shape) +
               ", fillcolor=\"" + std::string(style.fill) + "\", tooltip=" + dot_quote(n.kind) + "];\n";
    }
    for (const auto& e : slice.edges) {
        std::string label = (e.negated ? "not " : "") + e.relation;
        if (e.mention_count > 1) label += " (" + std::to_string(e.mention_count) + ")";
        const std::string colour(edge_colour(e.relation));
        out += "  " + dot_quote(node_key(e.source_id)) + " -> " + dot_quote(node_key(e.target_id)) +
               " [label=" + dot_quote(label) + ", color=\"" + colour + "\", fontcolor=\"" + colour + "\"" +
               (e.negated ? ", style=dashed" : "") + "];\n";
    }
    out += "}\n";
    return out;
}

}  // namespace parley::graph::detail
