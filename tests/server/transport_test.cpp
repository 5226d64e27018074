// The transport: deadlines against slow clients, header limits, the connection cap, CORS, graceful
// shutdown with a request in flight, configuration checks, and the router/pipeline without a socket.

#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server/pipeline.hpp"
#include "server/problem.hpp"
#include "server_fixture.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Reads until the server closes the connection (or `limit` passes); returns what arrived and when.
std::pair<std::string, std::chrono::milliseconds> read_until_closed(tcp::socket& socket, std::chrono::seconds limit) {
    const auto start = std::chrono::steady_clock::now();
    std::string received;
    socket.non_blocking(true);
    char buffer[4096];
    while (std::chrono::steady_clock::now() - start < limit) {
        boost::system::error_code ec;
        const auto n = socket.read_some(net::buffer(buffer), ec);
        if (ec == net::error::would_block) {
            std::this_thread::sleep_for(10ms);
            continue;
        }
        if (ec) break;
        received.append(buffer, n);
    }
    return {received, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)};
}

TEST(Transport, SlowClientIsCutOffByTheDeadline) {
    TestServer server(false, [](server::ServerConfig& c) {
        c.idle_timeout = 700ms;
        c.read_timeout = 700ms;
    });
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port));
    // Half a request line, then nothing: the header deadline must close the connection.
    net::write(socket, net::buffer(std::string("GET /v1/edges HTTP/1.1\r\nHo")));
    auto [received, waited] = read_until_closed(socket, 5s);
    EXPECT_LT(waited, 3000ms);
    EXPECT_GE(waited, 500ms);

    // A body that trickles in too slowly is cut off as well.
    tcp::socket slow_body(ioc);
    slow_body.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port));
    net::write(slow_body, net::buffer(std::string("POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                                  "application/json\r\nContent-Length: 1000\r\n\r\n{\"te")));
    auto [body_received, body_waited] = read_until_closed(slow_body, 5s);
    EXPECT_LT(body_waited, 3000ms);
    // Other clients are served meanwhile and afterwards.
    EXPECT_EQ(Client(server.port).get("/healthz").status, 200u);
}

TEST(Transport, IdleKeepAliveConnectionsAreClosed) {
    TestServer server(false, [](server::ServerConfig& c) { c.idle_timeout = 500ms; });
    Client client(server.port);
    EXPECT_EQ(client.get("/healthz").status, 200u);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(server.http->open_connections(), 1u);
    std::this_thread::sleep_for(1200ms);
    EXPECT_EQ(server.http->open_connections(), 0u);
    EXPECT_EQ(client.get("/healthz").status, 200u);  // the client reconnects
}

TEST(Transport, OversizedHeaderIs431AndOversizedBodyIs413) {
    TestServer server(false, [](server::ServerConfig& c) {
        c.header_limit = 2048;
        c.body_limit = 1024;
    });
    Client client(server.port);
    auto big_header = client.get("/healthz", {{"X-Filler", std::string(4000, 'x')}});
    EXPECT_EQ(big_header.status, 431u);
    // Content-Length over the limit is refused from the header alone, without reading the body.
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port));
    net::write(socket, net::buffer(std::string("POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                               "application/json\r\nContent-Length: 9000000\r\n\r\n")));
    auto [received, waited] = read_until_closed(socket, 5s);
    EXPECT_EQ(received.rfind("HTTP/1.1 413", 0), 0u) << received;
    EXPECT_NE(received.find("application/problem+json"), std::string::npos);
}

TEST(Transport, ConnectionCapAnswers503) {
    TestServer server(false, [](server::ServerConfig& c) { c.max_connections = 2; });
    Client first(server.port), second(server.port);
    EXPECT_EQ(first.get("/healthz").status, 200u);
    EXPECT_EQ(second.get("/healthz").status, 200u);
    Client third(server.port);
    auto refused = third.get("/healthz");
    EXPECT_EQ(refused.status, 503u);
    EXPECT_EQ(refused.header(http::field::content_type), "application/problem+json");
}

TEST(Transport, CorsAllowList) {
    TestServer server(false, [](server::ServerConfig& c) { c.cors_origins = {"https://dash.example"}; });
    Client client(server.port);
    auto allowed = client.get("/v1/edges", {{"Origin", "https://dash.example"}});
    EXPECT_EQ(allowed.header(http::field::access_control_allow_origin), "https://dash.example");
    EXPECT_NE(allowed.header(http::field::access_control_expose_headers).find("ETag"), std::string::npos);
    EXPECT_NE(allowed.header(http::field::access_control_expose_headers).find("Link"), std::string::npos);
    auto other = client.get("/v1/edges", {{"Origin", "https://evil.example"}});
    EXPECT_TRUE(other.header(http::field::access_control_allow_origin).empty());
    auto preflight = client.request(http::verb::options, "/v1/articles", {},
                                    {{"Origin", "https://dash.example"}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_EQ(preflight.status, 204u);
    EXPECT_NE(preflight.header(http::field::access_control_allow_methods).find("POST"), std::string::npos);
}

TEST(Transport, GracefulShutdownFinishesTheRequestInFlight) {
    // A router with one slow handler stands in for a long export.
    auto router = std::make_shared<server::Router>();
    std::promise<void> entered;
    router->add(http::verb::get, "/slow", [&entered](const server::Request&, const server::RouteParams&, server::AppContext&) {
        entered.set_value();
        std::this_thread::sleep_for(600ms);
        return server::json_response({{"done", true}});
    });
    auto server = std::make_unique<TestServer>(false, nullptr, router);
    const auto port = server->port;
    auto reply = std::async(std::launch::async, [port] { return Client(port).get("/slow"); });
    entered.get_future().wait();
    const auto start = std::chrono::steady_clock::now();
    server->http->stop();
    const auto took = std::chrono::steady_clock::now() - start;
    auto result = reply.get();
    EXPECT_EQ(result.status, 200u);
    EXPECT_EQ(result.json()["done"], true);
    EXPECT_EQ(result.header(http::field::connection), "close");
    EXPECT_LT(took, 4s);
    // After stop nothing listens any more.
    net::io_context ioc;
    tcp::socket socket(ioc);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    EXPECT_TRUE(ec);
}

TEST(Config, RefusesNonLoopbackWithoutToken) {
    server::ServerConfig config;
    config.listen = "0.0.0.0:8080";
    EXPECT_FALSE(server::validate(config));
    config.token = "t";
    EXPECT_TRUE(server::validate(config));
    config.listen = "127.0.0.1:8080";
    config.token.clear();
    EXPECT_TRUE(server::validate(config));
    config.listen = "[::1]:8080";
    EXPECT_TRUE(server::validate(config));
    config.listen = "localhost:1";
    EXPECT_TRUE(server::validate(config));
    for (const char* bad : {"8080", "127.0.0.1:", "127.0.0.1:99999", "example.com:80", "127.0.0.1:80x"}) {
        config.listen = bad;
        EXPECT_FALSE(server::validate(config)) << bad;
    }
    EXPECT_EQ(server::split_list(" https://a.example, ,https://b.example "),
              (std::vector<std::string>{"https://a.example", "https://b.example"}));
}

// The router and pipeline as pure functions: no socket, no database.
TEST(Router, MatchesTemplatesAndExplainsMisses) {
    server::Router router;
    router.add(http::verb::get, "/v1/things/{id}", [](const server::Request&, const server::RouteParams& p, server::AppContext&) {
        return server::json_response({{"id", std::string(p.at("id"))}, {"q", p.query.all("q")}});
    });
    router.add(http::verb::post, "/v1/things", [](const server::Request&, const server::RouteParams&, server::AppContext&) {
        return server::json_response({{"created", true}}, http::status::created);
    });
    router.add(http::verb::post, "/v1/things:batch", [](const server::Request&, const server::RouteParams&, server::AppContext&) {
        return server::json_response({{"batch", true}});
    });
    server::AppContext context;
    auto call = [&](http::verb method, std::string target) {
        server::Request req{method, target, 11};
        return server::handle_request(router, req, context);
    };
    auto found = call(http::verb::get, "/v1/things/a%20b?q=1&q=two%3D2");
    EXPECT_EQ(found.result(), http::status::ok);
    EXPECT_EQ(json::parse(found.body())["id"], "a b");
    EXPECT_EQ(json::parse(found.body())["q"], (json{"1", "two=2"}));
    EXPECT_EQ(json::parse(call(http::verb::post, "/v1/things:batch").body())["batch"], true);
    EXPECT_EQ(call(http::verb::post, "/v1/things").result(), http::status::created);
    auto missing = call(http::verb::get, "/v1/other");
    EXPECT_EQ(missing.result(), http::status::not_found);
    EXPECT_EQ(missing[http::field::content_type], "application/problem+json");
    auto not_allowed = call(http::verb::delete_, "/v1/things");
    EXPECT_EQ(not_allowed.result(), http::status::method_not_allowed);
    EXPECT_EQ(not_allowed[http::field::allow], "POST, OPTIONS");
    EXPECT_EQ(call(http::verb::get, "/v1/things/../things/1").result(), http::status::bad_request);
    EXPECT_EQ(call(http::verb::get, "http://evil.example/v1/things/1").result(), http::status::bad_request);
    auto head = call(http::verb::head, "/v1/things/x");
    EXPECT_EQ(head.result(), http::status::ok);
    EXPECT_TRUE(head.body().empty());
}

TEST(Router, HandlerExceptionIs500NotACrash) {
    server::Router router;
    router.add(http::verb::get, "/boom", [](const server::Request&, const server::RouteParams&, server::AppContext&) -> server::Response {
        throw std::runtime_error("bug");
    });
    server::AppContext context;
    server::Request req{http::verb::get, "/boom", 11};
    auto res = server::handle_request(router, req, context);
    EXPECT_EQ(res.result(), http::status::internal_server_error);
    EXPECT_EQ(json::parse(res.body())["detail"], "internal error");
}

}  // namespace
}  // namespace parley::testing
