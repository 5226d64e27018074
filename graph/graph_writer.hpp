#pragma once
// GraphWriter: the write side of the graph. Merges one article's extracted graph into a GraphStore in ONE
// transaction, and retracts an article. Holds a reference to the store (which must outlive it); like the
// store, one writer per thread. Failures roll the whole article back and come back as values:
// invalid_input for a graph that contradicts itself or the article (unknown node ids, offsets past the
// text), the store's own error otherwise.
//
// Re-ingest: articles are identified by URL, or by content hash when the URL is empty. Identical content
// changes nothing (not even the revision); changed content under the same URL replaces the article's
// evidence, and facts (and then nodes) left without any evidence disappear.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ingest/article.hpp"
#include "ingest/article_graph.hpp"
#include "store/graph_store.hpp"

namespace parley::graph {

enum class IngestOutcome { created, unchanged, replaced };
std::string_view to_string(IngestOutcome outcome);

struct IngestSummary {
    IngestOutcome outcome = IngestOutcome::created;
    std::int64_t article_id = 0;
    std::size_t facts = 0;          // distinct edges this article now supports
    std::size_t mentions = 0;       // evidence rows written
    std::size_t skipped_edges = 0;  // edges whose two ends merged into one node
    // The stored ids of the extracted graph: node_ids by the extractor's local node id (only nodes some
    // edge uses: an unused extracted node is not stored), edge_ids by the extracted edge's index (0 for a
    // skipped edge). Filled for an unchanged article too, by lookup (nothing is written then).
    std::map<std::string, std::int64_t> node_ids;
    std::vector<std::int64_t> edge_ids;
};

struct RemoveSummary {
    std::int64_t article_id = 0;
    std::size_t facts_touched = 0;  // edges that lost evidence (deleted when none was left)
};

class GraphWriter {
public:
    explicit GraphWriter(store::GraphStore& store) : store_(store) {}

    Result<IngestSummary> ingest(const ingest::Article& article, const ingest::ArticleGraph& graph);

    // Retracts the article: its evidence, then facts and nodes left without any. not_found when absent.
    Result<RemoveSummary> remove_article(std::int64_t article_id);
    Result<RemoveSummary> remove_article_by_url(std::string_view url);

private:
    store::GraphStore& store_;
};

// Checks an extracted graph against the ontology and its article before anything is written:
// unique non-empty node ids, known kinds and modalities, edges naming existing nodes, evidence inside
// the text. The error names the node or edge (by index) and what is wrong.
Status validate_article_graph(const ingest::Article& article, const ingest::ArticleGraph& graph);

}  // namespace parley::graph
