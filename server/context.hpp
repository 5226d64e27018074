#pragma once
// AppContext: what handlers may use, built once by the server (or a test) and shared by every request.
// Members are thread-safe: the reader opens its own connections, writes go through the one WriteQueue,
// the extractor is immutable, the revision is atomic.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "server/config.hpp"
#include "server/write_queue.hpp"

namespace parley::ingest {
class Extractor;
}
namespace parley::graph {
class GraphQueries;
class GraphWriter;
}

namespace parley::server {

struct AppContext {
    ServerConfig config;
    std::shared_ptr<graph::GraphQueries> queries;      // read side
    std::shared_ptr<graph::GraphWriter> writer;        // used only from jobs on `writes`
    std::shared_ptr<WriteQueue> writes;
    std::shared_ptr<const ingest::Extractor> extractor;
    std::atomic<std::uint64_t> revision{0};  // bumped after every committed write: the ETag source
    std::string epoch;                       // distinguishes databases and server runs in ETags

    // The strong ETag of every cacheable read at the current revision, quotes included.
    std::string etag() const { return "\"" + epoch + "-" + std::to_string(revision.load()) + "\""; }
};

}  // namespace parley::server
