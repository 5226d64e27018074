#pragma once
// TestServer: a real `parley serve` stack in-process: a database file in a temporary folder (optionally
// filled with the server corpus through graph::GraphWriter), make_app_context, and server::Server on an
// ephemeral loopback port. Stops gracefully when destroyed.

#include <functional>
#include <memory>

#include <gtest/gtest.h>

#include "graph/graph_writer.hpp"
#include "server/context.hpp"
#include "server/routes.hpp"
#include "server/server.hpp"
#include "server_corpus.hpp"
#include "store/sqlite_graph_store.hpp"
#include "support/temp_dir.hpp"

namespace parley::testing {

inline void ingest_corpus(const std::filesystem::path& db) {
    auto store = store::SqliteGraphStore::open(db);
    ASSERT_TRUE(store) << store.error().message;
    graph::GraphWriter writer(**store);
    for (const auto& item : server_corpus()) {
        auto summary = writer.ingest(item.article, item.graph);
        ASSERT_TRUE(summary) << item.article.id << ": " << summary.error().message;
    }
}

struct TestServer {
    TempDir dir;
    std::shared_ptr<server::AppContext> context;
    std::unique_ptr<server::Server> http;
    unsigned short port = 0;

    // `tweak` adjusts the configuration before start (limits, token, timeouts).
    explicit TestServer(bool with_corpus = true, const std::function<void(server::ServerConfig&)>& tweak = {},
                        std::shared_ptr<const server::Router> router = server::make_router()) {
        server::ServerConfig config;
        config.db_path = (dir / "parley.db").string();
        config.listen = "127.0.0.1:0";
        config.access_log = false;
        config.io_threads = 2;
        config.worker_threads = 2;
        config.shutdown_grace = std::chrono::seconds(5);
        config.web_root = std::filesystem::path(PARLEY_SOURCE_DIR) / "web";
        if (tweak) tweak(config);
        if (with_corpus) ingest_corpus(config.db_path);
        auto made = server::make_app_context(config);
        if (!made) throw std::runtime_error("make_app_context: " + made.error().message);
        context = *made;
        http = std::make_unique<server::Server>(context, std::move(router));
        auto started = http->start();
        if (!started) throw std::runtime_error("start: " + started.error().message);
        port = *started;
    }
    ~TestServer() { http->stop(); }
};

}  // namespace parley::testing
