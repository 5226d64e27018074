#pragma once
// Read-model records: the graph as stored, as graph/ queries return it and exports and the API render it.
// Plain values; ids are the store's row ids (stable for the life of a fact).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::graph {

struct NodeRecord {
    std::int64_t id = 0;
    std::string kind;           // person | state | organization | proposal | location | group
    std::string name;           // canonical name
    std::string proposal_type;  // proposals only
    nlohmann::json attributes = nlohmann::json::object();
    std::vector<std::string> aliases;
    std::string first_seen;  // YYYY-MM-DD over the node's facts, may be empty
    std::string last_seen;
};

// One distinct fact: (source, relation, target, negated), with every mention kept as evidence.
struct EdgeRecord {
    std::int64_t id = 0;
    std::int64_t source_id = 0;
    std::string relation;
    std::int64_t target_id = 0;
    bool negated = false;
    std::string title;  // `represents` only
    std::int64_t mention_count = 0;
    std::int64_t evidence_count = 0;
    std::string first_seen;
    std::string last_seen;
    // With as_state: the person whose fact this is, when source_id was lifted to what they represent
    // (0 otherwise).
    std::int64_t via_id = 0;
};

struct EvidenceRecord {
    std::int64_t id = 0;
    std::int64_t edge_id = 0;
    std::int64_t article_id = 0;
    int sentence_index = 0;
    std::int64_t start = 0;  // byte offsets into the article text
    std::int64_t end = 0;
    std::string sentence;
    std::string modality;  // asserted | future | conditional | reported
    std::string date;
    std::string article_title;
    std::string article_url;
    std::string article_source;  // outlet
};

// A self-contained piece of the graph: every edge's endpoints are among `nodes`.
struct GraphSlice {
    std::vector<NodeRecord> nodes;
    std::vector<EdgeRecord> edges;
    std::vector<EvidenceRecord> evidence;  // may be empty when the caller did not ask for it
};

}  // namespace parley::graph
