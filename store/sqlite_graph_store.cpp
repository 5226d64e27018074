#include "store/sqlite_graph_store.hpp"

namespace parley::store {
namespace {

// ---- SQL: named constants, `?` placeholders only -------------------------------------------------------

constexpr std::string_view find_article_by_url_sql = "SELECT id, content_hash FROM articles WHERE url = ? AND url <> ''";
constexpr std::string_view find_article_by_hash_sql =
    "SELECT id, content_hash FROM articles WHERE url = '' AND content_hash = ? ORDER BY id LIMIT 1";
constexpr std::string_view insert_article_sql =
    "INSERT INTO articles (url, source, published, title, text, content_hash, ingested_at) "
    "VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
constexpr std::string_view update_article_sql =
    "UPDATE articles SET url = ?, source = ?, published = ?, title = ?, text = ?, content_hash = ?, "
    "ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?";
constexpr std::string_view delete_article_sql = "DELETE FROM articles WHERE id = ?";
constexpr std::string_view article_edges_sql =
    "SELECT DISTINCT edge_id FROM evidence WHERE article_id = ? ORDER BY edge_id";
constexpr std::string_view delete_article_evidence_sql = "DELETE FROM evidence WHERE article_id = ?";

constexpr std::string_view find_node_by_merge_key_sql = "SELECT id FROM nodes WHERE merge_key = ?";
constexpr std::string_view find_node_by_alias_sql =
    "SELECT nodes.id FROM node_aliases JOIN nodes ON nodes.id = node_aliases.node_id "
    "WHERE node_aliases.match_key = ? AND nodes.kind = ? ORDER BY nodes.id LIMIT 1";
constexpr std::string_view insert_node_sql =
    "INSERT INTO nodes (kind, name, proposal_type, attributes, merge_key) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view insert_alias_sql =
    "INSERT INTO node_aliases (node_id, alias, match_key) VALUES (?, ?, ?) ON CONFLICT (node_id, alias) DO NOTHING";
constexpr std::string_view insert_display_alias_sql =
    "INSERT INTO node_aliases (node_id, alias, match_key) VALUES (?, ?, NULL) ON CONFLICT (node_id, alias) DO NOTHING";

constexpr std::string_view find_edge_sql =
    "SELECT id FROM edges WHERE source_id = ? AND relation = ? AND target_id = ? AND negated = ?";
constexpr std::string_view upsert_edge_sql =
    "INSERT INTO edges (source_id, relation, target_id, negated, title) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (source_id, relation, target_id, negated) "
    "DO UPDATE SET title = CASE WHEN edges.title = '' THEN excluded.title ELSE edges.title END "
    "RETURNING id";
constexpr std::string_view insert_evidence_sql =
    "INSERT INTO evidence (edge_id, article_id, sentence_index, start_byte, end_byte, sentence, modality, date, "
    "pattern) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view refresh_edge_sql =
    "UPDATE edges SET "
    "mention_count = (SELECT count(*) FROM evidence WHERE evidence.edge_id = edges.id), "
    "article_count = (SELECT count(DISTINCT article_id) FROM evidence WHERE evidence.edge_id = edges.id), "
    "first_seen = coalesce((SELECT min(date) FROM evidence WHERE evidence.edge_id = edges.id AND date <> ''), ''), "
    "last_seen = coalesce((SELECT max(date) FROM evidence WHERE evidence.edge_id = edges.id AND date <> ''), '') "
    "WHERE id = ?";
constexpr std::string_view delete_unmentioned_edge_sql =
    "DELETE FROM edges WHERE id = ? AND mention_count = 0 RETURNING source_id, target_id";
constexpr std::string_view delete_unused_node_sql =
    "DELETE FROM nodes WHERE id = ?1 "
    "AND NOT EXISTS (SELECT 1 FROM edges WHERE source_id = ?1) "
    "AND NOT EXISTS (SELECT 1 FROM edges WHERE target_id = ?1)";

constexpr std::string_view bump_revision_sql = "UPDATE graph_revision SET revision = revision + 1 WHERE id = 1";
constexpr std::string_view revision_sql = "SELECT revision FROM graph_revision WHERE id = 1";
constexpr std::string_view totals_sql =
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM nodes), (SELECT count(*) FROM edges), "
    "(SELECT count(*) FROM evidence), (SELECT revision FROM graph_revision WHERE id = 1)";
constexpr std::string_view nodes_by_kind_sql = "SELECT kind, count(*) FROM nodes GROUP BY kind ORDER BY kind";
constexpr std::string_view edges_by_relation_sql =
    "SELECT relation, count(*) FROM edges GROUP BY relation ORDER BY relation";

// ---- helpers ---------------------------------------------------------------------------------------

template <class... Args>
Result<CachedStatement> bound(Connection& connection, std::string_view sql, const Args&... args) {
    auto statement = connection.prepare(sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind_all(args...); !st) return st.error();
    return statement;
}

template <class... Args>
Status execute(Connection& connection, std::string_view sql, const Args&... args) {
    auto statement = bound(connection, sql, args...);
    if (!statement) return statement.error();
    return (*statement)->run();
}

// The first column of the first row as an id, or nullopt when there is no row.
template <class... Args>
Result<std::optional<std::int64_t>> optional_id(Connection& connection, std::string_view sql, const Args&... args) {
    auto statement = bound(connection, sql, args...);
    if (!statement) return statement.error();
    auto row = (*statement)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{(*statement)->column_int64(0)};
}

Result<std::optional<StoredArticle>> optional_article(Connection& connection, std::string_view sql,
                                                      std::string_view key) {
    auto statement = bound(connection, sql, key);
    if (!statement) return statement.error();
    auto row = (*statement)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<StoredArticle>{};
    return std::optional<StoredArticle>{StoredArticle{(*statement)->column_int64(0), (*statement)->column_text(1)}};
}

// Rows of (text, count), e.g. the stats breakdowns.
Result<std::map<std::string, std::int64_t>> counts(Connection& connection, std::string_view sql) {
    auto statement = connection.prepare(sql);
    if (!statement) return statement.error();
    std::map<std::string, std::int64_t> out;
    for (;;) {
        auto row = (*statement)->step();
        if (!row) return row.error();
        if (!*row) return out;
        out[(*statement)->column_text(0)] = (*statement)->column_int64(1);
    }
}

// The session handed to GraphStore::write's callback; records whether anything was written.
class SqliteWriteSession final : public GraphWriteSession {
public:
    explicit SqliteWriteSession(Connection& connection) : connection_(connection) {}

    bool dirty() const { return dirty_; }

    Result<std::optional<StoredArticle>> find_article_by_url(std::string_view url) override {
        return optional_article(connection_, find_article_by_url_sql, url);
    }

    Result<std::optional<StoredArticle>> find_article_by_hash(std::string_view content_hash) override {
        return optional_article(connection_, find_article_by_hash_sql, content_hash);
    }

    Result<std::int64_t> insert_article(const ArticleRow& a) override {
        if (auto st = write(insert_article_sql, a.url, a.source, a.published, a.title, a.text, a.content_hash); !st)
            return st.error();
        return connection_.last_insert_rowid();
    }

    Status update_article(std::int64_t article_id, const ArticleRow& a) override {
        return write(update_article_sql, a.url, a.source, a.published, a.title, a.text, a.content_hash, article_id);
    }

    Result<bool> delete_article(std::int64_t article_id) override {
        if (auto st = write(delete_article_sql, article_id); !st) return st.error();
        return connection_.changes() > 0;
    }

    Result<std::vector<std::int64_t>> delete_article_evidence(std::int64_t article_id) override {
        std::vector<std::int64_t> edge_ids;
        {
            auto statement = bound(connection_, article_edges_sql, article_id);
            if (!statement) return statement.error();
            for (;;) {
                auto row = (*statement)->step();
                if (!row) return row.error();
                if (!*row) break;
                edge_ids.push_back((*statement)->column_int64(0));
            }
        }
        if (auto st = write(delete_article_evidence_sql, article_id); !st) return st.error();
        return edge_ids;
    }

    Result<std::optional<std::int64_t>> find_node_by_merge_key(std::string_view merge_key) override {
        return optional_id(connection_, find_node_by_merge_key_sql, merge_key);
    }

    Result<std::optional<std::int64_t>> find_node_by_alias(std::string_view kind, std::string_view match_key) override {
        return optional_id(connection_, find_node_by_alias_sql, match_key, kind);
    }

    Result<std::int64_t> insert_node(const NodeRow& n) override {
        if (auto st = write(insert_node_sql, n.kind, n.name, n.proposal_type, n.attributes_json, n.merge_key); !st)
            return st.error();
        return connection_.last_insert_rowid();
    }

    Status add_alias(std::int64_t node_id, std::string_view alias, std::string_view match_key) override {
        if (match_key.empty()) return write(insert_display_alias_sql, node_id, alias);
        return write(insert_alias_sql, node_id, alias, match_key);
    }

    Result<std::optional<std::int64_t>> find_edge(const EdgeKey& key) override {
        return optional_id(connection_, find_edge_sql, key.source_id, key.relation, key.target_id, key.negated);
    }

    Result<std::int64_t> upsert_edge(const EdgeKey& key, std::string_view title) override {
        dirty_ = true;
        auto id = optional_id(connection_, upsert_edge_sql, key.source_id, key.relation, key.target_id, key.negated, title);
        if (!id) return id.error();
        if (!*id) return make_error(ErrorCode::internal, "edge upsert returned no id");
        return **id;
    }

    Status insert_evidence(const EvidenceRow& e) override {
        return write(insert_evidence_sql, e.edge_id, e.article_id, e.sentence_index, e.start, e.end, e.sentence,
                     e.modality, e.date, e.pattern);
    }

    Status refresh_edges(const std::vector<std::int64_t>& edge_ids) override {
        std::vector<std::int64_t> endpoints;
        for (std::int64_t edge_id : edge_ids) {
            if (auto st = write(refresh_edge_sql, edge_id); !st) return st;
            auto deleted = bound(connection_, delete_unmentioned_edge_sql, edge_id);
            if (!deleted) return deleted.error();
            auto row = (*deleted)->step();
            if (!row) return row.error();
            if (*row) {
                endpoints.push_back((*deleted)->column_int64(0));
                endpoints.push_back((*deleted)->column_int64(1));
                if (auto rest = (*deleted)->run(); !rest) return rest;
            }
        }
        for (std::int64_t node_id : endpoints) {
            if (auto st = write(delete_unused_node_sql, node_id); !st) return st;
        }
        return ok_status();
    }

private:
    template <class... Args>
    Status write(std::string_view sql, const Args&... args) {
        dirty_ = true;
        return execute(connection_, sql, args...);
    }

    Connection& connection_;
    bool dirty_ = false;
};

}  // namespace

Result<std::unique_ptr<SqliteGraphStore>> SqliteGraphStore::open(const std::filesystem::path& path,
                                                                 const DatabaseOptions& options) {
    auto connection = open_database(path, options);
    if (!connection) return connection.error();
    return std::make_unique<SqliteGraphStore>(std::move(*connection));
}

Status SqliteGraphStore::write(const std::function<Status(GraphWriteSession&)>& work) {
    auto transaction = Transaction::begin(connection_);
    if (!transaction) return transaction.error();
    SqliteWriteSession session(connection_);
    if (auto st = work(session); !st) return st;  // the transaction rolls back
    if (session.dirty()) {
        if (auto st = execute(connection_, bump_revision_sql); !st) return st;
    }
    return transaction->commit();
}

Result<std::int64_t> SqliteGraphStore::revision() { return connection_.query_int64(revision_sql); }

Result<StoreStats> SqliteGraphStore::stats() {
    StoreStats stats;
    {
        auto totals = connection_.prepare(totals_sql);
        if (!totals) return totals.error();
        auto row = (*totals)->step();
        if (!row) return row.error();
        stats.articles = (*totals)->column_int64(0);
        stats.nodes = (*totals)->column_int64(1);
        stats.edges = (*totals)->column_int64(2);
        stats.evidence = (*totals)->column_int64(3);
        stats.revision = (*totals)->column_int64(4);
    }
    auto by_kind = counts(connection_, nodes_by_kind_sql);
    if (!by_kind) return by_kind.error();
    stats.nodes_by_kind = std::move(*by_kind);
    auto by_relation = counts(connection_, edges_by_relation_sql);
    if (!by_relation) return by_relation.error();
    stats.edges_by_relation = std::move(*by_relation);
    return stats;
}

}  // namespace parley::store
