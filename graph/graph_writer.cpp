#include "graph/graph_writer.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_set>

#include "graph/content_hash.hpp"
#include "graph/node_keys.hpp"

namespace parley::graph {
namespace {

constexpr std::array<std::string_view, 6> node_kinds = {"person", "state", "organization",
                                                        "proposal", "location", "group"};
constexpr std::array<std::string_view, 4> modalities = {"asserted", "future", "conditional", "reported"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& values, std::string_view value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

// `called` and `met` say the same of both ends: one edge, stored with the lower node id as source.
bool is_symmetric(std::string_view relation) { return relation == "called" || relation == "met"; }

bool is_relation_name(std::string_view relation) {
    return !relation.empty() &&
           std::all_of(relation.begin(), relation.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ISO 8601 calendar dates at day, month or year precision ("2025-05-16", "2025-05", "2018"): a text
// often dates a past act only by its year, and the three forms still sort correctly as strings.
bool is_iso_date(std::string_view s) {
    if (s.size() < 4 || !digits(s.substr(0, 4))) return false;
    if (s.size() == 4) return true;
    if (s.size() < 7 || s[4] != '-' || !digits(s.substr(5, 2))) return false;
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12) return false;
    if (s.size() == 7) return true;
    if (s.size() != 10 || s[7] != '-' || !digits(s.substr(8, 2))) return false;
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    return day >= 1 && day <= 31;
}

Error invalid(std::string message) { return make_error(ErrorCode::invalid_input, std::move(message)); }

store::ArticleRow article_row(const ingest::Article& article, std::string hash) {
    return store::ArticleRow{article.url, article.source, article.published, article.title, article.text,
                             std::move(hash)};
}

// One article's extracted nodes, resolved lazily to stored node ids inside the write session. With
// lookup_only nothing is written: a node that is not stored resolves to 0.
class NodeResolver {
public:
    NodeResolver(store::GraphWriteSession& session, const ingest::ArticleGraph& graph, bool lookup_only = false)
        : session_(session), lookup_only_(lookup_only) {
        for (const auto& node : graph.nodes) nodes_.emplace(node.id, &node);
    }

    Result<std::int64_t> id_of(const std::string& local_id) {
        if (auto it = resolved_.find(local_id); it != resolved_.end()) return it->second;
        auto id = resolve(*nodes_.at(local_id));  // validated: every edge names a known node
        if (!id) return id.error();
        resolved_.emplace(local_id, *id);
        return *id;
    }

    // Every local id resolved so far to a stored node.
    std::map<std::string, std::int64_t> stored_ids() const {
        std::map<std::string, std::int64_t> out;
        for (const auto& [local_id, id] : resolved_)
            if (id != 0) out.emplace(local_id, id);
        return out;
    }

private:
    // An existing node with this key as canonical name or mergeable alias.
    Result<std::optional<std::int64_t>> find_by_name(const std::string& kind, const std::string& match_key) {
        auto by_name = session_.find_node_by_merge_key(kind + ":" + match_key);
        if (!by_name || *by_name) return by_name;
        return session_.find_node_by_alias(kind, match_key);
    }

    Result<std::int64_t> resolve(const ingest::Node& node) {
        const std::string key = merge_key(node);
        auto found = session_.find_node_by_merge_key(key);
        if (!found) return found.error();
        bool by_alias = false;
        if (!*found && node.kind != "proposal") {
            // The canonical name may be someone's alias; an alias may be someone's name or alias.
            std::vector<const std::string*> names{&node.name};
            for (const auto& alias : node.aliases) names.push_back(&alias);
            for (const std::string* name : names) {
                const std::string match_key = alias_match_key(node.kind, *name);
                if (match_key.empty()) continue;
                auto hit = find_by_name(node.kind, match_key);
                if (!hit) return hit.error();
                if (*hit) {
                    found = *hit;
                    by_alias = true;
                    break;
                }
            }
        }
        if (lookup_only_) return found->value_or(0);
        std::int64_t id = 0;
        if (*found) {
            id = **found;
        } else {
            auto inserted = session_.insert_node(store::NodeRow{node.kind, node.name, node.type,
                                                                node.attributes.dump(), key});
            if (!inserted) return inserted.error();
            id = *inserted;
        }
        // Keep every surface form; the name itself too when it reached this node through an alias.
        const std::string folded_name = fold_name(node.name);
        for (const auto& alias : node.aliases) {
            if (fold_name(alias) == folded_name) continue;
            if (auto st = session_.add_alias(id, alias, alias_match_key(node.kind, alias)); !st) return st.error();
        }
        if (by_alias) {
            if (auto st = session_.add_alias(id, node.name, alias_match_key(node.kind, node.name)); !st)
                return st.error();
        }
        return id;
    }

    store::GraphWriteSession& session_;
    bool lookup_only_;
    std::map<std::string, const ingest::Node*> nodes_;
    std::map<std::string, std::int64_t> resolved_;
};

// The stored fact an extracted edge between these stored nodes is (symmetric relations normalised).
store::EdgeKey edge_key(const ingest::Edge& edge, std::int64_t source, std::int64_t target) {
    store::EdgeKey key{source, edge.relation, target, edge.negated};
    if (is_symmetric(edge.relation) && key.source_id > key.target_id) std::swap(key.source_id, key.target_id);
    return key;
}

// For an unchanged article: where each extracted node and edge is stored, by lookups only.
Status map_stored(store::GraphWriteSession& session, const ingest::ArticleGraph& graph, IngestSummary& summary) {
    NodeResolver nodes(session, graph, /*lookup_only=*/true);
    for (const auto& edge : graph.edges) {
        auto source = nodes.id_of(edge.source);
        if (!source) return source.error();
        auto target = nodes.id_of(edge.target);
        if (!target) return target.error();
        std::int64_t id = 0;
        if (*source != 0 && *target != 0 && *source != *target) {
            auto found = session.find_edge(edge_key(edge, *source, *target));
            if (!found) return found.error();
            id = found->value_or(0);
        }
        summary.edge_ids.push_back(id);
    }
    summary.node_ids = nodes.stored_ids();
    return ok_status();
}

// Recomputes (or deletes) each touched fact once, whether it lost evidence, gained it, or both.
Status refresh(store::GraphWriteSession& session, std::vector<std::int64_t> edge_ids) {
    std::sort(edge_ids.begin(), edge_ids.end());
    edge_ids.erase(std::unique(edge_ids.begin(), edge_ids.end()), edge_ids.end());
    return session.refresh_edges(edge_ids);
}

}  // namespace

std::string_view to_string(IngestOutcome outcome) {
    switch (outcome) {
        case IngestOutcome::created: return "created";
        case IngestOutcome::unchanged: return "unchanged";
        case IngestOutcome::replaced: return "replaced";
    }
    return "unknown";
}

Status validate_article_graph(const ingest::Article& article, const ingest::ArticleGraph& graph) {
    std::unordered_set<std::string> ids;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const auto& node = graph.nodes[i];
        const std::string where = "node " + std::to_string(i) + " ('" + node.id + "')";
        if (node.id.empty()) return invalid(where + ": empty id");
        if (!ids.insert(node.id).second) return invalid(where + ": duplicate id");
        if (!one_of(node_kinds, node.kind)) return invalid(where + ": unknown kind '" + node.kind + "'");
        if (fold_name(node.name).empty()) return invalid(where + ": empty name");
        if (!node.attributes.is_object()) return invalid(where + ": attributes must be a JSON object");
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const auto& edge = graph.edges[i];
        const std::string where = "edge " + std::to_string(i) + " (" + edge.source + " " + edge.relation + " " +
                                  edge.target + ")";
        if (!ids.contains(edge.source)) return invalid(where + ": unknown source node '" + edge.source + "'");
        if (!ids.contains(edge.target)) return invalid(where + ": unknown target node '" + edge.target + "'");
        if (!is_relation_name(edge.relation)) return invalid(where + ": relation must be snake_case");
        if (!edge.modality.empty() && !one_of(modalities, edge.modality))
            return invalid(where + ": unknown modality '" + edge.modality + "'");
        if (!edge.date.empty() && !is_iso_date(edge.date))
            return invalid(where + ": date '" + edge.date + "' is not YYYY-MM-DD, YYYY-MM or YYYY");
        if (edge.evidence.sentence < 0) return invalid(where + ": negative sentence index");
        if (edge.evidence.start > edge.evidence.end || edge.evidence.end > article.text.size())
            return invalid(where + ": evidence bytes " + std::to_string(edge.evidence.start) + ".." +
                           std::to_string(edge.evidence.end) + " are outside the text (" +
                           std::to_string(article.text.size()) + " bytes)");
    }
    return ok_status();
}

Result<IngestSummary> GraphWriter::ingest(const ingest::Article& article, const ingest::ArticleGraph& graph) {
    if (auto st = validate_article_graph(article, graph); !st) return st.error();
    const std::string hash = content_hash(article);
    IngestSummary summary;

    auto status = store_.write([&](store::GraphWriteSession& session) -> Status {
        auto existing = article.url.empty() ? session.find_article_by_hash(hash) : session.find_article_by_url(article.url);
        if (!existing) return existing.error();
        std::vector<std::int64_t> touched;
        if (*existing) {
            summary.article_id = (*existing)->id;
            if ((*existing)->content_hash == hash) {
                summary.outcome = IngestOutcome::unchanged;
                return map_stored(session, graph, summary);  // reads only: no revision bump
            }
            summary.outcome = IngestOutcome::replaced;
            auto old_edges = session.delete_article_evidence(summary.article_id);
            if (!old_edges) return old_edges.error();
            touched = std::move(*old_edges);
            if (auto st = session.update_article(summary.article_id, article_row(article, hash)); !st) return st;
        } else {
            auto id = session.insert_article(article_row(article, hash));
            if (!id) return id.error();
            summary.article_id = *id;
        }

        NodeResolver nodes(session, graph);
        std::set<std::int64_t> facts;
        for (const auto& edge : graph.edges) {
            auto source = nodes.id_of(edge.source);
            if (!source) return source.error();
            auto target = nodes.id_of(edge.target);
            if (!target) return target.error();
            if (*source == *target) {
                ++summary.skipped_edges;
                summary.edge_ids.push_back(0);
                continue;
            }
            auto edge_id = session.upsert_edge(edge_key(edge, *source, *target), edge.title);
            if (!edge_id) return edge_id.error();
            facts.insert(*edge_id);
            summary.edge_ids.push_back(*edge_id);
            const store::EvidenceRow evidence{*edge_id,
                                              summary.article_id,
                                              edge.evidence.sentence,
                                              static_cast<std::int64_t>(edge.evidence.start),
                                              static_cast<std::int64_t>(edge.evidence.end),
                                              edge.evidence.text,
                                              edge.modality.empty() ? "asserted" : edge.modality,
                                              edge.date.empty() ? article.published : edge.date,
                                              edge.pattern};
            if (auto st = session.insert_evidence(evidence); !st) return st;
            ++summary.mentions;
        }
        summary.facts = facts.size();
        summary.node_ids = nodes.stored_ids();
        touched.insert(touched.end(), facts.begin(), facts.end());
        return refresh(session, std::move(touched));
    });
    if (!status) return status.error();
    return summary;
}

Result<RemoveSummary> GraphWriter::remove_article(std::int64_t article_id) {
    RemoveSummary summary{article_id, 0};
    auto status = store_.write([&](store::GraphWriteSession& session) -> Status {
        auto edges = session.delete_article_evidence(article_id);
        if (!edges) return edges.error();
        auto deleted = session.delete_article(article_id);
        if (!deleted) return deleted.error();
        if (!*deleted) return make_error(ErrorCode::not_found, "no article with id " + std::to_string(article_id));
        summary.facts_touched = edges->size();
        return refresh(session, std::move(*edges));
    });
    if (!status) return status.error();
    return summary;
}

Result<RemoveSummary> GraphWriter::remove_article_by_url(std::string_view url) {
    std::optional<std::int64_t> id;
    auto status = store_.write([&](store::GraphWriteSession& session) -> Status {
        auto found = session.find_article_by_url(url);
        if (!found) return found.error();
        if (*found) id = (*found)->id;
        return ok_status();
    });
    if (!status) return status.error();
    if (!id) return make_error(ErrorCode::not_found, "no article with url '" + std::string(url) + "'");
    return remove_article(*id);
}

}  // namespace parley::graph
