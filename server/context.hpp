#pragma once
// AppContext: what handlers may use, built once by make_app_context (or a test) and shared by every
// request. Members are thread-safe to use as documented: `queries` pools its own read connections;
// `store` and `writer` are touched only from jobs on `writes` (the one writer thread); the extractor is
// immutable.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "server/config.hpp"
#include "server/write_queue.hpp"

namespace parley::ingest {
class Extractor;
}
namespace parley::store {
class GraphStore;
}
namespace parley::graph {
class Dashboard;
class GraphQueries;
class GraphWriter;
}  // namespace parley::graph

namespace parley::server {

class Metrics;
class StreamHub;

struct AppContext {
    ServerConfig config;
    std::shared_ptr<graph::GraphQueries> queries;
    std::shared_ptr<store::GraphStore> store;    // writer thread only
    std::shared_ptr<graph::GraphWriter> writer;  // writer thread only
    std::shared_ptr<WriteQueue> writes;
    std::shared_ptr<const ingest::Extractor> extractor;
    std::string epoch;  // distinguishes server runs (and so databases) in ETags
    std::shared_ptr<graph::Dashboard> dashboard;  // aggregates (server/stats_routes.hpp); pools its own reads
    std::shared_ptr<Metrics> metrics;             // GET /metrics; the session reports every response to it
    std::shared_ptr<StreamHub> stream;            // GET /v1/stream; the writer publishes after each commit

    // The strong ETag of every cacheable read at the current graph revision, quotes included; empty when
    // the revision cannot be read (the response is then simply not cacheable).
    std::string etag() const;
};

// Opens (creating and migrating when needed) the database, the read pool, the one writer, and loads the
// extractor's dictionaries once.
Result<std::shared_ptr<AppContext>> make_app_context(const ServerConfig& config);

}  // namespace parley::server
