// The dashboard feeds through a real server on a loopback port, over the known corpus: JSON and CSV of
// every aggregate, /metrics checked line by line against the exposition format, and the SSE stream
// (a fact after an ingest, resumption with Last-Event-ID, a slow client dropped without stalling ingest).

#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "corpus.hpp"
#include "csv_reader.hpp"
#include "graph/graph_writer.hpp"
#include "server/context.hpp"
#include "server/http_client.hpp"
#include "server/metrics.hpp"
#include "server/routes.hpp"
#include "server/server.hpp"
#include "server/stream.hpp"
#include "store/sqlite_graph_store.hpp"
#include "support/temp_dir.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// The corpus in a database file, then make_app_context and the server on an ephemeral port.
class FeedsServer {
public:
    explicit FeedsServer(server::StreamOptions stream = {}) {
        {
            auto store = store::SqliteGraphStore::open(dir_ / "parley.db");
            if (!store) throw std::runtime_error(store.error().message);
            graph::GraphWriter writer(**store);
            const auto articles = corpus_articles();
            for (int i = 0; i < static_cast<int>(articles.size()); ++i)
                if (auto s = writer.ingest(articles[i], corpus_graph(i)); !s) throw std::runtime_error(s.error().message);
        }
        server::ServerConfig config;
        config.db_path = (dir_ / "parley.db").string();
        config.listen = "127.0.0.1:0";
        config.access_log = false;
        config.shutdown_grace = std::chrono::seconds(2);
        auto made = server::make_app_context(config);
        if (!made) throw std::runtime_error(made.error().message);
        context = *made;
        context->stream = std::make_shared<server::StreamHub>(stream, context->stream->revision());
        http_ = std::make_unique<server::Server>(context, server::make_router());
        auto started = http_->start();
        if (!started) throw std::runtime_error(started.error().message);
        port = *started;
    }
    ~FeedsServer() { http_->stop(); }

    // What POST /v1/articles does on the writer thread: ingest, then publish to the stream.
    graph::IngestSummary ingest(const ingest::Article& article, const ingest::ArticleGraph& graph) {
        auto summary = context->writes->run<graph::IngestSummary>([&]() -> Result<graph::IngestSummary> {
            auto done = context->writer->ingest(article, graph);
            if (done) server::publish_ingest(*context, *done);
            return done;
        });
        if (!summary) throw std::runtime_error(summary.error().message);
        return *summary;
    }

    TempDir dir_;
    std::shared_ptr<server::AppContext> context;
    unsigned short port = 0;

private:
    std::unique_ptr<server::Server> http_;
};

// A fifth article, not in the corpus, for the stream tests.
std::pair<ingest::Article, ingest::ArticleGraph> extra_article(int n, const std::string& relation) {
    ingest::Article article;
    article.url = "https://stream.example/" + std::to_string(n);
    article.source = "stream.example";
    article.published = "2025-07-0" + std::to_string(n);
    article.title = "Stream test " + std::to_string(n);
    article.text = "Ruritania " + relation + " the prisoner swap, officials said on day " + std::to_string(n) + ".";
    ingest::ArticleGraph graph;
    graph.nodes.push_back({"n1", "state", "Ruritania", {}, "", json::object()});
    graph.nodes.push_back({"n2", "proposal", "prisoner swap", {}, "prisoner_exchange", json::object()});
    ingest::Edge edge;
    edge.source = "n1";
    edge.relation = relation;
    edge.target = "n2";
    edge.date = article.published;
    edge.evidence = {0, 0, article.text.size(), article.text};
    graph.edges.push_back(edge);
    return {article, graph};
}

TEST(FeedsServer, AggregatesAnswerJsonAndTheSameRowsAsCsv) {
    FeedsServer server;
    Client client(server.port);

    auto summary = client.get("/v1/stats/summary");
    ASSERT_EQ(summary.status, 200u) << summary.body;
    EXPECT_EQ(summary.json()["data"]["articles"], 4);
    EXPECT_EQ(summary.json()["data"]["mentions"], static_cast<int>(corpus_facts().size()));

    const std::string target = "/v1/stats/timeseries?relation=proposed,rejected&from=2025-05-09&to=2025-05-13";
    auto json_reply = client.get(target);
    ASSERT_EQ(json_reply.status, 200u) << json_reply.body;
    const auto rows = json_reply.json()["data"];
    ASSERT_EQ(rows.size(), 5u * 2u) << "5 days x 2 requested relations, zero-filled";
    std::int64_t proposed = 0;
    for (const auto& row : rows) proposed += row["series"] == "proposed" ? row["value"].get<std::int64_t>() : 0;
    EXPECT_EQ(proposed, 3) << "Trump's truce on 05-10 and 05-12, Russia's talks on 05-12";

    auto csv_reply = client.get(target, {{"Accept", "text/csv"}});
    ASSERT_EQ(csv_reply.status, 200u);
    EXPECT_EQ(csv_reply.header(http::field::content_type).rfind("text/csv", 0), 0u);
    auto csv = parse_csv(csv_reply.body);
    ASSERT_TRUE(csv) << csv_reply.body;
    ASSERT_EQ(csv->size(), rows.size() + 1);
    EXPECT_EQ((*csv)[0], (std::vector<std::string>{"bucket", "series", "value"}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ((*csv)[i + 1][0], rows[i]["bucket"].get<std::string>());
        EXPECT_EQ((*csv)[i + 1][1], rows[i]["series"].get<std::string>());
        EXPECT_EQ((*csv)[i + 1][2], std::to_string(rows[i]["value"].get<std::int64_t>()));
    }

    auto top = client.get("/v1/stats/top?by=source&limit=1&format=csv");
    auto top_rows = parse_csv(top.body);
    ASSERT_TRUE(top_rows) << top.body;
    ASSERT_EQ(top_rows->size(), 2u);
    EXPECT_EQ((*top_rows)[1][1], "Donald Trump");

    auto stance = client.get("/v1/stance?proposal_type=ceasefire&as_state=true");
    ASSERT_EQ(stance.status, 200u) << stance.body;
    std::map<std::string, std::string> latest;
    const json stance_body = stance.json();  // kept alive: the loop walks into it
    for (const auto& row : stance_body["data"])
        latest[row["actor"].get<std::string>()] = row["latest_stance"].get<std::string>();
    EXPECT_EQ(latest["Russia"], "rejected");
    EXPECT_EQ(latest["Ukraine"], "accepted");

    auto queue = client.get("/v1/contradictions?format=csv");
    auto queue_rows = parse_csv(queue.body);
    ASSERT_TRUE(queue_rows) << queue.body;
    ASSERT_EQ(queue_rows->size(), 2u);
    EXPECT_EQ((*queue_rows)[1][1], "Vladimir Putin");
}

TEST(FeedsServer, OpenApiDocumentsTheFeeds) {
    FeedsServer server;
    Client client(server.port);
    auto doc = client.get("/v1/openapi.json").json();
    for (const char* path : {"/v1/stats/summary", "/v1/stats/timeseries", "/v1/stats/top", "/v1/stance",
                             "/v1/contradictions", "/metrics", "/v1/stream"})
        EXPECT_TRUE(doc["paths"].contains(path)) << path;
}

TEST(FeedsServer, BadParametersAreProblemsNamingThem) {
    FeedsServer server;
    Client client(server.port);
    for (const auto& [target, parameter] : std::vector<std::pair<std::string, std::string>>{
             {"/v1/stats/timeseries?interval=hour", "interval"},
             {"/v1/stats/timeseries?metric=tone", "metric"},
             {"/v1/stats/timeseries?from=2025-02-30", "from"},
             {"/v1/stats/timeseries?from=1900-01-01&to=2025-01-01", "interval"},
             {"/v1/stats/top?limit=0", "limit"},
             {"/v1/stats/top?by=country", "by"},
             {"/v1/stance?relation=met", "relation"},
             {"/v1/stats/summary?format=xml", "format"}}) {
        auto reply = client.get(target);
        EXPECT_EQ(reply.status, 400u) << target;
        EXPECT_EQ(reply.header(http::field::content_type), "application/problem+json") << target;
        EXPECT_NE(reply.json()["detail"].get<std::string>().find(parameter), std::string::npos) << reply.body;
    }
}

// The shipped Grafana dashboard asks only for what the server serves: every panel's URL answers 200 on the
// corpus, and every column it selects is in the rows (JSON keys, or the CSV header).
TEST(FeedsServer, GrafanaDashboardQueriesAreServed) {
    std::ifstream file(std::filesystem::path(PARLEY_SOURCE_DIR) / "docs" / "grafana" / "parley-dashboard.json");
    ASSERT_TRUE(file) << "docs/grafana/parley-dashboard.json is missing";
    const json dashboard = json::parse(file, nullptr, false);
    ASSERT_FALSE(dashboard.is_discarded());
    std::map<std::string, std::string> variables = {{"${__from:date:YYYY-MM-DD}", "2025-05-01"},
                                                    {"${__to:date:YYYY-MM-DD}", "2025-06-30"},
                                                    {"${parley}", ""}};
    for (const auto& variable : dashboard["templating"]["list"])
        if (variable["name"] != "parley")
            variables["${" + variable["name"].get<std::string>() + "}"] = variable["current"]["value"];
    auto expand = [&](std::string text) {
        for (const auto& [name, value] : variables)
            for (auto at = text.find(name); at != std::string::npos; at = text.find(name))
                text.replace(at, name.size(), value);
        return text;
    };

    FeedsServer server;
    Client client(server.port);
    int queries = 0;
    for (const auto& panel : dashboard["panels"]) {
        for (const auto& target : panel["targets"]) {
            std::string url = expand(target["url"]);
            char separator = '?';
            for (const auto& param : target["url_options"]["params"]) {
                url += separator + param["key"].get<std::string>() + "=" + encode(expand(param["value"]));
                separator = '&';
            }
            auto reply = client.get(url);
            ASSERT_EQ(reply.status, 200u) << panel["title"] << ": " << url << "\n" << reply.body;
            std::set<std::string> columns;
            if (target["type"] == "csv") {
                auto rows = parse_csv(reply.body);
                ASSERT_TRUE(rows && !rows->empty()) << url;
                columns.insert((*rows)[0].begin(), (*rows)[0].end());
            } else {
                const json body = reply.json();
                const json& data = body[target["root_selector"].get<std::string>()];
                const json& first = data.is_array() ? data.at(0) : data;
                for (const auto& item : first.items()) columns.insert(item.key());
            }
            for (const auto& column : target["columns"])
                EXPECT_TRUE(columns.count(column["selector"])) << panel["title"] << ": no column " << column["selector"];
            ++queries;
        }
    }
    EXPECT_GE(queries, 8);
}

// One exposition-format check per line: comments are HELP or TYPE, a TYPE comes before its samples, sample
// names and labels are well-formed, values are numbers; histogram buckets are cumulative and end at +Inf.
TEST(FeedsServer, MetricsFollowTheExpositionFormat) {
    FeedsServer server;
    Client client(server.port);
    ASSERT_EQ(client.get("/v1/stats/summary").status, 200u);
    ASSERT_EQ(client.get("/v1/stats/top?limit=2").status, 200u);
    // POST: GETs of unknown paths go to the static-file fallback; this one no route serves at all.
    ASSERT_EQ(client.request(http::verb::post, "/v1/nowhere/12345", "{}").status, 404u);
    auto reply = client.get("/metrics");
    ASSERT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.header(http::field::content_type), std::string(server::prometheus_content_type));
    ASSERT_FALSE(reply.body.empty());
    ASSERT_EQ(reply.body.back(), '\n');

    const std::regex help(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
    const std::regex type(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
    const std::regex sample(
        R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN))");
    std::map<std::string, std::string> types;
    std::map<std::string, double> samples;  // full sample key -> value
    std::string line;
    std::istringstream in(reply.body);
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, help)) continue;
        if (std::regex_match(line, m, type)) {
            EXPECT_FALSE(types.count(m[1])) << "TYPE given twice: " << line;
            types[m[1]] = m[2];
            continue;
        }
        ASSERT_TRUE(std::regex_match(line, m, sample)) << "not a valid sample line: " << line;
        std::string family = m[1];
        for (const char* suffix : {"_bucket", "_sum", "_count"})
            if (!types.count(family) && family.size() > std::strlen(suffix) &&
                family.compare(family.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
                family.resize(family.size() - std::strlen(suffix));
        EXPECT_TRUE(types.count(family)) << "sample before its TYPE: " << line;
        samples[line.substr(0, line.rfind(' '))] = std::stod(line.substr(line.rfind(' ') + 1));
    }
    EXPECT_EQ(types["parley_http_requests_total"], "counter");
    EXPECT_EQ(types["parley_http_request_duration_seconds"], "histogram");
    EXPECT_EQ(samples[R"(parley_http_requests_total{method="GET",route="/v1/stats/summary",status="200"})"], 1);
    EXPECT_EQ(samples[R"(parley_http_requests_total{method="POST",route="unmatched",status="404"})"], 1);
    EXPECT_EQ(samples["parley_articles"], 4);
    EXPECT_EQ(samples["parley_mentions"], static_cast<double>(corpus_facts().size()));
    EXPECT_EQ(samples["parley_ingest_queue_depth"], 0);
    EXPECT_GT(samples["parley_database_size_bytes"], 0);

    // The histogram of one route: cumulative buckets, +Inf equal to _count.
    double previous = 0;
    for (const double bound : server::Metrics::latency_bounds) {
        std::ostringstream key;
        key << R"(parley_http_request_duration_seconds_bucket{route="/v1/stats/top",le=")" << bound << "\"}";
        ASSERT_TRUE(samples.count(key.str())) << key.str();
        EXPECT_GE(samples[key.str()], previous);
        previous = samples[key.str()];
    }
    EXPECT_EQ(samples[R"(parley_http_request_duration_seconds_bucket{route="/v1/stats/top",le="+Inf"})"], 1);
    EXPECT_EQ(samples[R"(parley_http_request_duration_seconds_count{route="/v1/stats/top"})"], 1);
}

// A raw SSE connection: sends the request, then reads events as they come.
class SseClient {
public:
    SseClient(unsigned short port, const std::string& last_event_id = {}, int receive_buffer = 0) : socket_(ioc_) {
        socket_.open(tcp::v4());
        if (receive_buffer) socket_.set_option(net::socket_base::receive_buffer_size(receive_buffer));
        socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        std::string request = "GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
        request += "\r\n";
        net::write(socket_, net::buffer(request));
    }

    struct Event {
        std::string id;
        std::string event;
        std::string data;
    };

    // The next event (comments skipped), or nullopt when the server closes or `wait` passes.
    std::optional<Event> next(std::chrono::milliseconds wait = std::chrono::seconds(10)) {
        const auto deadline = std::chrono::steady_clock::now() + wait;
        for (;;) {
            if (!header_done_) {
                const auto end = buffer_.find("\r\n\r\n");
                if (end != std::string::npos) {
                    head_ = buffer_.substr(0, end);
                    buffer_.erase(0, end + 4);
                    header_done_ = true;
                }
            }
            if (header_done_) {
                const auto end = buffer_.find("\n\n");
                if (end != std::string::npos) {
                    const std::string block = buffer_.substr(0, end);
                    buffer_.erase(0, end + 2);
                    Event event;
                    std::istringstream lines(block);
                    std::string line;
                    while (std::getline(lines, line)) {
                        if (line.rfind("id: ", 0) == 0) event.id = line.substr(4);
                        if (line.rfind("event: ", 0) == 0) event.event = line.substr(7);
                        if (line.rfind("data: ", 0) == 0) event.data = line.substr(6);
                    }
                    if (!event.event.empty()) return event;
                    continue;  // a comment or the retry line
                }
            }
            if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
            if (!read_some(deadline)) return std::nullopt;
        }
    }

    const std::string& head() const { return head_; }

private:
    bool read_some(std::chrono::steady_clock::time_point deadline) {
        char chunk[4096];
        boost::system::error_code ec;
        std::size_t n = 0;
        bool done = false;
        socket_.async_read_some(net::buffer(chunk), [&](boost::system::error_code e, std::size_t got) {
            ec = e;
            n = got;
            done = true;
        });
        ioc_.restart();
        ioc_.run_until(deadline);
        if (!done) {
            socket_.cancel();
            ioc_.restart();
            ioc_.run();
            return false;
        }
        if (ec) return false;
        buffer_.append(chunk, n);
        return true;
    }

    net::io_context ioc_;
    tcp::socket socket_;
    std::string buffer_;
    std::string head_;
    bool header_done_ = false;
};

// Waits (bounded) until `done` holds; the bound only keeps a broken build from hanging.
template <class Predicate>
bool eventually(Predicate done) {
    for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done();
}

TEST(FeedsServer, StreamSendsAFactAfterAnIngestAndResumesFromLastEventId) {
    FeedsServer server;
    SseClient first(server.port);
    ASSERT_TRUE(eventually([&] { return server.context->stream->clients() == 1; }));

    auto [article, graph] = extra_article(1, "proposed");
    const auto stored = server.ingest(article, graph);
    auto event = first.next();
    ASSERT_TRUE(event) << "no event after an ingest";
    EXPECT_NE(first.head().find("text/event-stream"), std::string::npos) << first.head();
    EXPECT_EQ(event->event, "fact");
    const auto body = json::parse(event->data);
    EXPECT_EQ(body["relation"], "proposed");
    EXPECT_EQ(body["source"]["name"], "Ruritania");
    EXPECT_EQ(body["article"]["id"], stored.article_id);
    EXPECT_EQ(body["sentence"], article.text);
    const std::string seen = event->id;
    EXPECT_EQ(std::stoll(seen), body["revision"].get<std::int64_t>());

    // Two more ingests while no client listens; resuming after `seen` replays exactly those.
    auto [second, second_graph] = extra_article(2, "rejected");
    auto [third, third_graph] = extra_article(3, "accepted");
    server.ingest(second, second_graph);
    server.ingest(third, third_graph);
    SseClient resumed(server.port, seen);
    auto replay_one = resumed.next();
    auto replay_two = resumed.next();
    ASSERT_TRUE(replay_one && replay_two);
    EXPECT_EQ(json::parse(replay_one->data)["relation"], "rejected");
    EXPECT_EQ(json::parse(replay_two->data)["relation"], "accepted");
    EXPECT_GT(std::stoll(replay_one->id), std::stoll(seen));
    EXPECT_GT(std::stoll(replay_two->id), std::stoll(replay_one->id));
    EXPECT_FALSE(resumed.next(std::chrono::milliseconds(200))) << "nothing else to replay";

    // A resume point older than what the server kept gets a reset first.
    SseClient stale(server.port, "0");
    auto reset = stale.next();
    ASSERT_TRUE(reset);
    EXPECT_EQ(reset->event, "reset");
}

TEST(FeedsServer, ASlowStreamClientIsDroppedWithoutStallingIngest) {
    server::StreamOptions options;
    options.client_buffer = 8;
    FeedsServer server(options);
    SseClient slow(server.port, {}, 4096);  // never reads, tiny receive window
    SseClient fast(server.port);
    ASSERT_TRUE(eventually([&] { return server.context->stream->clients() == 2; }));

    // Publishing big events: the slow client's socket fills, its buffer overflows, it is dropped.
    const std::string payload = "{\"padding\":\"" + std::string(64 * 1024, 'x') + "\"}";
    auto publishing = std::async(std::launch::async, [&] {
        for (int i = 0; i < 200; ++i) {
            server.context->stream->publish(server.context->stream->revision() + 1, {payload});
            // The fast client reads as we go; give it a moment so only the slow one falls behind.
            if (!fast.next()) return false;
        }
        return true;
    });
    ASSERT_EQ(publishing.wait_for(std::chrono::seconds(60)), std::future_status::ready) << "publish blocked";
    EXPECT_TRUE(publishing.get()) << "the fast client missed events";
    EXPECT_TRUE(eventually([&] { return server.context->stream->dropped() == 1; }));
    EXPECT_EQ(server.context->stream->clients(), 1u);

    // A real ingest still goes through and reaches the fast client.
    auto [article, graph] = extra_article(4, "welcomed");
    auto ingesting = std::async(std::launch::async, [&] { return server.ingest(article, graph); });
    ASSERT_EQ(ingesting.wait_for(std::chrono::seconds(30)), std::future_status::ready) << "ingest stalled";
    auto event = fast.next();
    ASSERT_TRUE(event);
    EXPECT_EQ(json::parse(event->data)["relation"], "welcomed");
}

TEST(FeedsServer, StoppingTheServerEndsOpenStreams) {
    auto server = std::make_unique<FeedsServer>();
    SseClient client(server->port);
    ASSERT_TRUE(eventually([&] { return server->context->stream->clients() == 1; }));
    server.reset();  // graceful stop: must not wait for the stream, and must close it
    EXPECT_FALSE(client.next(std::chrono::seconds(5))) << "the stream stayed open after stop";
}

}  // namespace
}  // namespace parley::testing
