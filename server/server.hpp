#pragma once
// Server: the Beast/Asio HTTP service. Owns the io_context and its I/O threads, the acceptor, the worker
// pool for slow handlers and the registry of live connections. start() binds and returns the port (0 in the
// config picks a free one); stop() is graceful: stop accepting, close idle connections, let in-flight
// requests finish within config.shutdown_grace, then stop the threads. Not copyable; stop() is idempotent.

#include <memory>
#include <thread>
#include <vector>

#include "core/result.hpp"

namespace parley::server {

struct AppContext;
class Router;
struct ServerState;

class Server {
public:
    Server(std::shared_ptr<AppContext> context, std::shared_ptr<const Router> router);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    Result<unsigned short> start();
    void stop();

    // Blocks until SIGINT or SIGTERM, then stops gracefully.
    void run_until_signal();

    unsigned short port() const { return port_; }
    std::size_t open_connections() const;

private:
    std::shared_ptr<ServerState> state_;
    std::shared_ptr<void> listener_;  // the Listener (defined in server.cpp)
    std::vector<std::thread> threads_;
    unsigned short port_ = 0;
    bool stopped_ = false;
};

}  // namespace parley::server
