#pragma once
// Session and listener internals of server.cpp (not part of the public API).
// ServerState is shared by the listener and every session; each Session lives on its own strand and keeps
// itself alive through shared_from_this() in every completion handler.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/context.hpp"
#include "server/http.hpp"
#include "server/router.hpp"

namespace spdlog {
class logger;
}

namespace parley::server {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

class Session;

struct ServerState {
    ServerState(std::shared_ptr<AppContext> app_context, std::shared_ptr<const Router> app_router);

    std::shared_ptr<AppContext> context;
    std::shared_ptr<const Router> router;
    net::io_context ioc;
    net::thread_pool workers;
    std::shared_ptr<spdlog::logger> access_log;
    std::atomic<bool> stopping{false};

    std::mutex mutex;  // guards sessions
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

    void add(const std::shared_ptr<Session>& session);
    void remove(Session* session);
    std::size_t count();
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, std::shared_ptr<ServerState> state);
    ~Session();

    void run();               // starts reading; call once after make_shared
    void reject_busy();       // answers 503 (too many connections) and closes
    void shutdown();          // from any thread: close when idle, or after the in-flight response
    void force_close();       // only once the I/O threads have stopped: closes the socket directly

private:
    void do_read();
    void on_header(beast::error_code ec, std::size_t bytes);
    void on_read(beast::error_code ec, std::size_t bytes);
    void on_read_error(beast::error_code ec);
    void handle(Request request);
    void send(Response response);
    void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
    void do_close();

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<ServerState> state_;
    std::optional<http::request_parser<http::string_body>> parser_;
    bool busy_ = false;      // a request is being handled or its response written
    bool closing_ = false;   // shutdown asked: no more requests on this connection
    bool registered_ = false;
    std::string log_method_;
    std::string log_target_;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace parley::server
