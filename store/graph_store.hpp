#pragma once
// GraphStore: the seam between graph/ and a storage backend. graph/ decides WHAT to write (merge rules,
// re-ingest semantics); a backend only knows HOW to store rows. SqliteGraphStore is the one backend
// today; a PostgreSQL one would implement the same two interfaces. Plain row values, no SQL types.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace parley::store {

struct ArticleRow {
    std::string url;
    std::string source;
    std::string published;
    std::string title;
    std::string text;
    std::string content_hash;
};

// An article as found by a lookup: just what re-ingest decisions need.
struct StoredArticle {
    std::int64_t id = 0;
    std::string content_hash;
};

struct NodeRow {
    std::string kind;
    std::string name;
    std::string proposal_type;
    std::string attributes_json = "{}";
    std::string merge_key;  // unique across nodes
};

// A distinct fact; the backend keeps at most one edge per key.
struct EdgeKey {
    std::int64_t source_id = 0;
    std::string relation;
    std::int64_t target_id = 0;
    bool negated = false;
};

struct EvidenceRow {
    std::int64_t edge_id = 0;
    std::int64_t article_id = 0;
    int sentence_index = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string sentence;
    std::string modality;
    std::string date;
    std::string pattern;
};

// Row counts for `parley stats` and health checks.
struct StoreStats {
    std::int64_t articles = 0;
    std::int64_t nodes = 0;
    std::int64_t edges = 0;
    std::int64_t evidence = 0;
    std::int64_t revision = 0;
    std::map<std::string, std::int64_t> nodes_by_kind;
    std::map<std::string, std::int64_t> edges_by_relation;
};

// The operations available inside one write transaction. Valid only during GraphStore::write's callback.
class GraphWriteSession {
public:
    virtual ~GraphWriteSession() = default;

    virtual Result<std::optional<StoredArticle>> find_article_by_url(std::string_view url) = 0;
    // Only among articles stored without a URL (content is their identity).
    virtual Result<std::optional<StoredArticle>> find_article_by_hash(std::string_view content_hash) = 0;
    virtual Result<std::int64_t> insert_article(const ArticleRow& article) = 0;
    virtual Status update_article(std::int64_t article_id, const ArticleRow& article) = 0;
    // Deletes the article and (cascading) its evidence; false when there is no such article.
    virtual Result<bool> delete_article(std::int64_t article_id) = 0;
    // Deletes the article's evidence and returns the ids of the edges it had evidence for.
    virtual Result<std::vector<std::int64_t>> delete_article_evidence(std::int64_t article_id) = 0;

    virtual Result<std::optional<std::int64_t>> find_node_by_merge_key(std::string_view merge_key) = 0;
    // Lowest-id node of `kind` having a mergeable alias with this match key.
    virtual Result<std::optional<std::int64_t>> find_node_by_alias(std::string_view kind, std::string_view match_key) = 0;
    virtual Result<std::int64_t> insert_node(const NodeRow& node) = 0;
    // Adds an alias if the node lacks it; an empty match_key stores it for display only.
    virtual Status add_alias(std::int64_t node_id, std::string_view alias, std::string_view match_key) = 0;

    // The edge with this key, if stored (a read: writes nothing).
    virtual Result<std::optional<std::int64_t>> find_edge(const EdgeKey& key) = 0;
    // The edge with this key, created when missing; a non-empty title fills an empty one.
    virtual Result<std::int64_t> upsert_edge(const EdgeKey& key, std::string_view title) = 0;
    virtual Status insert_evidence(const EvidenceRow& evidence) = 0;
    // For each edge: recompute mention_count and first/last seen from its evidence, or delete it when no
    // evidence is left; then delete the endpoints of deleted edges that no edge uses any more.
    virtual Status refresh_edges(const std::vector<std::int64_t>& edge_ids) = 0;
};

// A graph store. One instance is one writer: not thread-safe; open one per thread.
class GraphStore {
public:
    virtual ~GraphStore() = default;

    // Runs `work` in one write transaction: commits when it returns ok (incrementing the graph revision if
    // anything was written), rolls everything back when it returns an error (which is passed through).
    virtual Status write(const std::function<Status(GraphWriteSession&)>& work) = 0;

    virtual Result<std::int64_t> revision() = 0;
    virtual Result<StoreStats> stats() = 0;
};

}  // namespace parley::store
