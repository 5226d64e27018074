#include "server/server.hpp"

#include <future>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "server/metrics.hpp"
#include "server/pipeline.hpp"
#include "server/problem.hpp"
#include "server/session.hpp"
#include "server/stream.hpp"

namespace parley::server {

// ---------------------------------------------------------------- state

ServerState::ServerState(std::shared_ptr<AppContext> app_context, std::shared_ptr<const Router> app_router)
    : context(std::move(app_context)),
      router(std::move(app_router)),
      ioc(static_cast<int>(context->config.io_threads)),
      workers(context->config.worker_threads),
      access_log(std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>())) {
    access_log->set_pattern("%Y-%m-%dT%H:%M:%S.%e %v");
    access_log->set_level(context->config.access_log ? spdlog::level::info : spdlog::level::off);
}

void ServerState::add(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(mutex);
    sessions.emplace(session.get(), session);
}

void ServerState::remove(Session* session) {
    std::lock_guard lock(mutex);
    sessions.erase(session);
}

std::size_t ServerState::count() {
    std::lock_guard lock(mutex);
    return sessions.size();
}

// ---------------------------------------------------------------- session

namespace {

// Quotes a value for a logfmt line; targets come from clients, so escape what could forge a field.
std::string logfmt_quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            out += "\\x";
            out += "0123456789abcdef"[(c >> 4) & 0xf];
            out += "0123456789abcdef"[c & 0xf];
            continue;
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace

Session::Session(tcp::socket&& socket, std::shared_ptr<ServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {}

Session::~Session() {
    if (registered_) state_->remove(this);
}

void Session::run() {
    state_->add(shared_from_this());
    registered_ = true;
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
}

void Session::reject_busy() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
        self->closing_ = true;
        self->log_method_ = "-";
        self->log_target_ = "-";
        self->started_ = std::chrono::steady_clock::now();
        Response res = problem_response(http::status::service_unavailable, "too many open connections; retry later");
        res.keep_alive(false);
        self->send(std::move(res));
    });
}

void Session::shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->closing_ = true;
        if (!self->busy_) self->stream_.cancel();  // an idle read ends with operation_aborted
    });
}

void Session::force_close() {
    beast::error_code ec;
    stream_.socket().close(ec);
}

void Session::do_read() {
    if (closing_ || state_->stopping) return do_close();
    const ServerConfig& config = state_->context->config;
    parser_.emplace();  // a new parser per request: limits and state never leak between requests
    parser_->body_limit(config.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(config.header_limit));
    stream_.expires_after(config.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    started_ = std::chrono::steady_clock::now();
    busy_ = true;
    auto read_body = [self = shared_from_this()] {
        self->stream_.expires_after(self->state_->context->config.read_timeout);
        http::async_read(self->stream_, self->buffer_, *self->parser_,
                         beast::bind_front_handler(&Session::on_read, self));
    };
    if (parser_->get()[http::field::expect] == "100-continue" && !parser_->is_done()) {
        // curl waits a second for this before sending a large body.
        auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
        stream_.expires_after(state_->context->config.write_timeout);
        http::async_write(stream_, *cont, [self = shared_from_this(), cont, read_body](beast::error_code wec, std::size_t) {
            if (wec) return self->on_read_error(wec);
            read_body();
        });
        return;
    }
    read_body();
}

void Session::on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    handle(parser_->release());
}

void Session::on_read_error(beast::error_code ec) {
    busy_ = false;
    log_method_ = parser_ && parser_->is_header_done() ? std::string(parser_->get().method_string()) : "-";
    log_target_ = parser_ && parser_->is_header_done() ? std::string(parser_->get().target()) : "-";
    if (ec == http::error::body_limit || ec == http::error::buffer_overflow) {
        Response res = problem_response(http::status::payload_too_large,
                                        "request body is larger than the limit of " +
                                            std::to_string(state_->context->config.body_limit) + " bytes");
        res.keep_alive(false);
        return send(std::move(res));
    }
    if (ec == http::error::header_limit) {
        Response res = problem_response(http::status::request_header_fields_too_large,
                                        "request header is larger than the limit of " +
                                            std::to_string(state_->context->config.header_limit) + " bytes");
        res.keep_alive(false);
        return send(std::move(res));
    }
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
        Response res = problem_response(http::status::bad_request, "malformed HTTP request: " + ec.message());
        res.keep_alive(false);
        return send(std::move(res));
    }
    if (ec == beast::error::timeout && parser_ && parser_->got_some())
        state_->access_log->info("access event=timeout method={} target={} peer_cut=true", log_method_,
                                 logfmt_quote(log_target_));
    do_close();  // end_of_stream, timeout, operation_aborted (shutdown), reset: nothing to answer
}

void Session::handle(Request request) {
    log_method_ = std::string(request.method_string());
    log_target_ = std::string(request.target());
    if (state_->context->stream && is_stream_request(request)) {
        // The live stream outlives this request/response session: it takes the connection over.
        return start_stream(stream_.release_socket(), request, state_->context);
    }
    if (state_->router->offloaded(request)) {
        net::post(state_->workers, [self = shared_from_this(), request = std::move(request)] {
            Response res = handle_request(*self->state_->router, request, *self->state_->context);
            net::post(self->stream_.get_executor(),
                      [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
        });
        return;
    }
    send(handle_request(*state_->router, request, *state_->context));
}

void Session::send(Response response) {
    busy_ = true;
    if (closing_ || state_->stopping) response.keep_alive(false);
    const bool keep_alive = response.keep_alive();
    const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_);
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    state_->access_log->info("access method={} target={} status={} bytes={} duration_ms={:.3f} peer={}:{}",
                             log_method_, logfmt_quote(log_target_), response.result_int(), response.body().size(),
                             elapsed.count(), ec ? std::string("-") : peer.address().to_string(),
                             ec ? 0 : peer.port());
    if (const auto& metrics = state_->context->metrics)
        metrics->observe(log_method_, state_->router->route_label(http::string_to_verb(log_method_), log_target_),
                         response.result_int(), std::chrono::steady_clock::now() - started_);
    stream_.expires_after(state_->context->config.write_timeout);
    beast::async_write(stream_, http::message_generator(std::move(response)),
                       beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
}

void Session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    busy_ = false;
    if (ec || !keep_alive) return do_close();
    do_read();
}

void Session::do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);  // the peer may be gone already
    // Read (and drop) what the client still sends for a moment, so closing does not reset the connection
    // before it has read our last response (e.g. a 413 sent while its body was still arriving).
    auto scratch = std::make_shared<std::array<char, 4096>>();
    stream_.expires_after(std::chrono::milliseconds(500));
    struct Drain {
        std::shared_ptr<Session> self;
        std::shared_ptr<std::array<char, 4096>> buffer;
        void operator()(beast::error_code error, std::size_t) const {
            if (error) {
                beast::error_code ignored;
                self->stream_.socket().close(ignored);
                return;
            }
            self->stream_.async_read_some(net::buffer(*buffer), *this);
        }
    };
    stream_.async_read_some(net::buffer(*scratch), Drain{shared_from_this(), scratch});
}

// ---------------------------------------------------------------- listener

namespace {

// Accepts connections, each on its own strand. Transient accept errors (out of file descriptors) are
// retried after a pause instead of silencing the listener.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(std::shared_ptr<ServerState> state) : state_(std::move(state)), acceptor_(net::make_strand(state_->ioc)), retry_(acceptor_.get_executor()) {}

    Status open(const tcp::endpoint& endpoint) {
        beast::error_code ec;
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(endpoint, ec);
        if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
        if (ec)
            return make_error(ErrorCode::io_error, "cannot listen on " + endpoint.address().to_string() + ":" +
                                                       std::to_string(endpoint.port()) + ": " + ec.message());
        return ok_status();
    }

    unsigned short port() const { return acceptor_.local_endpoint().port(); }

    void run() { net::dispatch(acceptor_.get_executor(), beast::bind_front_handler(&Listener::do_accept, shared_from_this())); }

    void stop() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ec;
            self->acceptor_.close(ec);
            self->retry_.cancel();
        });
    }

private:
    void do_accept() {
        if (state_->stopping) return;
        acceptor_.async_accept(net::make_strand(state_->ioc),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || state_->stopping) return;
        if (ec) {
            spdlog::warn("accept failed: {}; retrying", ec.message());
            retry_.expires_after(std::chrono::milliseconds(100));
            retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
                if (!wait_ec) self->do_accept();
            });
            return;
        }
        auto session = std::make_shared<Session>(std::move(socket), state_);
        if (state_->count() >= state_->context->config.max_connections) {
            session->reject_busy();
        } else {
            session->run();
        }
        do_accept();
    }

    std::shared_ptr<ServerState> state_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_;
};

}  // namespace

// ---------------------------------------------------------------- server

Server::Server(std::shared_ptr<AppContext> context, std::shared_ptr<const Router> router)
    : state_(std::make_shared<ServerState>(std::move(context), std::move(router))) {}

Server::~Server() { stop(); }

Result<unsigned short> Server::start() {
    auto address = parse_listen(state_->context->config.listen);
    if (!address) return address.error();
    const auto host = address->host == "localhost" ? std::string("127.0.0.1") : address->host;
    const tcp::endpoint endpoint{net::ip::make_address(host), address->port};
    auto listener = std::make_shared<Listener>(state_);
    if (auto opened = listener->open(endpoint); !opened) return opened.error();
    port_ = listener->port();
    listener->run();
    listener_ = listener;
    for (unsigned i = 0; i < state_->context->config.io_threads; ++i)
        threads_.emplace_back([state = state_] { state->ioc.run(); });
    return port_;
}

std::size_t Server::open_connections() const { return state_->count(); }

void Server::stop() {
    if (stopped_) return;
    stopped_ = true;
    state_->stopping = true;
    if (auto listener = std::static_pointer_cast<Listener>(listener_)) listener->stop();
    // Live-stream connections are not request sessions: end them now, while the I/O threads still run.
    if (state_->context->stream) state_->context->stream->close_all();
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(state_->mutex);
        for (auto& [raw, weak] : state_->sessions)
            if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    for (auto& session : live) session->shutdown();
    live.clear();
    const auto deadline = std::chrono::steady_clock::now() + state_->context->config.shutdown_grace;
    while (state_->count() > 0 && std::chrono::steady_clock::now() < deadline && !threads_.empty())
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    state_->ioc.stop();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
    state_->workers.join();
    // Abort what is still pending and run the handlers (they own sessions, sessions own the state),
    // so no reference cycle outlives the server.
    {
        std::lock_guard lock(state_->mutex);
        for (auto& [raw, weak] : state_->sessions)
            if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    for (auto& session : live) session->force_close();
    live.clear();
    state_->ioc.restart();
    state_->ioc.poll();
    listener_.reset();
}

void Server::run_until_signal() {
    net::signal_set signals(state_->ioc, SIGINT, SIGTERM);
    std::promise<int> caught;
    signals.async_wait([&caught](beast::error_code, int number) { caught.set_value(number); });
    const int number = caught.get_future().get();
    spdlog::info("signal {} received: finishing in-flight requests (up to {} ms)", number,
                 state_->context->config.shutdown_grace.count());
    stop();
}

}  // namespace parley::server
