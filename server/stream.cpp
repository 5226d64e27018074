#include "server/stream.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <boost/asio.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "graph/graph_writer.hpp"
#include "graph/stats.hpp"
#include "server/context.hpp"
#include "server/problem.hpp"
#include "store/graph_store.hpp"

namespace parley::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// ---- StreamHub ------------------------------------------------------------------------------------

std::string StreamHub::Subscription::take() {
    std::lock_guard lock(mutex_);
    pending_events_ = 0;
    return std::exchange(pending_, {});
}

bool StreamHub::Subscription::dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

StreamHub::StreamHub(StreamOptions options, std::uint64_t revision)
    : options_(options), revision_(revision), forgotten_(revision) {}

void StreamHub::drop_locked(const std::shared_ptr<Subscription>& subscription,
                            std::vector<std::function<void()>>& wakes) {
    {
        std::lock_guard lock(subscription->mutex_);
        subscription->dropped_ = true;
        subscription->pending_.clear();
        wakes.push_back(subscription->wake_);
    }
    ++dropped_;
}

void StreamHub::publish(std::uint64_t revision, const std::vector<std::string>& facts) {
    std::vector<std::function<void()>> wakes;  // called after the lock is released
    {
        std::lock_guard lock(mutex_);
        revision_ = std::max(revision_, revision);
        std::string frames;
        for (const auto& fact : facts) {
            std::string frame = sse_frame(revision, "fact", fact);
            frames += frame;
            history_.push_back(Event{revision, std::move(frame)});
        }
        while (history_.size() > options_.history) {
            forgotten_ = std::max(forgotten_, history_.front().revision);
            history_.pop_front();
        }
        if (facts.empty()) return;
        std::erase_if(clients_, [&](const std::shared_ptr<Subscription>& client) {
            std::unique_lock client_lock(client->mutex_);
            if (client->pending_events_ + facts.size() > options_.client_buffer) {
                client_lock.unlock();
                drop_locked(client, wakes);
                return true;
            }
            const bool was_empty = client->pending_.empty();
            client->pending_ += frames;
            client->pending_events_ += facts.size();
            if (was_empty) wakes.push_back(client->wake_);
            return false;
        });
    }
    for (auto& wake : wakes)
        if (wake) wake();
}

std::shared_ptr<StreamHub::Subscription> StreamHub::subscribe(std::optional<std::uint64_t> last_event_id,
                                                              std::function<void()> wake) {
    auto subscription = std::make_shared<Subscription>();
    subscription->wake_ = std::move(wake);
    std::lock_guard lock(mutex_);
    if (last_event_id) {
        // Revisions after `forgotten_` are all in history; an older resume point has a gap, and a newer one
        // than ours comes from another database or server run.
        if (*last_event_id < forgotten_ || *last_event_id > revision_)
            subscription->pending_ += sse_frame(revision_, "reset", R"({"reason":"events before this revision are no longer kept"})");
        for (const auto& event : history_) {
            if (event.revision <= *last_event_id) continue;
            subscription->pending_ += event.frame;
            ++subscription->pending_events_;
        }
    }
    clients_.push_back(subscription);
    return subscription;
}

void StreamHub::unsubscribe(const std::shared_ptr<Subscription>& subscription) {
    std::lock_guard lock(mutex_);
    std::erase(clients_, subscription);
}

void StreamHub::close_all() {
    std::vector<std::function<void()>> wakes;
    {
        std::lock_guard lock(mutex_);
        for (const auto& client : clients_) {
            std::lock_guard client_lock(client->mutex_);
            client->dropped_ = true;
            wakes.push_back(client->wake_);
        }
        clients_.clear();
    }
    for (auto& wake : wakes)
        if (wake) wake();
}

std::uint64_t StreamHub::revision() const {
    std::lock_guard lock(mutex_);
    return revision_;
}

std::size_t StreamHub::clients() const {
    std::lock_guard lock(mutex_);
    return clients_.size();
}

std::uint64_t StreamHub::dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

std::string sse_frame(std::uint64_t id, std::string_view event, std::string_view data) {
    return fmt::format("id: {}\nevent: {}\ndata: {}\n\n", id, event, data);
}

std::string fact_event_json(const store::FactMention& m, std::uint64_t revision) {
    const nlohmann::json body = {
        {"revision", revision},
        {"evidence_id", m.evidence_id},
        {"edge_id", m.edge_id},
        {"date", m.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.date)},
        {"source", {{"id", m.source_id}, {"name", m.source}, {"kind", m.source_kind}}},
        {"relation", m.relation},
        {"target", {{"id", m.target_id}, {"name", m.target}, {"kind", m.target_kind}}},
        {"proposal_type", m.proposal_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.proposal_type)},
        {"negated", m.negated},
        {"modality", m.modality},
        {"sentence", m.sentence},
        {"article", {{"id", m.article_id}, {"title", m.article_title}, {"url", m.article_url}, {"outlet", m.outlet}}},
    };
    // One line, whatever the text holds: JSON escapes line breaks, and invalid UTF-8 is replaced.
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_stream_request(const Request& request) {
    if (request.method() != http::verb::get) return false;
    auto url = boost::urls::parse_origin_form(request.target());
    return url && url->path() == "/v1/stream";
}

void publish_ingest(AppContext& context, const graph::IngestSummary& summary) {
    if (!context.stream || !context.dashboard || !context.store) return;
    if (summary.outcome == graph::IngestOutcome::unchanged) return;
    auto revision = context.store->revision();
    if (!revision) return;
    const auto at = static_cast<std::uint64_t>(*revision);
    std::vector<std::string> facts;
    if (auto mentions = context.dashboard->article_mentions(summary.article_id)) {
        for (const auto& m : *mentions) facts.push_back(fact_event_json(m, at));
    }
    context.stream->publish(at, facts);
}

// ---- the connection -------------------------------------------------------------------------------

namespace {

std::optional<std::uint64_t> last_event_id(const Request& request) {
    const std::string_view text = request["Last-Event-ID"];
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// One SSE client: owns the socket, writes what its Subscription holds, one write in flight, on a strand.
// A read that completes (the client closed or sent garbage), a stuck write, a drop or the hub closing ends it.
class StreamSession : public std::enable_shared_from_this<StreamSession> {
public:
    StreamSession(tcp::socket socket, std::shared_ptr<AppContext> context)
        : strand_(net::make_strand(socket.get_executor())),
          socket_(std::move(socket)),
          context_(std::move(context)),
          heartbeat_(strand_),
          write_deadline_(strand_) {}

    void start(const Request& request) {
        std::string head =
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/event-stream; charset=utf-8\r\n"
            "Cache-Control: no-store\r\n"
            "X-Accel-Buffering: no\r\n"
            "Connection: close\r\n";
        const std::string_view origin = request[http::field::origin];
        const auto& origins = context_->config.cors_origins;
        if (!origin.empty() && std::any_of(origins.begin(), origins.end(),
                                           [&](const std::string& o) { return o == "*" || o == origin; }))
            head += "Access-Control-Allow-Origin: " + std::string(origin) + "\r\nVary: Origin\r\n";
        head += "\r\nretry: 3000\n\n";
        outgoing_ = std::move(head);
        const auto resume = last_event_id(request);
        net::dispatch(strand_, [self = shared_from_this(), resume] {
            std::weak_ptr<StreamSession> weak = self;
            self->subscription_ = self->context_->stream->subscribe(resume, [weak] {
                if (auto s = weak.lock()) net::post(s->strand_, [s] { s->pump(); });
            });
            self->watch_reads();
            self->schedule_heartbeat();
            self->pump();
        });
    }

private:
    void pump() {
        if (closed_ || writing_) return;
        if (subscription_->dropped()) return close();
        outgoing_ += subscription_->take();
        if (outgoing_.empty()) return;
        writing_ = true;
        in_flight_ = std::exchange(outgoing_, {});
        write_deadline_.expires_after(context_->stream->options().write_timeout);
        write_deadline_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (!ec) self->close();  // the client has not taken our bytes in time
        });
        net::async_write(socket_, net::buffer(in_flight_),
                         net::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                             self->writing_ = false;
                             self->write_deadline_.cancel();
                             if (ec) return self->close();
                             self->pump();
                         }));
    }

    void watch_reads() {
        socket_.async_read_some(net::buffer(read_buffer_),
                                net::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                                    if (ec) return self->close();
                                    self->watch_reads();  // whatever a client sends after its request is ignored
                                }));
    }

    void schedule_heartbeat() {
        heartbeat_.expires_after(context_->stream->options().heartbeat);
        heartbeat_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (ec || self->closed_) return;
            self->outgoing_ += ": keep-alive\n\n";
            self->pump();
            self->schedule_heartbeat();
        });
    }

    void close() {
        if (closed_) return;
        closed_ = true;
        if (subscription_) context_->stream->unsubscribe(subscription_);
        heartbeat_.cancel();
        write_deadline_.cancel();
        boost::system::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
    }

    net::strand<net::any_io_executor> strand_;
    tcp::socket socket_;
    std::shared_ptr<AppContext> context_;
    std::shared_ptr<StreamHub::Subscription> subscription_;
    net::steady_timer heartbeat_;
    net::steady_timer write_deadline_;
    std::string outgoing_;   // waiting for the next write
    std::string in_flight_;  // owned by the write in progress
    std::array<char, 512> read_buffer_{};
    bool writing_ = false;
    bool closed_ = false;
};

}  // namespace

void register_stream_routes(Router& router) {
    router.add(http::verb::get, "/v1/stream", [](const Request&, const RouteParams&, AppContext&) {
        return problem_response(http::status::service_unavailable, "the live stream is not enabled on this server");
    });
}

void start_stream(tcp::socket socket, const Request& request, std::shared_ptr<AppContext> context) {
    if (!context->stream) return;
    std::make_shared<StreamSession>(std::move(socket), std::move(context))->start(request);
}

}  // namespace parley::server
