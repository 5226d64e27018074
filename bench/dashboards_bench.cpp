// Dashboard aggregates on a large synthetic database: how long each feed takes (median of repeated runs).
// Not a test: it prints numbers for docs/dashboards.md. Usage:
//   dashboards_bench [--articles N] [--db PATH] [--runs R]
// The database is built once (N synthetic articles through graph::GraphWriter, 6 facts each, dates over a
// year, 12 outlets) and reused when PATH already holds a Parley database.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "graph/graph_writer.hpp"
#include "graph/stats.hpp"
#include "store/sqlite_graph_store.hpp"
#include "store/sqlite_stats.hpp"

namespace {

using namespace parley;

std::string date_of(int day) {
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (day >= month_days[month]) day -= month_days[month++];
    char text[32];  // room for any int, so -Wformat-truncation has nothing to prove
    std::snprintf(text, sizeof text, "2025-%02d-%02d", month + 1, day + 1);
    return text;
}

void build(const std::filesystem::path& path, int articles) {
    auto store = store::SqliteGraphStore::open(path);
    if (!store) throw std::runtime_error(store.error().message);
    graph::GraphWriter writer(**store);
    std::mt19937 random(42);
    const char* relations[] = {"proposed", "demanded", "accepted", "rejected", "welcomed", "criticized", "met", "called"};
    const char* types[] = {"ceasefire", "peace_talks", "sanctions", "prisoner_exchange", "memorandum"};
    for (int i = 0; i < articles; ++i) {
        ingest::Article article;
        article.url = "https://bench.example/" + std::to_string(i);
        article.source = "outlet" + std::to_string(i % 12) + ".example";
        article.published = date_of(static_cast<int>(random() % 365));
        article.title = "Synthetic article " + std::to_string(i);
        article.text = "A synthetic sentence that the evidence offsets point into, number " + std::to_string(i) + ".";
        ingest::ArticleGraph graph;
        for (int f = 0; f < 6; ++f) {
            const std::string relation = relations[random() % 8];
            const bool to_actor = relation == "met" || relation == "called";
            const auto source = "State " + std::to_string(random() % 60);
            const auto target = to_actor ? "State " + std::to_string(random() % 60)
                                         : std::string(types[random() % 5]) + " plan " + std::to_string(random() % 20);
            auto node = [&](const std::string& name, const std::string& kind, const std::string& type) {
                for (const auto& n : graph.nodes)
                    if (n.name == name) return n.id;
                graph.nodes.push_back({"n" + std::to_string(graph.nodes.size() + 1), kind, name, {}, type, nlohmann::json::object()});
                return graph.nodes.back().id;
            };
            ingest::Edge edge;
            edge.source = node(source, "state", "");
            edge.relation = relation;
            edge.target = to_actor ? node(target, "state", "") : node(target, "proposal", types[random() % 5]);
            if (edge.source == edge.target) continue;
            edge.date = article.published;
            edge.evidence = {f, 0, article.text.size(), article.text};
            graph.edges.push_back(edge);
        }
        auto done = writer.ingest(article, graph);
        if (!done) throw std::runtime_error(done.error().message);
    }
}

// Median wall-clock and CPU milliseconds: on a shared, loaded machine the CPU time is the steadier figure.
std::pair<double, double> median_ms(int runs, const std::function<void()>& work) {
    std::vector<double> wall;
    std::vector<double> cpu;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto cpu_start = std::clock();
        work();
        cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    int articles = 10000;
    int runs = 7;
    std::filesystem::path db = "dashboards-bench.db";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--articles") articles = std::stoi(argv[i + 1]);
        else if (flag == "--db") db = argv[i + 1];
        else if (flag == "--runs") runs = std::stoi(argv[i + 1]);
    }
    try {
        if (!std::filesystem::exists(db)) {
            const auto start = std::chrono::steady_clock::now();
            build(db, articles);
            std::printf("built %s: %d articles in %.1f s\n", db.c_str(), articles,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        auto source = store::SqliteStats::open(db);
        if (!source) throw std::runtime_error(source.error().message);
        auto& stats = **source;
        auto summary = stats.summary();
        if (!summary) throw std::runtime_error(summary.error().message);
        std::printf("database: %lld articles, %lld facts, %lld mentions\n", static_cast<long long>(summary->articles),
                    static_cast<long long>(summary->facts), static_cast<long long>(summary->mentions));
        auto check = [](const auto& result) {
            if (!result) throw std::runtime_error(result.error().message);
        };
        graph::TimeseriesQuery daily;
        graph::TimeseriesQuery weekly_articles;
        weekly_articles.metric = graph::Metric::articles;
        weekly_articles.interval = graph::Interval::week;
        weekly_articles.series = graph::SeriesBy::outlet;
        graph::StatsFilter ceasefire;
        ceasefire.proposal_type = "ceasefire";
        graph::StanceQuery stance{ceasefire, false};
        const std::vector<std::pair<const char*, std::function<void()>>> cases = {
            {"summary", [&] { check(stats.summary()); }},
            {"timeseries facts/day/relation", [&] { check(graph::timeseries(stats, daily)); }},
            {"timeseries articles/week/outlet", [&] { check(graph::timeseries(stats, weekly_articles)); }},
            {"top by source (limit 10)", [&] { check(graph::top(stats, {}, graph::TopBy::source, 10)); }},
            {"stance ceasefire", [&] {
                 auto m = graph::load_stances(stats, stance);
                 check(m);
                 (void)graph::stance_matrix(*m);
             }},
            {"contradictions (all)", [&] {
                 auto m = graph::load_stances(stats, {});
                 check(m);
                 (void)graph::contradictions(*m);
             }},
        };
        for (const auto& [name, work] : cases) {
            const auto [wall, cpu] = median_ms(runs, work);
            std::printf("%-34s median wall %8.2f ms, cpu %8.2f ms (%d runs)\n", name, wall, cpu, runs);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "dashboards_bench: %s\n", error.what());
        return 1;
    }
    return 0;
}
