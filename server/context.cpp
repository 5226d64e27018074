#include "server/context.hpp"

#include <chrono>
#include <random>

#include "graph/graph_writer.hpp"
#include "graph/queries.hpp"
#include "graph/stats.hpp"
#include "ingest/extractor.hpp"
#include "server/metrics.hpp"
#include "server/stream.hpp"
#include "store/sqlite_graph_reader.hpp"
#include "store/sqlite_graph_store.hpp"
#include "store/sqlite_stats.hpp"

namespace parley::server {

std::string AppContext::etag() const {
    if (!queries) return {};
    auto revision = queries->revision();
    if (!revision) return {};
    return "\"" + epoch + "-" + std::to_string(*revision) + "\"";
}

Result<std::shared_ptr<AppContext>> make_app_context(const ServerConfig& config) {
    if (auto valid = validate(config); !valid) return valid.error();
    auto context = std::make_shared<AppContext>();
    context->config = config;

    // The writer opens first: it creates and migrates the file the readers then open read-only.
    auto store = store::SqliteGraphStore::open(config.db_path);
    if (!store) return store.error();
    context->store = std::shared_ptr<store::GraphStore>(std::move(store).value());
    context->writer = std::make_shared<graph::GraphWriter>(*context->store);
    context->writes = std::make_shared<WriteQueue>(config.write_queue_limit);

    const auto path = config.db_path;
    context->queries = std::make_shared<graph::GraphQueries>([path]() -> Result<std::unique_ptr<store::GraphReadSource>> {
        auto reader = store::SqliteGraphReader::open(path);
        if (!reader) return reader.error();
        return std::unique_ptr<store::GraphReadSource>(std::move(reader).value());
    });
    auto probe = context->queries->revision();
    if (!probe) return probe.error();

    // Dashboard feeds (issue 6): aggregates over their own read connections, metrics, the live stream.
    context->dashboard = std::make_shared<graph::Dashboard>([path]() -> Result<std::unique_ptr<store::StatsSource>> {
        auto stats = store::SqliteStats::open(path);
        if (!stats) return stats.error();
        return std::unique_ptr<store::StatsSource>(std::move(stats).value());
    });
    context->metrics = std::make_shared<Metrics>();
    context->stream = std::make_shared<StreamHub>(StreamOptions{}, static_cast<std::uint64_t>(*probe));

    auto extractor = ingest::Extractor::load(config.dictionaries.empty() ? ingest::default_dictionaries_dir()
                                                                         : config.dictionaries);
    if (!extractor) return extractor.error();
    context->extractor = std::make_shared<const ingest::Extractor>(std::move(extractor).value());

    std::random_device random;
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%08x%08x", static_cast<unsigned>(random()), static_cast<unsigned>(now));
    context->epoch = buffer;
    return context;
}

}  // namespace parley::server
