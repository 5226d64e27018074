#pragma once
// GraphReadSource: the narrow read interface graph/queries asks of a store (the read half of the
// GraphStore seam). Rows are plain values with ids; name resolution, state lifting, neighbourhood and
// path search live in graph/. SQLite implements it in store/sqlite_graph_reader.hpp; a PostgreSQL backend
// would implement the same calls. One instance serves one thread at a time; failures are database_error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace parley::store {

struct NodeView {
    std::int64_t id = 0;
    std::string kind;
    std::string name;
    std::string proposal_type;
    std::string attributes_json = "{}";
    std::string first_seen;  // over the node's facts; empty when none is dated
    std::string last_seen;
};

struct EdgeView {
    std::int64_t id = 0;
    std::int64_t source_id = 0;
    std::string relation;
    std::int64_t target_id = 0;
    bool negated = false;
    std::string title;
    std::int64_t mention_count = 0;  // evidence rows
    std::int64_t article_count = 0;  // distinct articles among them
    std::string first_seen;
    std::string last_seen;
};

struct EvidenceView {
    std::int64_t id = 0;
    std::int64_t edge_id = 0;
    std::int64_t article_id = 0;
    int sentence_index = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string sentence;
    std::string modality;
    std::string date;
    std::string article_title;
    std::string article_url;
    std::string article_source;
    std::string article_published;
};

struct ArticleView {
    std::int64_t id = 0;
    std::string url;
    std::string source;
    std::string published;
    std::string title;
    std::string content_hash;
    std::string ingested_at;
    std::int64_t evidence_count = 0;
    std::string text;  // filled by article() only
};

// Constraints on facts; a nullopt or empty field means "no constraint". Id lists are already resolved
// (an empty list, as opposed to nullopt, matches nothing). Keyset pagination: id > after_id, by id.
struct EdgeQuery {
    std::vector<std::string> relations;
    std::optional<std::vector<std::int64_t>> source_ids;
    std::optional<std::vector<std::int64_t>> target_ids;
    std::optional<std::vector<std::int64_t>> endpoint_ids;  // source or target among these
    std::string source_kind;
    std::string target_kind;
    std::string proposal_type;  // either endpoint is a proposal of this type
    std::optional<bool> negated;
    std::string modality;  // some mention with this modality (and within from/to when given)
    std::string from;      // some mention dated within [from, to]
    std::string to;
    std::string q;  // words that must all occur in one evidence sentence (plain words, not a query language)
    std::int64_t after_id = 0;
    std::int64_t limit = 50;
};

struct ArticleQuery {
    std::string outlet;
    std::string from;  // on the published date
    std::string to;
    std::string q;  // words in title or text
    std::int64_t after_id = 0;
    std::int64_t limit = 50;
};

struct DegreeRow {
    std::string relation;
    std::string direction;  // out | in
    std::int64_t count = 0;
};

class GraphReadSource {
public:
    virtual ~GraphReadSource() = default;

    virtual Result<std::int64_t> revision() = 0;
    // Nodes whose id (all digits), canonical name or alias equals `key` (case-insensitive), by id.
    virtual Result<std::vector<std::int64_t>> resolve_nodes(std::string_view key) = 0;
    // The nodes with these ids, ordered by id; unknown ids are skipped.
    virtual Result<std::vector<NodeView>> nodes(const std::vector<std::int64_t>& ids) = 0;
    // Name or alias containing `q` (empty: all), optionally of one kind; keyset on id.
    virtual Result<std::vector<NodeView>> search_nodes(std::string_view q, std::string_view kind,
                                                       std::int64_t after_id, std::int64_t limit) = 0;
    // (node id, alias) pairs, ordered by node then alias.
    virtual Result<std::vector<std::pair<std::int64_t, std::string>>> aliases(const std::vector<std::int64_t>& ids) = 0;
    virtual Result<std::vector<DegreeRow>> degrees(std::int64_t node_id) = 0;

    virtual Result<std::vector<EdgeView>> edges(const EdgeQuery& query) = 0;
    virtual Result<std::vector<EdgeView>> edges_by_id(const std::vector<std::int64_t>& ids) = 0;
    // Evidence of these edges (optionally only from one article), by id, id > after_id.
    virtual Result<std::vector<EvidenceView>> evidence(const std::vector<std::int64_t>& edge_ids,
                                                       std::int64_t article_id, std::int64_t after_id,
                                                       std::int64_t limit) = 0;

    virtual Result<std::vector<ArticleView>> articles(const ArticleQuery& query) = 0;
    virtual Result<std::optional<ArticleView>> article(std::int64_t id) = 0;
    // The edges this article has evidence for, by id.
    virtual Result<std::vector<std::int64_t>> article_edge_ids(std::int64_t article_id) = 0;
};

}  // namespace parley::store
