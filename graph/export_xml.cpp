// XML exports: GraphML (typed keys; Gephi, yEd, Cytoscape desktop, NetworkX) and GEXF 1.3 in dynamic
// mode (Gephi's timeline plays nodes and edges over their first..last seen interval).

#include <string>

#include "graph/export_detail.hpp"

namespace parley::graph::detail {
namespace {

// ` name="value"`, escaped.
std::string attr(std::string_view name, std::string_view value) {
    std::string out;
    out.reserve(name.size() + value.size() + 4);
    out.append(" ").append(name).append("=\"").append(xml_escape(value)).append("\"");
    return out;
}

std::string_view graphml_type(std::string_view type) {
    if (type == "int") return "long";
    if (type == "boolean") return "boolean";
    return "string";  // dates are ISO strings: GraphML has no date type
}

std::string_view gexf_type(std::string_view type) {
    if (type == "int") return "long";
    if (type == "boolean") return "boolean";
    return "string";  // GEXF has no date type either; time lives in start/end
}

// Key ids are "node_<name>" and "edge_<name>": node and edge properties share names (mention_count).
std::string field_key(std::string_view element, std::string_view name) {
    return std::string(element) + "_" + std::string(name);
}

// A start/end pair for GEXF, only from well-formed dates (timeformat="date" rejects anything else).
std::string gexf_interval(const std::string& first, const std::string& last) {
    std::string out;
    if (is_iso_date(first)) out += attr("start", first);
    if (is_iso_date(last)) out += attr("end", last);
    return out;
}

constexpr std::string_view xml_declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

std::string xml_escape(std::string_view raw) {
    const std::string text = valid_utf8(raw);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\xEF\xBF\xBD";  // not representable in XML 1.0, even as a reference
                } else if (c == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xBF' &&
                           (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
                    out += "\xEF\xBF\xBD";  // U+FFFE and U+FFFF are not XML characters
                    i += 2;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

Result<std::string> render_graphml(const GraphSlice& slice, const ExportMeta&) {
    const auto totals = node_totals(slice);
    std::string out(xml_declaration);
    out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
           " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
           " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
           " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    // "label" keys first: Gephi and yEd take the element label from a key of that name.
    out += "  <key id=\"node_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";
    out += "  <key id=\"edge_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n";
    const auto declare = [&out](std::string_view element, const std::vector<Field>& schema) {
        for (const auto& f : schema) {
            out += "  <key" + attr("id", field_key(element, f.name)) + attr("for", element) +
                   attr("attr.name", f.name) + attr("attr.type", graphml_type(f.type)) + "/>\n";
        }
    };
    declare("node", node_fields({}, {}));
    declare("edge", edge_fields({}));
    const auto data = [&out](std::string_view element, const std::vector<Field>& fields) {
        for (const auto& f : fields) {
            if (f.value.empty()) continue;
            out += "      <data" + attr("key", field_key(element, f.name)) + ">" + xml_escape(f.value) + "</data>\n";
        }
    };
    out += "  <graph id=\"parley\" edgedefault=\"directed\">\n";
    for (const auto& n : slice.nodes) {
        out += "    <node" + attr("id", node_key(n.id)) + ">\n";
        out += "      <data key=\"node_label\">" + xml_escape(n.name) + "</data>\n";
        data("node", node_fields(n, totals.at(n.id)));
        out += "    </node>\n";
    }
    for (const auto& e : slice.edges) {
        out += "    <edge" + attr("id", edge_key(e.id)) + attr("source", node_key(e.source_id)) +
               attr("target", node_key(e.target_id)) + ">\n";
        out += "      <data key=\"edge_label\">" + xml_escape((e.negated ? "not " : "") + e.relation) + "</data>\n";
        data("edge", edge_fields(e));
        out += "    </edge>\n";
    }
    out += "  </graph>\n</graphml>\n";
    return out;
}

Result<std::string> render_gexf(const GraphSlice& slice, const ExportMeta& meta) {
    const auto totals = node_totals(slice);
    std::string out(xml_declaration);
    out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
           " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n";
    const std::string modified = meta.generated_at.substr(0, 10);
    out += "  <meta" + (is_iso_date(modified) ? attr("lastmodifieddate", modified) : std::string()) + ">\n";
    out += "    <creator>parley</creator>\n";
    out += "    <description>Diplomatic-event graph: who proposed, met, accepted or rejected what, "
           "each fact from first to last seen</description>\n";
    out += "  </meta>\n";
    out += "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\" timerepresentation=\"interval\">\n";
    const auto declare = [&out](std::string_view element, const std::vector<Field>& schema) {
        out += "    <attributes" + attr("class", element) + ">\n";  // GEXF 1.3 dropped the mode attribute here
        for (const auto& f : schema) {
            out += "      <attribute" + attr("id", field_key(element, f.name)) + attr("title", f.name) +
                   attr("type", gexf_type(f.type)) + "/>\n";
        }
        out += "    </attributes>\n";
    };
    declare("node", node_fields({}, {}));
    declare("edge", edge_fields({}));
    const auto attvalues = [&out](std::string_view element, const std::vector<Field>& fields) {
        out += "        <attvalues>\n";
        for (const auto& f : fields) {
            if (f.value.empty()) continue;
            out += "          <attvalue" + attr("for", field_key(element, f.name)) + attr("value", f.value) + "/>\n";
        }
        out += "        </attvalues>\n";
    };
    out += "    <nodes>\n";
    for (const auto& n : slice.nodes) {
        out += "      <node" + attr("id", node_key(n.id)) + attr("label", n.name) + gexf_interval(n.first_seen, n.last_seen) +
               ">\n";
        attvalues("node", node_fields(n, totals.at(n.id)));
        out += "      </node>\n";
    }
    out += "    </nodes>\n    <edges>\n";
    for (const auto& e : slice.edges) {
        // kind = relation keeps opposite stances between the same two nodes as distinct parallel edges.
        out += "      <edge" + attr("id", edge_key(e.id)) + attr("source", node_key(e.source_id)) +
               attr("target", node_key(e.target_id)) + attr("label", (e.negated ? "not " : "") + e.relation) +
               attr("kind", e.relation) +
               (e.mention_count > 0 ? attr("weight", std::to_string(e.mention_count)) : std::string()) +
               gexf_interval(e.first_seen, e.last_seen) + ">\n";
        attvalues("edge", edge_fields(e));
        out += "      </edge>\n";
    }
    out += "    </edges>\n  </graph>\n</gexf>\n";
    return out;
}

}  // namespace parley::graph::detail
