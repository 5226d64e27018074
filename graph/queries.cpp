#include "graph/queries.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace parley::graph {

// ---------------------------------------------------------------- pool

// A reader borrowed from the pool for one call; returned (even after an error) when the lease ends.
class GraphQueries::Lease {
public:
    Lease(GraphQueries* owner, std::unique_ptr<store::GraphReadSource> source)
        : owner_(owner), source_(std::move(source)) {}
    Lease(Lease&& other) noexcept : owner_(other.owner_), source_(std::move(other.source_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
        if (source_) owner_->give_back(std::move(source_));
    }
    store::GraphReadSource* operator->() { return source_.get(); }
    store::GraphReadSource& operator*() { return *source_; }

private:
    GraphQueries* owner_;
    std::unique_ptr<store::GraphReadSource> source_;
};

Result<GraphQueries::Lease> GraphQueries::lease() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto source = std::move(idle_.back());
            idle_.pop_back();
            return Lease(this, std::move(source));
        }
    }
    auto opened = opener_();
    if (!opened) return opened.error();
    return Lease(this, std::move(opened).value());
}

void GraphQueries::give_back(std::unique_ptr<store::GraphReadSource> source) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(source));
}

// ---------------------------------------------------------------- conversions

NodeRecord to_record(const store::NodeView& node) {
    NodeRecord out;
    out.id = node.id;
    out.kind = node.kind;
    out.name = node.name;
    out.proposal_type = node.proposal_type;
    auto attributes = nlohmann::json::parse(node.attributes_json, nullptr, false);
    if (attributes.is_object()) out.attributes = std::move(attributes);
    out.first_seen = node.first_seen;
    out.last_seen = node.last_seen;
    return out;
}

EdgeRecord to_record(const store::EdgeView& edge) {
    return EdgeRecord{edge.id,         edge.source_id,     edge.relation,   edge.target_id, edge.negated,
                      edge.title,      edge.mention_count, edge.mention_count, edge.first_seen, edge.last_seen};
}

EvidenceRecord to_record(const store::EvidenceView& v) {
    return EvidenceRecord{v.id,       v.edge_id,  v.article_id, v.sentence_index, v.start,        v.end,
                          v.sentence, v.modality, v.date,       v.article_title,  v.article_url, v.article_source};
}

namespace {

// Upper bounds on internal fetches, so no single request can ask the store for everything.
constexpr std::int64_t max_fetch = 100'000;

template <class T>
std::vector<T> sorted_unique(std::vector<T> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

Result<std::unordered_map<std::int64_t, NodeRecord>> load_nodes(store::GraphReadSource& source,
                                                                 std::vector<std::int64_t> ids) {
    std::unordered_map<std::int64_t, NodeRecord> out;
    ids = sorted_unique(std::move(ids));
    if (ids.empty()) return out;
    auto rows = source.nodes(ids);
    if (!rows) return rows.error();
    for (const auto& row : *rows) out.emplace(row.id, to_record(row));
    return out;
}

// Resolves each key (id, name or alias) to node ids; an unknown key resolves to nothing.
Result<std::vector<std::int64_t>> resolve(store::GraphReadSource& source, const std::string& key) {
    return source.resolve_nodes(key);
}

using NodeMap = std::unordered_map<std::int64_t, NodeRecord>;

// The `represents` fact to lift a person's fact dated `date` through: one whose mentions span the date,
// else the latest that began before it, else the earliest; ties go to the most mentioned.
const store::EdgeView* pick_office(const std::vector<const store::EdgeView*>& offices, const std::string& date) {
    const store::EdgeView* best = nullptr;
    auto rank = [&](const store::EdgeView& e) {
        if (date.empty() || (e.first_seen <= date && (e.last_seen.empty() || date <= e.last_seen))) return 0;
        return e.first_seen <= date ? 1 : 2;
    };
    for (const auto* office : offices) {
        if (!best) {
            best = office;
            continue;
        }
        const int a = rank(*office), b = rank(*best);
        if (a != b) {
            if (a < b) best = office;
            continue;
        }
        if (a == 1 && office->last_seen != best->last_seen) {
            if (office->last_seen > best->last_seen) best = office;
        } else if (a == 2 && office->first_seen != best->first_seen) {
            if (office->first_seen < best->first_seen) best = office;
        } else if (office->mention_count > best->mention_count) {
            best = office;
        }
    }
    return best;
}

// The as_state lift, shared by fact lists (GET /v1/edges, exports) and neighbourhoods: a fact whose source
// is a person who `represents` a state or organization is read as that state's or organization's, on the
// fact's date (pick_office). `represents` facts themselves are never lifted.
class SourceLift {
public:
    // Loads the `represents` facts of every person among the sources of `rows`. `nodes` must hold those
    // sources; the states and organizations they lift to are added to it.
    static Result<SourceLift> load(store::GraphReadSource& source, const std::vector<store::EdgeView>& rows,
                                   NodeMap& nodes) {
        SourceLift lift;
        std::vector<std::int64_t> persons;
        for (const auto& row : rows) {
            auto it = nodes.find(row.source_id);
            if (it != nodes.end() && it->second.kind == "person") persons.push_back(row.source_id);
        }
        if (persons.empty()) return lift;
        store::EdgeQuery query;
        query.relations = {"represents"};
        query.source_ids = sorted_unique(std::move(persons));
        query.limit = max_fetch;
        auto found = source.edges(query);
        if (!found) return found.error();
        lift.offices_ = std::move(found).value();
        std::vector<std::int64_t> targets;
        for (const auto& office : lift.offices_) targets.push_back(office.target_id);
        auto target_nodes = load_nodes(source, targets);
        if (!target_nodes) return target_nodes.error();
        for (auto& [id, node] : *target_nodes) nodes.emplace(id, std::move(node));
        for (std::size_t i = 0; i < lift.offices_.size(); ++i) {
            const auto& kind = nodes.at(lift.offices_[i].target_id).kind;
            if (kind == "state" || kind == "organization") lift.by_person_[lift.offices_[i].source_id].push_back(i);
        }
        return lift;
    }

    // The node `row`'s source is lifted to, or nullopt when it stays as it is.
    std::optional<std::int64_t> lifted_source(const store::EdgeView& row) const {
        if (row.relation == "represents") return std::nullopt;
        auto it = by_person_.find(row.source_id);
        if (it == by_person_.end()) return std::nullopt;
        std::vector<const store::EdgeView*> candidates;
        for (auto index : it->second) candidates.push_back(&offices_[index]);
        const auto& date = row.last_seen.empty() ? row.first_seen : row.last_seen;
        if (const auto* office = pick_office(candidates, date)) return office->target_id;
        return std::nullopt;
    }

    // `row` as read through the lift: source replaced, the person kept as via_id.
    EdgeRecord record(const store::EdgeView& row) const {
        EdgeRecord record = to_record(row);
        if (auto lifted = lifted_source(row)) {
            record.via_id = record.source_id;
            record.source_id = *lifted;
        }
        return record;
    }

private:
    std::vector<store::EdgeView> offices_;
    std::map<std::int64_t, std::vector<std::size_t>> by_person_;  // person -> indexes into offices_
};

// `ids` and the people who represent any of them: the sources whose facts may lift to one of `ids`.
Result<std::vector<std::int64_t>> with_representatives(store::GraphReadSource& source, std::vector<std::int64_t> ids) {
    if (ids.empty()) return ids;
    store::EdgeQuery reps;
    reps.relations = {"represents"};
    reps.target_ids = ids;
    reps.limit = max_fetch;
    auto found = source.edges(reps);
    if (!found) return found.error();
    for (const auto& rep : *found) ids.push_back(rep.source_id);
    return sorted_unique(std::move(ids));
}

// Expands rows into EdgeDetails; with `lift`, person sources become what they represent on the fact's date.
Result<std::vector<EdgeDetail>> expand(store::GraphReadSource& source, const std::vector<store::EdgeView>& rows,
                                       bool lift) {
    std::vector<std::int64_t> ids;
    for (const auto& row : rows) {
        ids.push_back(row.source_id);
        ids.push_back(row.target_id);
    }
    auto nodes = load_nodes(source, ids);
    if (!nodes) return nodes.error();
    SourceLift lifting;
    if (lift) {
        auto loaded = SourceLift::load(source, rows, *nodes);
        if (!loaded) return loaded.error();
        lifting = std::move(loaded).value();
    }

    std::vector<EdgeDetail> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        EdgeDetail detail;
        detail.edge = lifting.record(row);
        detail.article_count = row.article_count;
        detail.source = nodes->at(detail.edge.source_id);
        detail.target = nodes->at(row.target_id);
        if (detail.edge.via_id) detail.via = nodes->at(detail.edge.via_id);
        out.push_back(std::move(detail));
    }
    return out;
}

store::EdgeQuery to_query(const EdgeFilter& filter) {
    store::EdgeQuery query;
    query.relations = filter.relations;
    query.source_kind = filter.as_state ? std::string() : filter.source_kind;  // checked after lifting
    query.target_kind = filter.target_kind;
    query.proposal_type = filter.proposal_type;
    query.negated = filter.negated;
    query.modality = filter.modality;
    query.from = filter.from;
    query.to = filter.to;
    query.q = filter.q;
    return query;
}

// One page of facts for `filter`. With as_state, a source filter also admits the people who represent
// it, and lifted facts are then kept only when they lift to it (so a page may hold fewer than `limit`).
Result<Page<EdgeDetail>> find_edges(store::GraphReadSource& source, const EdgeFilter& filter, std::int64_t after,
                                    std::int64_t limit) {
    store::EdgeQuery query = to_query(filter);
    query.after_id = after;
    query.limit = limit;
    std::set<std::int64_t> wanted_sources;
    if (!filter.source.empty()) {
        auto ids = resolve(source, filter.source);
        if (!ids) return ids.error();
        wanted_sources.insert(ids->begin(), ids->end());
        if (filter.as_state) {
            auto admitted = with_representatives(source, *ids);
            if (!admitted) return admitted.error();
            query.source_ids = std::move(admitted).value();
        } else {
            query.source_ids = sorted_unique(std::move(ids).value());
        }
    }
    if (!filter.target.empty()) {
        auto ids = resolve(source, filter.target);
        if (!ids) return ids.error();
        query.target_ids = std::move(ids).value();
    }
    auto rows = source.edges(query);
    if (!rows) return rows.error();
    Page<EdgeDetail> page;
    if (static_cast<std::int64_t>(rows->size()) == limit && !rows->empty()) page.next_after = rows->back().id;
    auto details = expand(source, *rows, filter.as_state);
    if (!details) return details.error();
    for (auto& detail : *details) {
        if (filter.as_state && !wanted_sources.empty() && !wanted_sources.count(detail.source.id)) continue;
        if (filter.as_state && !filter.source_kind.empty() && detail.source.kind != filter.source_kind) continue;
        page.items.push_back(std::move(detail));
    }
    return page;
}

Result<std::vector<EvidenceRecord>> load_evidence(store::GraphReadSource& source, const std::vector<std::int64_t>& edge_ids,
                                                  std::int64_t article_id) {
    std::vector<EvidenceRecord> out;
    if (edge_ids.empty()) return out;
    auto rows = source.evidence(edge_ids, article_id, 0, max_fetch);
    if (!rows) return rows.error();
    for (const auto& row : *rows) out.push_back(to_record(row));
    return out;
}

// A slice of the given edges with their endpoint nodes (and evidence when asked).
Result<GraphSlice> slice_of(store::GraphReadSource& source, std::vector<EdgeRecord> edges, bool with_evidence,
                            std::int64_t article_id = 0) {
    GraphSlice slice;
    std::vector<std::int64_t> node_ids, edge_ids;
    for (const auto& edge : edges) {
        node_ids.push_back(edge.source_id);
        node_ids.push_back(edge.target_id);
        edge_ids.push_back(edge.id);
    }
    auto nodes = load_nodes(source, node_ids);
    if (!nodes) return nodes.error();
    for (auto& [id, node] : *nodes) slice.nodes.push_back(std::move(node));
    std::sort(slice.nodes.begin(), slice.nodes.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    if (with_evidence) {
        auto evidence = load_evidence(source, edge_ids, article_id);
        if (!evidence) return evidence.error();
        slice.evidence = std::move(evidence).value();
    }
    slice.edges = std::move(edges);
    return slice;
}

Status not_found(const std::string& what, std::int64_t id) {
    return make_error(ErrorCode::not_found, "no " + what + " with id " + std::to_string(id));
}

}  // namespace

// ---------------------------------------------------------------- queries

Result<std::int64_t> GraphQueries::revision() {
    auto source = lease();
    if (!source) return source.error();
    return (*source)->revision();
}

Result<Page<EdgeDetail>> GraphQueries::edges(const EdgeFilter& filter, const PageRequest& page) {
    auto source = lease();
    if (!source) return source.error();
    return find_edges(**source, filter, page.after, page.limit);
}

Result<EdgeDetail> GraphQueries::edge(std::int64_t id) {
    auto source = lease();
    if (!source) return source.error();
    auto rows = (*source)->edges_by_id({id});
    if (!rows) return rows.error();
    if (rows->empty()) return not_found("edge", id).error();
    auto details = expand(**source, *rows, false);
    if (!details) return details.error();
    return std::move(details->front());
}

Result<Page<EvidenceRecord>> GraphQueries::evidence(std::int64_t edge_id, const PageRequest& page) {
    auto source = lease();
    if (!source) return source.error();
    auto rows = (*source)->edges_by_id({edge_id});
    if (!rows) return rows.error();
    if (rows->empty()) return not_found("edge", edge_id).error();
    auto evidence = (*source)->evidence({edge_id}, 0, page.after, page.limit);
    if (!evidence) return evidence.error();
    Page<EvidenceRecord> out;
    for (const auto& row : *evidence) out.items.push_back(to_record(row));
    if (static_cast<std::int64_t>(out.items.size()) == page.limit && !out.items.empty())
        out.next_after = out.items.back().id;
    return out;
}

Result<Page<NodeRecord>> GraphQueries::nodes(const std::string& q, const std::string& kind, const PageRequest& page) {
    auto source = lease();
    if (!source) return source.error();
    auto rows = (*source)->search_nodes(q, kind, page.after, page.limit);
    if (!rows) return rows.error();
    Page<NodeRecord> out;
    std::vector<std::int64_t> ids;
    for (const auto& row : *rows) {
        out.items.push_back(to_record(row));
        ids.push_back(row.id);
    }
    auto aliases = (*source)->aliases(ids);
    if (!aliases) return aliases.error();
    for (auto& node : out.items)
        for (const auto& [node_id, alias] : *aliases)
            if (node_id == node.id) node.aliases.push_back(alias);
    if (static_cast<std::int64_t>(rows->size()) == page.limit && !rows->empty()) out.next_after = rows->back().id;
    return out;
}

Result<NodeDetail> GraphQueries::node(std::int64_t id) {
    auto source = lease();
    if (!source) return source.error();
    auto rows = (*source)->nodes({id});
    if (!rows) return rows.error();
    if (rows->empty()) return not_found("node", id).error();
    NodeDetail detail;
    detail.node = to_record(rows->front());
    auto aliases = (*source)->aliases({id});
    if (!aliases) return aliases.error();
    for (auto& [node_id, alias] : *aliases) detail.node.aliases.push_back(alias);
    auto degrees = (*source)->degrees(id);
    if (!degrees) return degrees.error();
    for (const auto& d : *degrees) detail.degrees.push_back(Degree{d.relation, d.direction, d.count});
    store::EdgeQuery reps;
    reps.relations = {"represents"};
    reps.source_ids = std::vector<std::int64_t>{id};
    reps.limit = max_fetch;
    auto offices = (*source)->edges(reps);
    if (!offices) return offices.error();
    std::vector<std::int64_t> targets;
    for (const auto& office : *offices) targets.push_back(office.target_id);
    auto nodes = load_nodes(**source, targets);
    if (!nodes) return nodes.error();
    for (const auto& office : *offices)
        detail.offices.push_back(
            Office{office.id, office.title, nodes->at(office.target_id), office.first_seen, office.last_seen});
    return detail;
}

namespace {

struct NeighborStep {
    std::vector<EdgeRecord> edges;  // in id order
    bool more = false;              // a store query hit its limit: facts may be missing
};

// One breadth-first step of a neighbourhood: the facts touching `frontier` in `query.direction` (each store
// query asks for at most query.max_edges + 1). With as_state, the facts are read through the source lift
// and "touching" is judged after it: a state's out-facts include those of the people who represent it, and
// a represented person's own out-facts belong to their state, not to them.
Result<NeighborStep> neighbor_step(store::GraphReadSource& source, const NeighborQuery& query,
                                   const std::vector<std::int64_t>& frontier) {
    store::EdgeQuery step;
    step.relations = query.relations;
    step.from = query.from;
    step.to = query.to;
    step.limit = static_cast<std::int64_t>(query.max_edges) + 1;
    const bool out = query.direction != Direction::in, in = query.direction != Direction::out;
    NeighborStep found;
    auto fetch = [&]() -> Result<std::vector<store::EdgeView>> {
        auto rows = source.edges(step);
        if (rows && static_cast<std::int64_t>(rows->size()) >= step.limit) found.more = true;
        return rows;
    };
    if (!query.as_state) {
        if (out && in) step.endpoint_ids = frontier;
        else if (out) step.source_ids = frontier;
        else step.target_ids = frontier;
        auto rows = fetch();
        if (!rows) return rows.error();
        for (const auto& row : *rows) found.edges.push_back(to_record(row));
        return found;
    }
    std::map<std::int64_t, store::EdgeView> candidates;  // by id: the out and in queries may overlap
    if (out) {
        auto sources = with_representatives(source, frontier);
        if (!sources) return sources.error();
        step.source_ids = std::move(sources).value();
        auto rows = fetch();
        if (!rows) return rows.error();
        for (auto& row : *rows) candidates.emplace(row.id, std::move(row));
        step.source_ids.reset();
    }
    if (in) {
        step.target_ids = frontier;
        auto rows = fetch();
        if (!rows) return rows.error();
        for (auto& row : *rows) candidates.emplace(row.id, std::move(row));
    }
    std::vector<store::EdgeView> rows;
    std::vector<std::int64_t> sources;
    for (auto& [id, row] : candidates) {
        sources.push_back(row.source_id);
        rows.push_back(std::move(row));
    }
    auto nodes = load_nodes(source, sources);
    if (!nodes) return nodes.error();
    auto lift = SourceLift::load(source, rows, *nodes);
    if (!lift) return lift.error();
    const std::set<std::int64_t> near(frontier.begin(), frontier.end());
    for (const auto& row : rows) {
        EdgeRecord record = lift->record(row);
        if ((out && near.count(record.source_id)) || (in && near.count(record.target_id)))
            found.edges.push_back(std::move(record));
    }
    return found;
}

}  // namespace

Result<BoundedSlice> GraphQueries::neighbors(std::int64_t id, const NeighborQuery& query) {
    auto source = lease();
    if (!source) return source.error();
    auto start = (*source)->nodes({id});
    if (!start) return start.error();
    if (start->empty()) return not_found("node", id).error();

    std::set<std::int64_t> visited{id};
    std::vector<std::int64_t> frontier{id};
    std::map<std::int64_t, EdgeRecord> edges;
    bool truncated = false;
    for (int level = 0; level < query.depth && !frontier.empty() && !truncated; ++level) {
        auto step = neighbor_step(**source, query, frontier);
        if (!step) return step.error();
        std::vector<std::int64_t> next;
        for (auto& row : step->edges) {
            if (edges.count(row.id)) continue;
            if (edges.size() >= query.max_edges) {
                truncated = true;
                break;
            }
            for (auto endpoint : {row.source_id, row.target_id})
                if (visited.insert(endpoint).second) next.push_back(endpoint);
            edges.emplace(row.id, std::move(row));
        }
        if (step->more) truncated = true;
        frontier = std::move(next);
    }
    std::vector<EdgeRecord> list;
    for (auto& [edge_id, edge] : edges) list.push_back(std::move(edge));
    auto slice = slice_of(**source, std::move(list), false);
    if (!slice) return slice.error();
    return BoundedSlice{std::move(slice).value(), truncated};
}

Result<PathResult> GraphQueries::paths(const PathQuery& query) {
    auto source = lease();
    if (!source) return source.error();
    auto from = resolve(**source, query.from);
    if (!from) return from.error();
    if (from->empty()) return make_error(ErrorCode::not_found, "parameter 'from': no node '" + query.from + "'");
    auto to = resolve(**source, query.to);
    if (!to) return to.error();
    if (to->empty()) return make_error(ErrorCode::not_found, "parameter 'to': no node '" + query.to + "'");
    const std::set<std::int64_t> goals(to->begin(), to->end());

    // Breadth-first over facts in either direction; each node keeps every (parent, edge) of its first level,
    // so all shortest paths can be read back. Bounded in visited nodes.
    constexpr std::size_t max_visited = 20'000;
    std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> parents;
    std::map<std::int64_t, store::EdgeView> seen_edges;
    std::set<std::int64_t> visited(from->begin(), from->end());
    std::vector<std::int64_t> frontier = *from;
    std::vector<std::int64_t> reached;
    for (auto id : *from)
        if (goals.count(id)) reached.push_back(id);
    PathResult result;
    for (int level = 0; level < query.max_depth && reached.empty() && !frontier.empty(); ++level) {
        store::EdgeQuery step;
        step.relations = query.relations;
        step.endpoint_ids = frontier;
        step.limit = max_fetch;
        auto rows = (*source)->edges(step);
        if (!rows) return rows.error();
        if (static_cast<std::int64_t>(rows->size()) == max_fetch) result.truncated = true;
        const std::set<std::int64_t> in_frontier(frontier.begin(), frontier.end());
        std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> found;
        for (const auto& row : *rows) {
            for (auto [near, far] : {std::pair{row.source_id, row.target_id}, std::pair{row.target_id, row.source_id}}) {
                if (!in_frontier.count(near) || visited.count(far)) continue;
                found[far].emplace_back(near, row.id);
                seen_edges.emplace(row.id, row);
            }
        }
        frontier.clear();
        for (auto& [node, links] : found) {
            visited.insert(node);
            parents[node] = std::move(links);
            frontier.push_back(node);
            if (goals.count(node)) reached.push_back(node);
        }
        if (visited.size() > max_visited) {
            result.truncated = true;
            break;
        }
    }

    // Read paths back from each reached goal, depth first, until max_paths.
    std::vector<std::int64_t> node_stack, edge_stack;
    std::function<void(std::int64_t)> walk = [&](std::int64_t node) {
        if (result.paths.size() >= query.max_paths) return;
        node_stack.push_back(node);
        auto it = parents.find(node);
        if (it == parents.end()) {  // a start node
            GraphPath path;
            path.node_ids.assign(node_stack.rbegin(), node_stack.rend());
            path.edge_ids.assign(edge_stack.rbegin(), edge_stack.rend());
            result.paths.push_back(std::move(path));
        } else {
            for (const auto& [parent, edge_id] : it->second) {
                edge_stack.push_back(edge_id);
                walk(parent);
                edge_stack.pop_back();
            }
        }
        node_stack.pop_back();
    };
    for (auto goal : reached) walk(goal);

    std::set<std::int64_t> used;
    for (const auto& path : result.paths) used.insert(path.edge_ids.begin(), path.edge_ids.end());
    std::vector<EdgeRecord> edges;
    for (auto id : used) edges.push_back(to_record(seen_edges.at(id)));
    auto slice = slice_of(**source, std::move(edges), false);
    if (!slice) return slice.error();
    result.slice = std::move(slice).value();
    // A start node that is also a goal gives a path without edges; make sure it has its node.
    if (result.slice.nodes.empty() && !result.paths.empty()) {
        auto nodes = load_nodes(**source, result.paths.front().node_ids);
        if (!nodes) return nodes.error();
        for (auto& [id, node] : *nodes) result.slice.nodes.push_back(std::move(node));
    }
    return result;
}

Result<Timeline> GraphQueries::timeline(std::int64_t proposal_id) {
    auto source = lease();
    if (!source) return source.error();
    auto rows = (*source)->nodes({proposal_id});
    if (!rows) return rows.error();
    if (rows->empty() || rows->front().kind != "proposal") return not_found("proposal", proposal_id).error();
    Timeline timeline;
    timeline.proposal = to_record(rows->front());

    store::EdgeQuery query;
    query.target_ids = std::vector<std::int64_t>{proposal_id};
    query.limit = max_fetch;
    auto edges = (*source)->edges(query);
    if (!edges) return edges.error();
    std::vector<std::int64_t> edge_ids, actor_ids;
    std::unordered_map<std::int64_t, const store::EdgeView*> by_id;
    for (const auto& edge : *edges) {
        edge_ids.push_back(edge.id);
        actor_ids.push_back(edge.source_id);
        by_id.emplace(edge.id, &edge);
    }
    auto actors = load_nodes(**source, actor_ids);
    if (!actors) return actors.error();
    auto evidence = load_evidence(**source, edge_ids, 0);
    if (!evidence) return evidence.error();
    for (auto& ev : *evidence) {
        const auto& edge = *by_id.at(ev.edge_id);
        TimelineEvent event;
        event.date = ev.date;
        event.actor = actors->at(edge.source_id);
        event.relation = edge.relation;
        event.negated = edge.negated;
        event.edge_id = edge.id;
        event.evidence = std::move(ev);
        timeline.events.push_back(std::move(event));
    }
    std::stable_sort(timeline.events.begin(), timeline.events.end(), [](const auto& a, const auto& b) {
        if (a.date.empty() != b.date.empty()) return b.date.empty();  // undated last
        if (a.date != b.date) return a.date < b.date;
        return a.evidence.id < b.evidence.id;
    });
    std::map<std::string, const TimelineEvent*> latest;  // by actor name, so the list reads alphabetically
    for (const auto& event : timeline.events)
        if (!event.date.empty()) latest[event.actor.name + '\x1f' + std::to_string(event.actor.id)] = &event;
    for (const auto& [key, event] : latest) timeline.latest.push_back(*event);
    return timeline;
}

Result<Page<ArticleRecord>> GraphQueries::articles(const store::ArticleQuery& query) {
    auto source = lease();
    if (!source) return source.error();
    auto rows = (*source)->articles(query);
    if (!rows) return rows.error();
    Page<ArticleRecord> page;
    if (static_cast<std::int64_t>(rows->size()) == query.limit && !rows->empty()) page.next_after = rows->back().id;
    page.items = std::move(rows).value();
    return page;
}

Result<ArticleRecord> GraphQueries::article(std::int64_t id) {
    auto source = lease();
    if (!source) return source.error();
    auto row = (*source)->article(id);
    if (!row) return row.error();
    if (!*row) return not_found("article", id).error();
    return std::move(**row);
}

Result<GraphSlice> GraphQueries::article_graph(std::int64_t id) {
    auto source = lease();
    if (!source) return source.error();
    auto row = (*source)->article(id);
    if (!row) return row.error();
    if (!*row) return not_found("article", id).error();
    auto edge_ids = (*source)->article_edge_ids(id);
    if (!edge_ids) return edge_ids.error();
    auto rows = (*source)->edges_by_id(*edge_ids);
    if (!rows) return rows.error();
    std::vector<EdgeRecord> edges;
    for (const auto& edge : *rows) edges.push_back(to_record(edge));
    return slice_of(**source, std::move(edges), true, id);
}

Result<BoundedSlice> GraphQueries::slice(const EdgeFilter& filter, std::size_t max_edges, bool with_evidence) {
    auto source = lease();
    if (!source) return source.error();
    BoundedSlice out;
    std::vector<EdgeRecord> edges;
    std::int64_t after = 0;
    // Page through, since an as_state page may be thinned by the lift; stop one past the bound.
    for (;;) {
        auto page = find_edges(**source, filter, after, static_cast<std::int64_t>(max_edges) + 1);
        if (!page) return page.error();
        for (auto& detail : page->items) edges.push_back(std::move(detail.edge));
        if (edges.size() > max_edges) {
            edges.resize(max_edges);
            out.truncated = true;
            break;
        }
        if (!page->next_after) break;
        after = *page->next_after;
    }
    auto slice = slice_of(**source, std::move(edges), with_evidence);
    if (!slice) return slice.error();
    out.slice = std::move(slice).value();
    return out;
}

}  // namespace parley::graph
