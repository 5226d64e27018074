// Write endpoints (ingest, batch, retract), auth, body limits, media types, the full-queue 429, and a
// bounded concurrent run of readers and one writer; each test on its own database.

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server/write_queue.hpp"
#include "server_fixture.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

std::string article_json(const std::string& n, const std::string& text = {}) {
    return json{{"url", "https://post.example/" + n},
                {"source", "post.example"},
                {"published", "2025-06-01"},
                {"title", "Posted article " + n},
                {"text", text.empty() ? "The European Union proposed a summit in Geneva. Russia rejected the summit." : text}}
        .dump();
}

TEST(ApiWrite, PostReingestAndDelete) {
    TestServer server;
    Client client(server.port);
    const auto before = client.get("/v1/articles").json()["data"].size();
    const auto etag = client.get("/v1/edges").header(http::field::etag);

    auto created = client.request(http::verb::post, "/v1/articles", article_json("a"));
    ASSERT_EQ(created.status, 201u) << created.body;
    auto body = created.json();
    EXPECT_EQ(body["outcome"], "created");
    EXPECT_TRUE(body["extracted"].contains("nodes"));
    EXPECT_TRUE(body["stored"].contains("edges"));
    const auto id = body["article_id"].get<std::int64_t>();
    EXPECT_EQ(created.header(http::field::location), "/v1/articles/" + std::to_string(id));
    EXPECT_EQ(client.get("/v1/articles").json()["data"].size(), before + 1);
    EXPECT_EQ(client.get("/v1/articles/" + std::to_string(id)).json()["title"], "Posted article a");

    // Identical content changes nothing; the ETag of reads moved with the first write only if facts changed.
    auto again = client.request(http::verb::post, "/v1/articles", article_json("a"));
    EXPECT_EQ(again.status, 200u) << again.body;
    EXPECT_EQ(again.json()["outcome"], "unchanged");
    auto replaced = client.request(http::verb::post, "/v1/articles", article_json("a", "Brand new text about nothing much."));
    EXPECT_EQ(replaced.status, 200u);
    EXPECT_EQ(replaced.json()["outcome"], "replaced");

    auto removed = client.request(http::verb::delete_, "/v1/articles/" + std::to_string(id));
    EXPECT_EQ(removed.status, 200u) << removed.body;
    EXPECT_EQ(client.get("/v1/articles/" + std::to_string(id)).status, 404u);
    EXPECT_EQ(client.request(http::verb::delete_, "/v1/articles/" + std::to_string(id)).status, 404u);
    EXPECT_NE(client.get("/v1/edges").header(http::field::etag), etag);  // writes bumped the revision
}

// POST /v1/articles maps the extractor's local ids to stored ids: each extracted node and edge carries
// `stored_id`, the id GET /v1/nodes/{id} and GET /v1/edges/{id} answer to; an unchanged re-post maps the same.
TEST(ApiWrite, PostedGraphCarriesStoredIds) {
    TestServer server;
    Client client(server.port);
    auto russia = client.get("/v1/nodes?q=Russia&kind=state").json()["data"];
    ASSERT_EQ(russia.size(), 1u);
    auto created = client.request(http::verb::post, "/v1/articles", article_json("ids"));
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto body = created.json();
    const auto& extracted = body["extracted"];
    ASSERT_FALSE(extracted["edges"].empty()) << extracted;
    std::map<std::string, json> stored_node;  // local id -> stored_id
    for (const auto& node : extracted["nodes"]) {
        ASSERT_TRUE(node.contains("stored_id")) << node;
        stored_node[node["id"].get<std::string>()] = node["stored_id"];
        if (node["stored_id"].is_null()) continue;
        auto detail = client.get("/v1/nodes/" + std::to_string(node["stored_id"].get<std::int64_t>())).json();
        EXPECT_EQ(detail["kind"], node["kind"]) << node;
        if (node["kind"] == "state" && node["name"] == "Russia") {
            EXPECT_EQ(node["stored_id"], russia[0]["id"]);  // merged with the corpus's Russia
        }
    }
    std::set<std::int64_t> article_facts;
    for (const auto& e : body["stored"]["edges"]) article_facts.insert(e["id"].get<std::int64_t>());
    for (const auto& edge : extracted["edges"]) {
        ASSERT_TRUE(edge["stored_id"].is_number_integer()) << edge;
        const auto id = edge["stored_id"].get<std::int64_t>();
        EXPECT_TRUE(article_facts.count(id)) << "not among the article's stored facts: " << edge;
        auto fact = client.get("/v1/edges/" + std::to_string(id)).json();
        EXPECT_EQ(fact["relation"], edge["relation"]);
        const std::set<json> ends{fact["source"]["id"], fact["target"]["id"]};
        EXPECT_EQ(ends, (std::set<json>{stored_node[edge["source"].get<std::string>()],
                                        stored_node[edge["target"].get<std::string>()]}))
            << edge;
        if (edge["relation"] != "met" && edge["relation"] != "called") {
            EXPECT_EQ(fact["source"]["id"], stored_node[edge["source"].get<std::string>()]) << edge;
        }
    }
    // Posting the same article again writes nothing and still says where everything is.
    auto again = client.request(http::verb::post, "/v1/articles", article_json("ids"));
    ASSERT_EQ(again.status, 200u) << again.body;
    EXPECT_EQ(again.json()["outcome"], "unchanged");
    EXPECT_EQ(again.json()["extracted"], extracted);
}

TEST(ApiWrite, DeleteRetractsFactsLeftWithoutEvidence) {
    TestServer server;
    Client client(server.port);
    auto before = client.get("/v1/edges?relation=proposed").json()["data"].size();
    // "Donald Trump represents United States" is stated by articles 2 and 5; the stored count follows writes.
    auto office = [&] { return client.get("/v1/edges?relation=represents&source=Trump").json()["data"][0]; };
    EXPECT_EQ(office()["article_count"], 2);
    EXPECT_EQ(office()["mention_count"], 2);
    // Article 5 (Vatican) is the only evidence of "Pope Leo XIV proposed Vatican peace talks".
    auto articles = client.get("/v1/articles?q=Vatican").json()["data"];
    ASSERT_EQ(articles.size(), 1u);
    auto removed = client.request(http::verb::delete_, "/v1/articles/" + std::to_string(articles[0]["id"].get<int>()));
    ASSERT_EQ(removed.status, 200u);
    EXPECT_EQ(client.get("/v1/edges?relation=proposed").json()["data"].size(), before - 1);
    EXPECT_TRUE(client.get("/v1/nodes?q=Pope").json()["data"].empty());
    EXPECT_EQ(office()["article_count"], 1);
    // Donald Trump keeps the facts of article 2.
    EXPECT_EQ(client.get("/v1/edges?source=Trump").json()["data"].size(), 2u);
}

TEST(ApiWrite, BatchReportsEveryLine) {
    TestServer server(false);
    Client client(server.port);
    const std::string body = article_json("b1") + "\n" + "{not json\n" + "\n" + json{{"title", "no text"}}.dump() +
                             "\n" + article_json("b2", "Kyiv welcomed the plan.") + "\n" + article_json("b1") + "\n";
    auto reply = client.request(http::verb::post, "/v1/articles:batch", body, {{"Content-Type", "application/x-ndjson"}});
    ASSERT_EQ(reply.status, 200u) << reply.body;
    auto results = reply.json()["results"];
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0]["line"], 1);
    EXPECT_EQ(results[0]["status"], 201);
    EXPECT_EQ(results[1]["status"], 400);
    EXPECT_EQ(results[2]["line"], 4);
    EXPECT_EQ(results[2]["status"], 422);
    EXPECT_NE(results[2]["error"].get<std::string>().find("text"), std::string::npos);
    EXPECT_EQ(results[3]["status"], 201);
    EXPECT_EQ(results[4]["outcome"], "unchanged");
    EXPECT_EQ(reply.json()["counts"]["created"], 2);
    EXPECT_EQ(reply.json()["counts"]["failed"], 2);
    EXPECT_EQ(client.get("/v1/articles").json()["data"].size(), 2u);
    EXPECT_EQ(client.request(http::verb::post, "/v1/articles:batch", article_json("x")).status, 415u);
}

TEST(ApiWrite, BadBodiesAndMediaTypes) {
    TestServer server(false, [](server::ServerConfig& c) { c.body_limit = 4096; });
    Client client(server.port);
    auto bad_json = client.request(http::verb::post, "/v1/articles", "{\"text\": ");
    EXPECT_EQ(bad_json.status, 400u);
    EXPECT_EQ(bad_json.header(http::field::content_type), "application/problem+json");
    auto no_text = client.request(http::verb::post, "/v1/articles", json{{"title", "t"}}.dump());
    EXPECT_EQ(no_text.status, 422u);
    EXPECT_NE(no_text.json()["detail"].get<std::string>().find("'text'"), std::string::npos);
    auto wrong_type = client.request(http::verb::post, "/v1/articles", json{{"text", 5}}.dump());
    EXPECT_EQ(wrong_type.status, 422u);
    auto bad_date = client.request(http::verb::post, "/v1/articles", json{{"text", "t"}, {"published", "May"}}.dump());
    EXPECT_EQ(bad_date.status, 422u);
    EXPECT_NE(bad_date.json()["detail"].get<std::string>().find("published"), std::string::npos);
    auto not_json = client.request(http::verb::post, "/v1/articles", article_json("m"), {{"Content-Type", "text/plain"}});
    EXPECT_EQ(not_json.status, 415u);
    auto too_big = client.request(http::verb::post, "/v1/articles", article_json("big", std::string(8000, 'a')));
    EXPECT_EQ(too_big.status, 413u);
    EXPECT_EQ(too_big.header(http::field::content_type), "application/problem+json");
    // The server is still fine afterwards.
    EXPECT_EQ(Client(server.port).get("/healthz").status, 200u);
}

TEST(ApiWrite, TokenGuardsWritesOnly) {
    TestServer server(true, [](server::ServerConfig& c) { c.token = "s3cret"; });
    Client client(server.port);
    EXPECT_EQ(client.get("/v1/edges").status, 200u);
    auto anonymous = client.request(http::verb::post, "/v1/articles", article_json("t"));
    EXPECT_EQ(anonymous.status, 401u);
    EXPECT_EQ(anonymous.header(http::field::content_type), "application/problem+json");
    EXPECT_FALSE(anonymous.header(http::field::www_authenticate).empty());
    EXPECT_EQ(client.request(http::verb::post, "/v1/articles", article_json("t"), {{"Authorization", "Bearer wrong"}}).status,
              401u);
    EXPECT_EQ(client.request(http::verb::delete_, "/v1/articles/1").status, 401u);
    EXPECT_EQ(client.request(http::verb::post, "/v1/articles", article_json("t"), {{"Authorization", "Bearer s3cret"}}).status,
              201u);
}

TEST(ApiWrite, FullWriteQueueIs429) {
    TestServer server(false, [](server::ServerConfig& c) { c.write_queue_limit = 1; });
    Client client(server.port);
    // Occupy the one writer, then fill its queue: the next write cannot be queued.
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::promise<void> started;
    ASSERT_TRUE(server.context->writes->post([gate, &started] {
        started.set_value();
        gate.wait();
    }));
    started.get_future().wait();
    ASSERT_TRUE(server.context->writes->post([] {}));
    auto busy = client.request(http::verb::post, "/v1/articles", article_json("q"));
    EXPECT_EQ(busy.status, 429u);
    EXPECT_EQ(busy.header(http::field::retry_after), "1");
    EXPECT_EQ(busy.header(http::field::content_type), "application/problem+json");
    release.set_value();
    // Once drained, writes go through again.
    for (int i = 0; i < 100 && server.context->writes->pending() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(client.request(http::verb::post, "/v1/articles", article_json("q")).status, 201u);
}

TEST(ApiWrite, ConcurrentReadersAndOneWriterLoseNothing) {
    TestServer server;
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::atomic<int> reads{0};
    std::vector<std::thread> readers;
    const std::vector<std::string> targets = {"/v1/edges?relation=proposed", "/v1/nodes?q=a", "/v1/articles",
                                              "/v1/edges?as_state=true", "/v1/graph?format=json", "/readyz"};
    for (int r = 0; r < 16; ++r) {
        readers.emplace_back([&, r] {
            Client client(server.port);
            for (int i = 0; !stop; ++i) {
                try {
                    auto reply = client.get(targets[(r + i) % targets.size()]);
                    if (reply.status != 200) ++failures;
                } catch (const std::exception&) {
                    ++failures;
                }
                ++reads;
            }
        });
    }
    int written = 0;
    {
        Client writer(server.port);
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (std::chrono::steady_clock::now() < until) {
            auto reply = writer.request(http::verb::post, "/v1/articles", article_json("c" + std::to_string(written),
                "Ukraine proposed prisoner exchange number " + std::to_string(written) + "."));
            if (reply.status != 201) ++failures;
            ++written;
        }
    }
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_GT(reads.load(), 16);
    EXPECT_GT(written, 0);
    // Every posted article is there: 5 of the corpus plus every one written.
    Client client(server.port);
    std::size_t stored = 0;
    std::string target = "/v1/articles?limit=1000";
    auto page = client.get(target).json();
    stored += page["data"].size();
    EXPECT_EQ(stored, static_cast<std::size_t>(5 + written));
}

TEST(WriteQueue, RunsInOrderAndRefusesWhenFull) {
    server::WriteQueue queue(2);
    std::vector<int> order;
    std::promise<void> release;
    auto gate = release.get_future().share();
    ASSERT_TRUE(queue.post([gate] { gate.wait(); }));
    // The blocking job may or may not have been taken yet: fill up until refused.
    int queued = 0;
    while (queue.post([&order, queued] { order.push_back(queued); })) ++queued;
    EXPECT_GE(queued, 1);
    EXPECT_LE(queued, 2);
    auto refused = queue.post([] {});
    EXPECT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::busy);
    release.set_value();
    for (int i = 0; i < 200 && queue.pending() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto result = queue.run<int>([] { return Result<int>(7); });
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, 7);
    for (int i = 0; i < queued; ++i) EXPECT_EQ(order[i], i);
}

}  // namespace
}  // namespace parley::testing
