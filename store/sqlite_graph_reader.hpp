#pragma once
// SqliteGraphReader: store::GraphReadSource over one SQLite connection that it owns (opened read-only:
// the server's one writer is elsewhere). Serves one thread at a time; graph::GraphQueries keeps a pool.
// Queries are named constants with `?` parameters; lists are bound as one JSON array (json_each).

#include <filesystem>
#include <memory>

#include "store/graph_read_source.hpp"
#include "store/sqlite.hpp"

namespace parley::store {

class SqliteGraphReader final : public GraphReadSource {
public:
    explicit SqliteGraphReader(Connection connection) : connection_(std::move(connection)) {}

    // Opens `path` read-only; the database must exist and be migrated (unsupported_version otherwise).
    static Result<std::unique_ptr<SqliteGraphReader>> open(const std::filesystem::path& path);

    Result<std::int64_t> revision() override;
    Result<std::vector<std::int64_t>> resolve_nodes(std::string_view key) override;
    Result<std::vector<NodeView>> nodes(const std::vector<std::int64_t>& ids) override;
    Result<std::vector<NodeView>> search_nodes(std::string_view q, std::string_view kind, std::int64_t after_id,
                                               std::int64_t limit) override;
    Result<std::vector<std::pair<std::int64_t, std::string>>> aliases(const std::vector<std::int64_t>& ids) override;
    Result<std::vector<DegreeRow>> degrees(std::int64_t node_id) override;
    Result<std::vector<EdgeView>> edges(const EdgeQuery& query) override;
    Result<std::vector<EdgeView>> edges_by_id(const std::vector<std::int64_t>& ids) override;
    Result<std::vector<EvidenceView>> evidence(const std::vector<std::int64_t>& edge_ids, std::int64_t article_id,
                                               std::int64_t after_id, std::int64_t limit) override;
    Result<std::vector<ArticleView>> articles(const ArticleQuery& query) override;
    Result<std::optional<ArticleView>> article(std::int64_t id) override;
    Result<std::vector<std::int64_t>> article_edge_ids(std::int64_t article_id) override;

private:
    Connection connection_;
};

// FTS5 query text for plain words: each word becomes a quoted phrase (quotes doubled), all required,
// so user input can never be read as FTS5 syntax. Empty when `words` holds no word characters.
std::string fts_words_query(std::string_view words);

}  // namespace parley::store
