#pragma once
// GraphQueries: the read side of the graph as the API and the CLI ask for it: facts by EdgeFilter (with
// names and aliases resolved and the optional `as_state` lift), one fact and its evidence, node search and
// detail, bounded neighbourhoods and shortest paths, a proposal's stance timeline, articles, and the
// GraphSlice that exports render. Thread-safe: it keeps a pool of store::GraphReadSource (one per
// concurrent caller). Unknown ids are not_found; a store failure is passed through (database_error).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "graph/edge_filter.hpp"
#include "graph/records.hpp"
#include "store/graph_read_source.hpp"

namespace parley::graph {

using ArticleRecord = store::ArticleView;

// Keyset paging: items with id > after, at most limit of them.
struct PageRequest {
    std::int64_t after = 0;
    std::int64_t limit = 50;
};

template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::int64_t> next_after;  // set when more items may follow
};

// A fact with both endpoints expanded. With as_state, `source` is the state or organization the person
// `via` represented on the fact's date.
struct EdgeDetail {
    EdgeRecord edge;
    NodeRecord source;
    NodeRecord target;
    std::optional<NodeRecord> via;
    std::int64_t article_count = 0;
};

struct Office {
    std::int64_t edge_id = 0;
    std::string title;
    NodeRecord of;  // the state or organization
    std::string first_seen;
    std::string last_seen;
};

struct Degree {
    std::string relation;
    std::string direction;  // out | in
    std::int64_t count = 0;
};

struct NodeDetail {
    NodeRecord node;  // aliases filled
    std::vector<Office> offices;
    std::vector<Degree> degrees;
};

enum class Direction { out, in, both };

struct NeighborQuery {
    std::vector<std::string> relations;
    Direction direction = Direction::both;
    std::string from;
    std::string to;
    int depth = 1;                 // 1..3
    std::size_t max_edges = 2000;  // the result is cut here and marked truncated
    // Read facts through the source lift of EdgeFilter::as_state: a state's neighbourhood includes what the
    // people who represent it did (as its facts), and lifted edges carry the person as via_id.
    bool as_state = false;
};

struct BoundedSlice {
    GraphSlice slice;
    bool truncated = false;
};

struct PathQuery {
    std::string from;  // node id, name or alias
    std::string to;
    int max_depth = 3;  // edges per path, 1..4
    std::vector<std::string> relations;
    std::size_t max_paths = 5;
};

struct GraphPath {
    std::vector<std::int64_t> node_ids;  // from .. to
    std::vector<std::int64_t> edge_ids;  // node_ids.size() - 1 of them
};

struct PathResult {
    std::vector<GraphPath> paths;  // shortest first, at most max_paths
    GraphSlice slice;              // every node and edge the paths use
    bool truncated = false;        // the search hit its bound before finishing its level
};

struct TimelineEvent {
    std::string date;
    NodeRecord actor;
    std::string relation;
    bool negated = false;
    std::int64_t edge_id = 0;
    EvidenceRecord evidence;
};

struct Timeline {
    NodeRecord proposal;
    std::vector<TimelineEvent> events;  // by date (undated last), then evidence id
    std::vector<TimelineEvent> latest;  // each actor's latest dated stance, by actor name
};

class GraphQueries {
public:
    using Opener = std::function<Result<std::unique_ptr<store::GraphReadSource>>()>;
    explicit GraphQueries(Opener opener) : opener_(std::move(opener)) {}

    Result<std::int64_t> revision();

    Result<Page<EdgeDetail>> edges(const EdgeFilter& filter, const PageRequest& page);
    Result<EdgeDetail> edge(std::int64_t id);
    Result<Page<EvidenceRecord>> evidence(std::int64_t edge_id, const PageRequest& page);

    Result<Page<NodeRecord>> nodes(const std::string& q, const std::string& kind, const PageRequest& page);
    Result<NodeDetail> node(std::int64_t id);
    Result<BoundedSlice> neighbors(std::int64_t id, const NeighborQuery& query);
    Result<PathResult> paths(const PathQuery& query);
    Result<Timeline> timeline(std::int64_t proposal_id);

    Result<Page<ArticleRecord>> articles(const store::ArticleQuery& query);
    Result<ArticleRecord> article(std::int64_t id);
    // The facts with evidence in this article, and only this article's evidence for them.
    Result<GraphSlice> article_graph(std::int64_t id);

    // Facts matching `filter` (at most max_edges; truncated says whether more exist), their nodes and,
    // when asked, their evidence: the input of graph::render_export.
    Result<BoundedSlice> slice(const EdgeFilter& filter, std::size_t max_edges, bool with_evidence);

private:
    class Lease;
    Result<Lease> lease();
    void give_back(std::unique_ptr<store::GraphReadSource> source);

    Opener opener_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<store::GraphReadSource>> idle_;
};

// Conversions from store rows (exposed for the exporters and tests).
NodeRecord to_record(const store::NodeView& node);
EdgeRecord to_record(const store::EdgeView& edge);
EvidenceRecord to_record(const store::EvidenceView& evidence);

}  // namespace parley::graph
