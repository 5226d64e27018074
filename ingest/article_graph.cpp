#include "ingest/article_graph.hpp"

namespace parley::ingest {

nlohmann::json to_json(const ArticleGraph& graph) {
    using nlohmann::json;
    json nodes = json::array();
    for (const auto& n : graph.nodes) {
        json node{{"id", n.id}, {"kind", n.kind}, {"name", n.name}};
        if (!n.aliases.empty()) node["aliases"] = n.aliases;
        if (!n.type.empty()) node["type"] = n.type;
        if (!n.attributes.empty()) node["attributes"] = n.attributes;
        nodes.push_back(std::move(node));
    }
    json edges = json::array();
    for (const auto& e : graph.edges) {
        json edge{{"source", e.source}, {"relation", e.relation}, {"target", e.target}};
        if (!e.title.empty()) edge["title"] = e.title;
        if (e.relation != "represents") {
            edge["negated"] = e.negated;
            edge["modality"] = e.modality;
        }
        if (!e.date.empty()) edge["date"] = e.date;
        if (!e.evidence.text.empty()) {
            edge["evidence"] = json{{"sentence", e.evidence.sentence},
                                    {"start", e.evidence.start},
                                    {"end", e.evidence.end},
                                    {"text", e.evidence.text}};
        }
        if (!e.pattern.empty()) edge["pattern"] = e.pattern;
        edges.push_back(std::move(edge));
    }
    return json{{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

}  // namespace parley::ingest
