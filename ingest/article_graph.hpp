#pragma once
// ArticleGraph: what extraction makes of one article (ontology.md §3). Plain values, no identity
// beyond the article: node ids ("n1", "n2", …) are local, and graph/ merges nodes into the store.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::ingest {

struct Evidence {
    int sentence = 0;        // 0-based index of the sentence in the article
    std::size_t start = 0;   // byte offsets into the article's original UTF-8 text
    std::size_t end = 0;
    std::string text;        // the sentence as it stands in the article
};

struct Node {
    std::string id;                    // local to the article: "n1", "n2", …
    std::string kind;                  // person | state | organization | proposal | location | group
    std::string name;                  // canonical name
    std::vector<std::string> aliases;  // other surface forms seen in the article
    std::string type;                  // proposal type (ontology vocabulary), empty for other kinds
    nlohmann::json attributes = nlohmann::json::object();  // proposal attributes (duration_days, …)
};

struct Edge {
    std::string source;  // node ids
    std::string relation;
    std::string target;
    std::string title;   // for `represents`: the office, e.g. "Foreign Minister"
    bool negated = false;
    std::string modality = "asserted";  // asserted | future | conditional | reported
    std::string date;                   // YYYY-MM-DD: the article's date unless the text gives another
    Evidence evidence;
    std::string pattern;  // which cue fired (explain mode and provenance), not part of the scored contract
};

struct ArticleGraph {
    std::vector<Node> nodes;
    std::vector<Edge> edges;
};

// The JSON of ontology.md §3 (deterministic field order).
nlohmann::json to_json(const ArticleGraph& graph);

}  // namespace parley::ingest
