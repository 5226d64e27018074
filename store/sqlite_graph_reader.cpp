#include "store/sqlite_graph_reader.hpp"

#include <algorithm>
#include <cctype>

#include "store/database.hpp"

namespace parley::store {
namespace {

// ---------------------------------------------------------------- SQL (named constants, ? only)

constexpr std::string_view revision_sql = "SELECT revision FROM graph_revision WHERE id = 1";

constexpr std::string_view resolve_sql = R"sql(
SELECT id FROM nodes WHERE id = ?1 OR name = ?2 COLLATE NOCASE
UNION
SELECT node_id FROM node_aliases WHERE alias = ?2 COLLATE NOCASE
ORDER BY 1)sql";

// first/last seen of a node over every fact it takes part in (dated facts only): the min (max) of its facts
// as source and as target, each one seek in the edges_{source,target}_{first,last}_seen indexes (0005).
#define PARLEY_NODE_COLUMNS                                                                                  \
    "n.id, n.kind, n.name, n.proposal_type, n.attributes, "                                                  \
    "(SELECT min(d) FROM (SELECT (SELECT min(first_seen) FROM edges WHERE source_id = n.id AND first_seen > '') " \
    " AS d UNION ALL SELECT (SELECT min(first_seen) FROM edges WHERE target_id = n.id AND first_seen > ''))), " \
    "(SELECT max(d) FROM (SELECT (SELECT max(last_seen) FROM edges WHERE source_id = n.id AND last_seen > '') "   \
    " AS d UNION ALL SELECT (SELECT max(last_seen) FROM edges WHERE target_id = n.id AND last_seen > ''))) "

constexpr std::string_view nodes_sql =
    "SELECT " PARLEY_NODE_COLUMNS "FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?1)) ORDER BY n.id";

constexpr std::string_view search_nodes_sql =
    "SELECT " PARLEY_NODE_COLUMNS R"sql(FROM nodes n
WHERE n.id > ?1
  AND (?2 IS NULL OR n.kind = ?2)
  AND (?3 IS NULL OR n.name LIKE ?3 ESCAPE '\'
       OR EXISTS (SELECT 1 FROM node_aliases a WHERE a.node_id = n.id AND a.alias LIKE ?3 ESCAPE '\'))
ORDER BY n.id
LIMIT ?4)sql";

constexpr std::string_view aliases_sql =
    "SELECT node_id, alias FROM node_aliases WHERE node_id IN (SELECT value FROM json_each(?1)) "
    "ORDER BY node_id, alias";

constexpr std::string_view degrees_sql = R"sql(
SELECT relation, 'out', count(*) FROM edges WHERE source_id = ?1 GROUP BY relation
UNION ALL
SELECT relation, 'in', count(*) FROM edges WHERE target_id = ?1 GROUP BY relation
ORDER BY 1, 2)sql";

#define PARLEY_EDGE_COLUMNS                                                                 \
    "e.id, e.source_id, e.relation, e.target_id, e.negated, e.title, e.mention_count, "     \
    "e.article_count, e.first_seen, e.last_seen "

constexpr std::string_view edges_sql = "SELECT " PARLEY_EDGE_COLUMNS R"sql(
FROM edges e
JOIN nodes s ON s.id = e.source_id
JOIN nodes t ON t.id = e.target_id
WHERE e.id > ?1
  AND (?2 IS NULL OR e.relation IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR e.source_id IN (SELECT value FROM json_each(?3)))
  AND (?4 IS NULL OR e.target_id IN (SELECT value FROM json_each(?4)))
  AND (?5 IS NULL OR e.source_id IN (SELECT value FROM json_each(?5))
                  OR e.target_id IN (SELECT value FROM json_each(?5)))
  AND (?6 IS NULL OR s.kind = ?6)
  AND (?7 IS NULL OR t.kind = ?7)
  AND (?8 IS NULL OR (s.kind = 'proposal' AND s.proposal_type = ?8)
                  OR (t.kind = 'proposal' AND t.proposal_type = ?8))
  AND (?9 IS NULL OR e.negated = ?9)
  AND ((?10 IS NULL AND ?11 IS NULL AND ?12 IS NULL)
       OR EXISTS (SELECT 1 FROM evidence v WHERE v.edge_id = e.id
                    AND (?10 IS NULL OR v.modality = ?10)
                    AND (?11 IS NULL OR (v.date <> '' AND v.date >= ?11))
                    AND (?12 IS NULL OR (v.date <> '' AND v.date <= ?12))))
  AND (?13 IS NULL OR e.id IN (SELECT v.edge_id FROM evidence_fts f JOIN evidence v ON v.id = f.rowid
                               WHERE evidence_fts MATCH ?13))
ORDER BY e.id
LIMIT ?14)sql";

constexpr std::string_view edges_by_id_sql =
    "SELECT " PARLEY_EDGE_COLUMNS "FROM edges e WHERE e.id IN (SELECT value FROM json_each(?1)) ORDER BY e.id";

constexpr std::string_view evidence_sql = R"sql(
SELECT v.id, v.edge_id, v.article_id, v.sentence_index, v.start_byte, v.end_byte, v.sentence, v.modality, v.date,
       a.title, a.url, a.source, a.published
FROM evidence v
JOIN articles a ON a.id = v.article_id
WHERE v.edge_id IN (SELECT value FROM json_each(?1))
  AND (?2 = 0 OR v.article_id = ?2)
  AND v.id > ?3
ORDER BY v.id
LIMIT ?4)sql";

#define PARLEY_ARTICLE_COLUMNS                                                                \
    "a.id, a.url, a.source, a.published, a.title, a.content_hash, a.ingested_at, "             \
    "(SELECT count(*) FROM evidence v WHERE v.article_id = a.id) "

constexpr std::string_view articles_sql = "SELECT " PARLEY_ARTICLE_COLUMNS R"sql(
FROM articles a
WHERE a.id > ?1
  AND (?2 IS NULL OR a.source = ?2)
  AND (?3 IS NULL OR (a.published <> '' AND a.published >= ?3))
  AND (?4 IS NULL OR (a.published <> '' AND a.published <= ?4))
  AND (?5 IS NULL OR a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?5))
ORDER BY a.id
LIMIT ?6)sql";

constexpr std::string_view article_sql = "SELECT " PARLEY_ARTICLE_COLUMNS ", a.text FROM articles a WHERE a.id = ?1";

constexpr std::string_view article_edges_sql =
    "SELECT DISTINCT edge_id FROM evidence WHERE article_id = ?1 ORDER BY edge_id";

#undef PARLEY_NODE_COLUMNS
#undef PARLEY_EDGE_COLUMNS
#undef PARLEY_ARTICLE_COLUMNS

// ---------------------------------------------------------------- binding helpers

std::string json_ids(const std::vector<std::int64_t>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "]";
}

std::string json_strings(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += i ? ",\"" : "\"";
        for (unsigned char c : values[i]) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += static_cast<char>(c);
            }
        }
        out += '"';
    }
    return out + "]";
}

// Binds `text`, or NULL when it is empty ("no constraint").
Status bind_optional(Statement& statement, int index, const std::string& text) {
    return text.empty() ? statement.bind_null(index) : statement.bind(index, text);
}

Status bind_optional_ids(Statement& statement, int index, const std::optional<std::vector<std::int64_t>>& ids) {
    return ids ? statement.bind(index, json_ids(*ids)) : statement.bind_null(index);
}

// Steps `statement` to the end, converting each row with `read`.
template <class T, class Read>
Result<std::vector<T>> collect(Statement& statement, Read read) {
    std::vector<T> rows;
    for (;;) {
        auto more = statement.step();
        if (!more) return more.error();
        if (!*more) return rows;
        rows.push_back(read(statement));
    }
}

NodeView read_node(Statement& s) {
    return NodeView{s.column_int64(0), s.column_text(1), s.column_text(2), s.column_text(3),
                    s.column_text(4),  s.column_text(5), s.column_text(6)};
}

EdgeView read_edge(Statement& s) {
    return EdgeView{s.column_int64(0), s.column_int64(1), s.column_text(2), s.column_int64(3),
                    s.column_int64(4) != 0, s.column_text(5), s.column_int64(6), s.column_int64(7),
                    s.column_text(8), s.column_text(9)};
}

EvidenceView read_evidence(Statement& s) {
    return EvidenceView{s.column_int64(0), s.column_int64(1), s.column_int64(2),
                        static_cast<int>(s.column_int64(3)), s.column_int64(4), s.column_int64(5),
                        s.column_text(6), s.column_text(7), s.column_text(8), s.column_text(9),
                        s.column_text(10), s.column_text(11), s.column_text(12)};
}

ArticleView read_article(Statement& s) {
    return ArticleView{s.column_int64(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4),
                       s.column_text(5), s.column_text(6), s.column_int64(7), {}};
}

// LIKE pattern for "contains `text`", with the pattern characters escaped.
std::string contains_pattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

}  // namespace

std::string fts_words_query(std::string_view words) {
    std::string out;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        const bool has_word_char = std::any_of(word.begin(), word.end(), [](unsigned char c) {
            return std::isalnum(c) || c >= 0x80;
        });
        if (has_word_char) {
            out += out.empty() ? "\"" : " \"";
            for (char c : word) out += c == '"' ? std::string("\"\"") : std::string(1, c);
            out += '"';
        }
        word.clear();
    };
    for (char c : words) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

Result<std::unique_ptr<SqliteGraphReader>> SqliteGraphReader::open(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        return make_error(ErrorCode::io_error, path.string() + ": database file does not exist");
    auto connection = open_database(path, DatabaseOptions{.read_only = true, .migrate = false});
    if (!connection) return connection.error();
    return std::make_unique<SqliteGraphReader>(std::move(connection).value());
}

Result<std::int64_t> SqliteGraphReader::revision() { return connection_.query_int64(revision_sql); }

Result<std::vector<std::int64_t>> SqliteGraphReader::resolve_nodes(std::string_view key) {
    auto statement = connection_.prepare(resolve_sql);
    if (!statement) return statement.error();
    std::int64_t id = -1;
    const bool numeric = !key.empty() && key.size() < 19 &&
                         std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); });
    if (numeric) id = std::stoll(std::string(key));
    if (auto st = (*statement)->bind_all(id, key); !st) return st.error();
    return collect<std::int64_t>(**statement, [](Statement& s) { return s.column_int64(0); });
}

Result<std::vector<NodeView>> SqliteGraphReader::nodes(const std::vector<std::int64_t>& ids) {
    auto statement = connection_.prepare(nodes_sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind(1, json_ids(ids)); !st) return st.error();
    return collect<NodeView>(**statement, read_node);
}

Result<std::vector<NodeView>> SqliteGraphReader::search_nodes(std::string_view q, std::string_view kind,
                                                              std::int64_t after_id, std::int64_t limit) {
    auto statement = connection_.prepare(search_nodes_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    Status st = s.bind(1, after_id);
    if (st) st = bind_optional(s, 2, std::string(kind));
    if (st) st = q.empty() ? s.bind_null(3) : s.bind(3, contains_pattern(q));
    if (st) st = s.bind(4, limit);
    if (!st) return st.error();
    return collect<NodeView>(s, read_node);
}

Result<std::vector<std::pair<std::int64_t, std::string>>> SqliteGraphReader::aliases(
    const std::vector<std::int64_t>& ids) {
    auto statement = connection_.prepare(aliases_sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind(1, json_ids(ids)); !st) return st.error();
    return collect<std::pair<std::int64_t, std::string>>(
        **statement, [](Statement& s) { return std::pair{s.column_int64(0), s.column_text(1)}; });
}

Result<std::vector<DegreeRow>> SqliteGraphReader::degrees(std::int64_t node_id) {
    auto statement = connection_.prepare(degrees_sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind(1, node_id); !st) return st.error();
    return collect<DegreeRow>(**statement, [](Statement& s) {
        return DegreeRow{s.column_text(0), s.column_text(1), s.column_int64(2)};
    });
}

Result<std::vector<EdgeView>> SqliteGraphReader::edges(const EdgeQuery& query) {
    auto statement = connection_.prepare(edges_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    std::string fts;
    if (!query.q.empty()) {
        fts = fts_words_query(query.q);
        if (fts.empty()) return std::vector<EdgeView>{};  // no word to look for: nothing matches
    }
    Status st = s.bind(1, query.after_id);
    if (st) st = query.relations.empty() ? s.bind_null(2) : s.bind(2, json_strings(query.relations));
    if (st) st = bind_optional_ids(s, 3, query.source_ids);
    if (st) st = bind_optional_ids(s, 4, query.target_ids);
    if (st) st = bind_optional_ids(s, 5, query.endpoint_ids);
    if (st) st = bind_optional(s, 6, query.source_kind);
    if (st) st = bind_optional(s, 7, query.target_kind);
    if (st) st = bind_optional(s, 8, query.proposal_type);
    if (st) st = query.negated ? s.bind(9, *query.negated) : s.bind_null(9);
    if (st) st = bind_optional(s, 10, query.modality);
    if (st) st = bind_optional(s, 11, query.from);
    if (st) st = bind_optional(s, 12, query.to);
    if (st) st = bind_optional(s, 13, fts);
    if (st) st = s.bind(14, query.limit);
    if (!st) return st.error();
    return collect<EdgeView>(s, read_edge);
}

Result<std::vector<EdgeView>> SqliteGraphReader::edges_by_id(const std::vector<std::int64_t>& ids) {
    auto statement = connection_.prepare(edges_by_id_sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind(1, json_ids(ids)); !st) return st.error();
    return collect<EdgeView>(**statement, read_edge);
}

Result<std::vector<EvidenceView>> SqliteGraphReader::evidence(const std::vector<std::int64_t>& edge_ids,
                                                              std::int64_t article_id, std::int64_t after_id,
                                                              std::int64_t limit) {
    auto statement = connection_.prepare(evidence_sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind_all(json_ids(edge_ids), article_id, after_id, limit); !st) return st.error();
    return collect<EvidenceView>(**statement, read_evidence);
}

Result<std::vector<ArticleView>> SqliteGraphReader::articles(const ArticleQuery& query) {
    auto statement = connection_.prepare(articles_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    std::string fts;
    if (!query.q.empty()) {
        fts = fts_words_query(query.q);
        if (fts.empty()) return std::vector<ArticleView>{};
    }
    Status st = s.bind(1, query.after_id);
    if (st) st = bind_optional(s, 2, query.outlet);
    if (st) st = bind_optional(s, 3, query.from);
    if (st) st = bind_optional(s, 4, query.to);
    if (st) st = bind_optional(s, 5, fts);
    if (st) st = s.bind(6, query.limit);
    if (!st) return st.error();
    return collect<ArticleView>(s, read_article);
}

Result<std::optional<ArticleView>> SqliteGraphReader::article(std::int64_t id) {
    auto statement = connection_.prepare(article_sql);
    if (!statement) return statement.error();
    Statement& s = **statement;
    if (auto st = s.bind(1, id); !st) return st.error();
    auto row = s.step();
    if (!row) return row.error();
    if (!*row) return std::optional<ArticleView>{};
    ArticleView article = read_article(s);
    article.text = s.column_text(8);
    return std::optional<ArticleView>{std::move(article)};
}

Result<std::vector<std::int64_t>> SqliteGraphReader::article_edge_ids(std::int64_t article_id) {
    auto statement = connection_.prepare(article_edges_sql);
    if (!statement) return statement.error();
    if (auto st = (*statement)->bind(1, article_id); !st) return st.error();
    return collect<std::int64_t>(**statement, [](Statement& s) { return s.column_int64(0); });
}

}  // namespace parley::store
