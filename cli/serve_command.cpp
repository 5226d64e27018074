// `parley serve`: the HTTP API (server/) on the database. Flags override environment variables
// (PARLEY_DB, PARLEY_LISTEN, PARLEY_TOKEN, PARLEY_THREADS, PARLEY_CORS_ORIGINS, …). Runs until SIGINT or
// SIGTERM, then finishes in-flight requests within the shutdown grace period.

#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "server/context.hpp"
#include "server/routes.hpp"
#include "server/server.hpp"

namespace parley::cli {
namespace {

struct ServeOptions {
    server::ServerConfig config;
    std::string cors;
    std::string web_root;
    std::string dictionaries;
    unsigned timeout_seconds = 30;
    unsigned grace_seconds = 10;
    bool quiet = false;
};

int run_serve(ServeOptions& options) {
    auto& config = options.config;
    config.cors_origins = server::split_list(options.cors);
    config.web_root = options.web_root;
    config.dictionaries = options.dictionaries;
    config.idle_timeout = config.read_timeout = config.write_timeout = std::chrono::seconds(options.timeout_seconds);
    config.shutdown_grace = std::chrono::seconds(options.grace_seconds);
    config.access_log = !options.quiet;
    auto context = server::make_app_context(config);
    if (!context) return report_error("serve", context.error());
    server::Server http_server(*context, server::make_router());
    auto port = http_server.start();
    if (!port) return report_error("serve", port.error());
    const auto address = server::parse_listen(config.listen);
    spdlog::info("parley serve: listening on http://{}:{} (database {}, {} I/O threads, {} workers{})",
                 address ? address->host : config.listen, *port, config.db_path, config.io_threads,
                 config.worker_threads, config.token.empty() ? "" : ", writes need the bearer token");
    http_server.run_until_signal();
    spdlog::info("parley serve: stopped");
    return exit_ok;
}

}  // namespace

void register_serve(CLI::App& app) {
    auto options = std::make_shared<ServeOptions>();
    auto& config = options->config;
    options->web_root = server::default_web_root().string();
    auto* cmd = app.add_subcommand("serve", "Serve the HTTP API and the visualiser page");
    add_database_option(*cmd, config.db_path);
    cmd->add_option("--listen", config.listen, "Address to listen on, host:port (non-loopback needs --token)")
        ->envname("PARLEY_LISTEN")
        ->capture_default_str();
    cmd->add_option("--token", config.token, "Bearer token required for writes")->envname("PARLEY_TOKEN");
    cmd->add_option("--threads", config.io_threads, "I/O threads")
        ->envname("PARLEY_THREADS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    cmd->add_option("--workers", config.worker_threads, "Worker threads for ingest, exports and path search")
        ->envname("PARLEY_WORKERS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    cmd->add_option("--body-limit", config.body_limit, "Largest request body in bytes")
        ->envname("PARLEY_BODY_LIMIT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--max-connections", config.max_connections, "Open connections before new ones get 503")
        ->envname("PARLEY_MAX_CONNECTIONS")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--write-queue", config.write_queue_limit, "Pending writes before POST/DELETE get 429")
        ->envname("PARLEY_WRITE_QUEUE")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--timeout", options->timeout_seconds, "Read, write and idle deadline in seconds")
        ->envname("PARLEY_TIMEOUT")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    cmd->add_option("--shutdown-grace", options->grace_seconds, "Seconds in-flight requests get on SIGTERM")
        ->envname("PARLEY_SHUTDOWN_GRACE")
        ->capture_default_str();
    cmd->add_option("--cors-origins", options->cors, "Comma-separated origins allowed by CORS (or *)")
        ->envname("PARLEY_CORS_ORIGINS");
    cmd->add_option("--web-root", options->web_root, "Folder served at / (empty: no page)")
        ->envname("PARLEY_WEB_ROOT")
        ->capture_default_str();
    cmd->add_option("--dictionaries", options->dictionaries, "Dictionaries folder")->envname("PARLEY_DICTIONARIES");
    cmd->add_flag("--quiet", options->quiet, "No access log");
    cmd->callback([options] { set_exit_code(run_serve(*options)); });
}

}  // namespace parley::cli
