#pragma once
// EdgeFilter: the one filter vocabulary shared by GET /v1/edges, GET /v1/graph exports, `parley export`
// and the dashboard aggregates. Empty fields mean "no constraint".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parley::graph {

struct EdgeFilter {
    std::vector<std::string> relations;  // any of these
    std::string source;                  // node id, canonical name or alias
    std::string target;
    std::string source_kind;
    std::string target_kind;
    std::string proposal_type;  // either endpoint is a proposal of this type
    std::optional<bool> negated;
    std::string modality;  // at least one mention with this modality
    std::string from;      // ISO dates, inclusive, on the fact's mention dates
    std::string to;
    std::string q;          // full-text over evidence sentences
    bool as_state = false;  // lift person sources to what they represent on the fact's date
};

}  // namespace parley::graph
