#pragma once
// The live stream, GET /v1/stream: Server-Sent Events, one `fact` event per mention the writer stores,
// `id` = the graph revision that stored it, so a reconnecting client's Last-Event-ID resumes after it.
//
// StreamHub is the fan-out: the writer thread publishes each committed revision's facts; every client has a
// bounded buffer, and a client whose buffer is full is dropped (its connection closed) instead of being
// waited for, so a slow reader can never stall ingest. Recent events are kept for resumption; a client
// that asks for older ones first gets a `reset` event (reload the state, then follow the stream).
// Thread-safe: publish() from the writer, subscribe()/take() from the I/O threads.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "server/http.hpp"
#include "server/router.hpp"

namespace parley::store {
struct FactMention;
}
namespace parley::graph {
struct IngestSummary;
}

namespace parley::server {

struct AppContext;

struct StreamOptions {
    std::size_t history = 4096;       // events kept for Last-Event-ID resumption
    std::size_t client_buffer = 1024;  // events a client may have waiting before it is dropped
    std::chrono::milliseconds heartbeat{15'000};      // comment line that keeps proxies from closing idle streams
    std::chrono::milliseconds write_timeout{10'000};  // one socket write stuck this long closes the client
};

class StreamHub {
public:
    // What one client has waiting. Owned jointly by the hub (until dropped or unsubscribed) and the client.
    class Subscription {
    public:
        // Takes every frame waiting (SSE text); empty when nothing is.
        std::string take();
        bool dropped() const;

    private:
        friend class StreamHub;
        mutable std::mutex mutex_;
        std::string pending_;
        std::size_t pending_events_ = 0;
        bool dropped_ = false;
        std::function<void()> wake_;  // called (outside the hub's lock) when frames arrive or on drop
    };

    explicit StreamHub(StreamOptions options = {}, std::uint64_t revision = 0);

    // One committed revision's facts (each a JSON object text). Never blocks on a client.
    void publish(std::uint64_t revision, const std::vector<std::string>& facts);

    // Registers a client. With `last_event_id`, the kept events after it are queued first (or a `reset`
    // event when some were already forgotten). `wake` must not block: it is called from publish().
    std::shared_ptr<Subscription> subscribe(std::optional<std::uint64_t> last_event_id, std::function<void()> wake);
    void unsubscribe(const std::shared_ptr<Subscription>& subscription);

    // Drops every client (server shutdown).
    void close_all();

    std::uint64_t revision() const;
    std::size_t clients() const;
    std::uint64_t dropped() const;
    const StreamOptions& options() const { return options_; }

private:
    struct Event {
        std::uint64_t revision;
        std::string frame;
    };
    void drop_locked(const std::shared_ptr<Subscription>& subscription, std::vector<std::function<void()>>& wakes);

    const StreamOptions options_;
    mutable std::mutex mutex_;
    std::deque<Event> history_;
    std::uint64_t revision_ = 0;
    std::uint64_t forgotten_ = 0;  // events with revision <= this may be missing from history_
    std::uint64_t dropped_ = 0;
    std::vector<std::shared_ptr<Subscription>> clients_;
};

// GET /v1/stream in the route table (for 405/HEAD/OPTIONS and the OpenAPI list). The session hands a
// stream request to start_stream before routing, so this handler only answers when no hub is configured.
void register_stream_routes(Router& router);

// One SSE event: `id`, `event` and `data` lines (data must hold no line break), then a blank line.
std::string sse_frame(std::uint64_t id, std::string_view event, std::string_view data);

// The JSON of one stored mention as the stream sends it.
std::string fact_event_json(const store::FactMention& mention, std::uint64_t revision);

// Whether the session should hand this request's connection to start_stream: GET /v1/stream.
bool is_stream_request(const Request& request);

// Takes over a connection whose request was GET /v1/stream: answers 200 text/event-stream and follows
// context->stream until the client leaves, falls behind, or the hub closes.
void start_stream(boost::asio::ip::tcp::socket socket, const Request& request, std::shared_ptr<AppContext> context);

// After the writer committed an ingest: publishes the article's stored facts at the store's revision
// (nothing for an unchanged article). Call on the writer thread right after GraphWriter::ingest, so
// revisions reach the hub in order; a no-op without context.stream.
void publish_ingest(AppContext& context, const graph::IngestSummary& summary);

}  // namespace parley::server
