#pragma once
// ServerConfig: everything `parley serve` can be told by flag or environment (PARLEY_DB, PARLEY_LISTEN,
// PARLEY_TOKEN, PARLEY_THREADS, limits, CORS allow-list). A plain value; validate() refuses unsafe or
// meaningless settings (a non-loopback address without a token, zero threads, zero limits).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace parley::server {

struct ServerConfig {
    std::string db_path = "parley.db";
    std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free port (tests)
    std::string token;                      // when set, writes need `Authorization: Bearer <token>`
    unsigned io_threads = 2;
    unsigned worker_threads = 2;  // ingest, exports and other slow handlers run here, off the I/O threads
    std::size_t body_limit = 8 * 1024 * 1024;
    std::size_t header_limit = 16 * 1024;
    std::chrono::milliseconds idle_timeout{30'000};  // waiting for (and reading) a request's header
    std::chrono::milliseconds read_timeout{30'000};  // reading a request's body
    std::chrono::milliseconds write_timeout{30'000};
    std::chrono::milliseconds shutdown_grace{10'000};  // in-flight requests may finish within this
    std::size_t max_connections = 512;
    std::size_t write_queue_limit = 64;  // pending write jobs before POST/DELETE answer 429
    std::vector<std::string> cors_origins;  // exact origins, or "*"
    std::filesystem::path web_root;         // static files served at `/`; empty disables them
    std::filesystem::path dictionaries;     // empty: ingest::default_dictionaries_dir()
    bool access_log = true;                 // one line per request on stderr
};

struct ListenAddress {
    std::string host;
    unsigned short port = 0;
};

// Parses "host:port", "[v6]:port" or ":port" (loopback). The host must be an IP address or "localhost".
Result<ListenAddress> parse_listen(std::string_view text);

bool is_loopback_host(std::string_view host);

Status validate(const ServerConfig& config);

// Splits a comma-separated list (CORS origins from PARLEY_CORS_ORIGINS), dropping blanks.
std::vector<std::string> split_list(std::string_view text);

// The web/ folder of the source tree, compiled in like the dictionaries folder.
std::filesystem::path default_web_root();

}  // namespace parley::server
