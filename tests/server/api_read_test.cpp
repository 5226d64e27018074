// Read endpoints against a real database file of the server corpus, over real HTTP on loopback.

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server_fixture.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

class ApiRead : public ::testing::Test {
protected:
    static void SetUpTestSuite() { server_ = new TestServer(); }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }

    Reply get(const std::string& target) { return client_.get(target); }
    json get_json(const std::string& target, unsigned status = 200) {
        auto reply = get(target);
        EXPECT_EQ(reply.status, status) << target << ": " << reply.body;
        return reply.json();
    }
    // (source name, relation, target name) of every fact in a list body.
    static std::set<std::string> facts(const json& body) {
        std::set<std::string> out;
        for (const auto& e : body["data"])
            out.insert(e["source"]["name"].get<std::string>() + " " + e["relation"].get<std::string>() + " " +
                       e["target"]["name"].get<std::string>());
        return out;
    }
    std::int64_t node_id(const std::string& name) {
        auto body = get_json("/v1/nodes?q=" + encode(name));
        for (const auto& n : body["data"])
            if (n["name"] == name) return n["id"].get<std::int64_t>();
        ADD_FAILURE() << "no node " << name;
        return 0;
    }

    static TestServer* server_;
    Client client_{server_->port};
};

TestServer* ApiRead::server_ = nullptr;

TEST_F(ApiRead, HealthReadyAndOpenApi) {
    auto health = get("/healthz");
    EXPECT_EQ(health.status, 200u);
    EXPECT_EQ(health.header(http::field::content_type), "application/health+json");
    EXPECT_EQ(health.json()["status"], "pass");
    auto ready = get_json("/readyz");
    EXPECT_EQ(ready["status"], "pass");
    auto doc = get_json("/v1/openapi.json");
    EXPECT_EQ(doc["openapi"], "3.1.0");
    for (const char* path : {"/v1/edges", "/v1/edges/{id}", "/v1/edges/{id}/evidence", "/v1/nodes", "/v1/nodes/{id}",
                             "/v1/nodes/{id}/neighbors", "/v1/paths", "/v1/proposals/{id}/timeline", "/v1/articles",
                             "/v1/articles/{id}", "/v1/articles/{id}/graph", "/v1/articles:batch", "/v1/graph",
                             "/healthz", "/readyz"})
        EXPECT_TRUE(doc["paths"].contains(path)) << path;
}

TEST_F(ApiRead, WhoProposedWhat) {
    auto body = get_json("/v1/edges?relation=proposed");
    EXPECT_EQ(facts(body), (std::set<std::string>{"United States proposed 30-day ceasefire",
                                                   "Vladimir Putin proposed energy strike pause",
                                                   "Russia proposed direct talks in Istanbul",
                                                   "Pope Leo XIV proposed Vatican peace talks"}));
    for (const auto& e : body["data"]) {
        EXPECT_TRUE(e["source"].contains("kind"));
        EXPECT_EQ(e["target"]["kind"], "proposal");
        EXPECT_TRUE(e["target"].contains("proposal_type"));
        EXPECT_EQ(e["mention_count"], 1);
        EXPECT_EQ(e["evidence_count"], 1);
        EXPECT_FALSE(e["first_seen"].is_null());
    }
    EXPECT_TRUE(body["next_cursor"].is_null());
}

TEST_F(ApiRead, EveryFilter) {
    // relation: repeatable and comma-separated give the same answer.
    EXPECT_EQ(facts(get_json("/v1/edges?relation=met&relation=called")),
              facts(get_json("/v1/edges?relation=met,called")));
    EXPECT_EQ(facts(get_json("/v1/edges?relation=met,called")),
              (std::set<std::string>{"Ukraine met Russia", "Donald Trump called Vladimir Putin"}));  // met is symmetric
    // source and target by canonical name, alias (any case) and id.
    const auto us = node_id("United States");
    EXPECT_EQ(facts(get_json("/v1/edges?source=washington")), (std::set<std::string>{"United States proposed 30-day ceasefire"}));
    EXPECT_EQ(facts(get_json("/v1/edges?source=" + std::to_string(us))), facts(get_json("/v1/edges?source=United%20States")));
    EXPECT_EQ(facts(get_json("/v1/edges?target=Kyiv")), (std::set<std::string>{"Volodymyr Zelenskyy represents Ukraine"}));
    EXPECT_EQ(facts(get_json("/v1/edges?source_kind=organization")),
              (std::set<std::string>{"European Union welcomed direct talks in Istanbul"}));
    EXPECT_EQ(get_json("/v1/edges?target_kind=state")["data"].size(), 4u);
    EXPECT_EQ(facts(get_json("/v1/edges?proposal_type=peace_talks&relation=welcomed")),
              (std::set<std::string>{"European Union welcomed direct talks in Istanbul",
                                     "Donald Trump welcomed Vatican peace talks"}));
    auto negated = get_json("/v1/edges?negated=true");
    EXPECT_EQ(facts(negated), (std::set<std::string>{"Russia rejected direct talks in Istanbul"}));
    EXPECT_EQ(negated["data"][0]["negated"], true);
    EXPECT_EQ(facts(get_json("/v1/edges?modality=future")), (std::set<std::string>{"Russia proposed direct talks in Istanbul"}));
    EXPECT_EQ(facts(get_json("/v1/edges?relation=proposed&from=2025-05-01&to=2025-05-31")),
              (std::set<std::string>{"Russia proposed direct talks in Istanbul", "Pope Leo XIV proposed Vatican peace talks"}));
    EXPECT_EQ(facts(get_json("/v1/edges?q=Jeddah")), (std::set<std::string>{"United States proposed 30-day ceasefire"}));
    EXPECT_EQ(get_json("/v1/edges?negated=false")["data"].size(), get_json("/v1/edges")["data"].size() - 1);
}

TEST_F(ApiRead, AsStateLiftsPeopleToWhatTheyRepresent) {
    auto body = get_json("/v1/edges?relation=proposed&as_state=true");
    EXPECT_EQ(facts(body), (std::set<std::string>{"United States proposed 30-day ceasefire",
                                                   "Russia proposed energy strike pause",
                                                   "Russia proposed direct talks in Istanbul",
                                                   "Pope Leo XIV proposed Vatican peace talks"}));
    for (const auto& e : body["data"]) {
        if (e["target"]["name"] == "energy strike pause") {
            EXPECT_EQ(e["via"]["name"], "Vladimir Putin");
        }
    }
    // A source filter on the state also finds what its representatives did.
    EXPECT_EQ(facts(get_json("/v1/edges?source=Russia&as_state=true&relation=proposed,rejected")),
              (std::set<std::string>{"Russia proposed energy strike pause", "Russia proposed direct talks in Istanbul",
                                     "Russia rejected 30-day ceasefire", "Russia rejected direct talks in Istanbul"}));
}

TEST_F(ApiRead, OneEdgeAndItsEvidence) {
    auto list = get_json("/v1/edges?relation=accepted");
    ASSERT_EQ(list["data"].size(), 1u);
    const auto id = list["data"][0]["id"].get<std::int64_t>();
    auto edge = get_json("/v1/edges/" + std::to_string(id));
    EXPECT_EQ(edge["source"]["name"], "Ukraine");
    ASSERT_EQ(edge["evidence"].size(), 1u);
    const auto& ev = edge["evidence"][0];
    EXPECT_EQ(ev["sentence"], "Kyiv accepted the 30-day ceasefire the same evening.");
    EXPECT_EQ(ev["article"]["outlet"], "wire.example");
    EXPECT_EQ(ev["article"]["url"], "https://wire.example/parley-test/1");
    EXPECT_EQ(ev["article"]["title"], "Washington puts a month-long truce on the table");
    EXPECT_EQ(ev["date"], "2025-03-11");
    EXPECT_EQ(ev["modality"], "asserted");
    EXPECT_EQ(ev["sentence_index"], 1);
    // Byte offsets point at the sentence inside the article text.
    auto article = get_json("/v1/articles/" + std::to_string(ev["article"]["id"].get<std::int64_t>()));
    const std::string text = article["text"];
    EXPECT_EQ(text.substr(ev["start"].get<std::size_t>(), ev["end"].get<std::size_t>() - ev["start"].get<std::size_t>()),
              ev["sentence"].get<std::string>());
    auto evidence = get_json("/v1/edges/" + std::to_string(id) + "/evidence");
    EXPECT_EQ(evidence["data"], edge["evidence"]);
    EXPECT_EQ(get("/v1/edges/999999").status, 404u);
    EXPECT_EQ(get("/v1/edges/999999/evidence").status, 404u);
}

TEST_F(ApiRead, NodesSearchDetailNeighborsPaths) {
    auto search = get_json("/v1/nodes?q=putin");
    ASSERT_EQ(search["data"].size(), 1u);
    EXPECT_EQ(search["data"][0]["name"], "Vladimir Putin");
    EXPECT_EQ(get_json("/v1/nodes?kind=proposal")["data"].size(), 4u);
    EXPECT_EQ(get_json("/v1/nodes?q=talks&kind=proposal")["data"].size(), 2u);

    const auto trump = node_id("Donald Trump");
    auto detail = get_json("/v1/nodes/" + std::to_string(trump));
    EXPECT_EQ(detail["kind"], "person");
    ASSERT_EQ(detail["offices"].size(), 1u);
    EXPECT_EQ(detail["offices"][0]["title"], "President");
    EXPECT_EQ(detail["offices"][0]["of"]["name"], "United States");
    EXPECT_EQ(detail["degree"]["called"]["out"], 1);
    EXPECT_EQ(detail["degree"]["welcomed"]["out"], 1);
    EXPECT_EQ(detail["first_seen"], "2025-03-18");
    EXPECT_EQ(detail["last_seen"], "2025-05-23");
    EXPECT_NE(std::find(detail["aliases"].begin(), detail["aliases"].end(), "Trump"), detail["aliases"].end());

    const auto russia = node_id("Russia");
    auto near = get_json("/v1/nodes/" + std::to_string(russia) + "/neighbors");
    EXPECT_EQ(near["edges"].size(), 4u);  // Ukraine met, Putin represents, proposed talks, (not) rejected talks
    EXPECT_EQ(near["truncated"], false);
    auto out = get_json("/v1/nodes/" + std::to_string(russia) + "/neighbors?direction=out");
    EXPECT_EQ(out["edges"].size(), 2u);
    auto in = get_json("/v1/nodes/" + std::to_string(russia) + "/neighbors?direction=in&relation=represents");
    EXPECT_EQ(in["edges"].size(), 1u);
    auto deeper = get_json("/v1/nodes/" + std::to_string(russia) + "/neighbors?depth=2");
    EXPECT_GT(deeper["edges"].size(), near["edges"].size());
    auto bounded = get_json("/v1/nodes/" + std::to_string(russia) + "/neighbors?depth=3&limit=2");
    EXPECT_EQ(bounded["edges"].size(), 2u);
    EXPECT_EQ(bounded["truncated"], true);
    EXPECT_EQ(get("/v1/nodes/" + std::to_string(russia) + "/neighbors?depth=4").status, 400u);
    auto dated = get_json("/v1/nodes/" + std::to_string(russia) + "/neighbors?from=2025-05-18");
    EXPECT_EQ(dated["edges"].size(), 1u);  // only the (not) rejected talks, 2025-05-20

    auto one_hop = get_json("/v1/paths?from=Donald%20Trump&to=Putin");
    ASSERT_FALSE(one_hop["paths"].empty());
    EXPECT_EQ(one_hop["paths"][0]["length"], 1);
    auto paths = get_json("/v1/paths?from=Trump&to=Ukraine&max_depth=4");
    ASSERT_FALSE(paths["paths"].empty());
    for (const auto& p : paths["paths"]) {
        EXPECT_EQ(p["length"], 3);
        EXPECT_EQ(p["nodes"].front(), trump);
        EXPECT_EQ(p["nodes"].size(), 4u);
    }
    auto too_short = get_json("/v1/paths?from=Trump&to=Ukraine&max_depth=2");
    EXPECT_TRUE(too_short["paths"].empty());
    EXPECT_EQ(get("/v1/paths?from=Trump&to=Atlantis").status, 404u);
    EXPECT_EQ(get("/v1/paths?from=Trump").status, 400u);
}

// as_state on neighbourhoods: a state's neighbourhood holds what the people who represent it did, lifted to
// it (the visualiser's state view expands a state into states, organizations and proposals, not people).
TEST_F(ApiRead, NeighborsAsStateLiftsRepresentatives) {
    const auto russia = node_id("Russia"), putin = node_id("Vladimir Putin"), trump = node_id("Donald Trump"),
               us = node_id("United States");
    const std::string base = "/v1/nodes/" + std::to_string(russia) + "/neighbors";
    // (source name, relation, target name [, via name]) of a neighbourhood document.
    auto facts_of = [](const json& body) {
        std::map<std::int64_t, std::string> names;
        for (const auto& n : body["nodes"]) names[n["id"].get<std::int64_t>()] = n["name"].get<std::string>();
        std::set<std::string> out;
        for (const auto& e : body["edges"]) {
            EXPECT_TRUE(names.count(e["source"].get<std::int64_t>()) && names.count(e["target"].get<std::int64_t>()))
                << "an edge's endpoint is missing from nodes: " << e;
            out.insert(names[e["source"].get<std::int64_t>()] + " " + e["relation"].get<std::string>() + " " +
                       names[e["target"].get<std::int64_t>()] + (e.contains("via") ? " via " + std::to_string(e["via"].get<std::int64_t>()) : ""));
        }
        return out;
    };
    const std::string via_putin = " via " + std::to_string(putin);
    auto lifted = get_json(base + "?as_state=true");
    EXPECT_EQ(facts_of(lifted), (std::set<std::string>{
                                    "Ukraine met Russia", "Vladimir Putin represents Russia",
                                    "Russia proposed direct talks in Istanbul", "Russia rejected direct talks in Istanbul",
                                    "Russia rejected 30-day ceasefire" + via_putin,
                                    "Russia proposed energy strike pause" + via_putin}));
    EXPECT_EQ(lifted["truncated"], false);
    // Without the lift Putin's own facts are not Russia's (the person-level neighbourhood has 4 facts).
    EXPECT_EQ(get_json(base)["edges"].size(), 4u);
    EXPECT_EQ(get_json(base + "?as_state=false")["edges"].size(), 4u);
    EXPECT_EQ(facts_of(get_json(base + "?as_state=true&direction=out&relation=proposed")),
              (std::set<std::string>{"Russia proposed direct talks in Istanbul",
                                     "Russia proposed energy strike pause" + via_putin}));
    EXPECT_EQ(get_json(base + "?as_state=true&direction=out")["edges"].size(), 4u);
    EXPECT_EQ(facts_of(get_json(base + "?as_state=true&direction=in")),
              (std::set<std::string>{"Ukraine met Russia", "Vladimir Putin represents Russia"}));
    EXPECT_EQ(facts_of(get_json(base + "?as_state=true&from=2025-03-01&to=2025-03-31")),
              (std::set<std::string>{"Vladimir Putin represents Russia", "Russia rejected 30-day ceasefire" + via_putin,
                                     "Russia proposed energy strike pause" + via_putin}));

    // Two levels out, a person is a source only of `represents`: everything else they did is their state's.
    auto wide = get_json(base + "?as_state=true&depth=2");
    std::map<std::int64_t, std::string> kinds;
    for (const auto& n : wide["nodes"]) kinds[n["id"].get<std::int64_t>()] = n["kind"].get<std::string>();
    EXPECT_GT(wide["edges"].size(), lifted["edges"].size());
    for (const auto& e : wide["edges"])
        if (kinds[e["source"].get<std::int64_t>()] == "person") {
            EXPECT_EQ(e["relation"], "represents") << e;
        }
    EXPECT_TRUE(facts_of(wide).count("United States called Vladimir Putin via " + std::to_string(trump)));

    // A represented person's neighbourhood keeps what was done to them, lifted; their own acts moved to Russia.
    auto person = get_json("/v1/nodes/" + std::to_string(putin) + "/neighbors?as_state=true");
    EXPECT_EQ(facts_of(person), (std::set<std::string>{"Vladimir Putin represents Russia",
                                                        "United States called Vladimir Putin via " + std::to_string(trump)}));
    for (const auto& e : person["edges"])
        if (e["relation"] == "called") {
            EXPECT_EQ(e["source"], us);
        }

    // The bound still holds and says so.
    auto bounded = get_json(base + "?as_state=true&depth=3&limit=3");
    EXPECT_EQ(bounded["edges"].size(), 3u);
    EXPECT_EQ(bounded["truncated"], true);
}

// neighbors renders the same export formats as GET /v1/graph when `format` is given.
TEST_F(ApiRead, NeighborsExportFormats) {
    const std::string base = "/v1/nodes/" + std::to_string(node_id("Russia")) + "/neighbors?as_state=true";
    auto cyto = get(base + "&format=cytoscape");
    ASSERT_EQ(cyto.status, 200u) << cyto.body;
    EXPECT_EQ(cyto.header(http::field::content_disposition), "inline; filename=\"parley-graph.cyjs\"");
    EXPECT_EQ(cyto.header("X-Parley-Truncated"), "false");
    std::size_t edges = 0;
    const auto cyto_doc = cyto.json();
    for (const auto& el : cyto_doc["elements"]["edges"]) {
        ++edges;
        EXPECT_TRUE(el["data"].contains("source"));
    }
    EXPECT_EQ(edges, 6u);  // the lifted neighbourhood, as in NeighborsAsStateLiftsRepresentatives
    auto canonical = get(base + "&format=json");
    ASSERT_EQ(canonical.status, 200u);
    EXPECT_EQ(canonical.json()["graph"]["filters"]["as_state"], true);
    EXPECT_EQ(canonical.json()["edges"].size(), 6u);
    auto csv = get(base + "&format=csv");
    EXPECT_EQ(csv.status, 200u);
    EXPECT_EQ(csv.header(http::field::content_type), "application/zip");
    EXPECT_EQ(csv.body.substr(0, 2), "PK");
    EXPECT_NE(csv.header(http::field::content_disposition).find("attachment"), std::string::npos);
    EXPECT_EQ(get(base + "&format=graphml").status, 200u);
    EXPECT_TRUE(get(base + "&limit=2&format=gexf").header("X-Parley-Truncated") == "true");
}

TEST_F(ApiRead, ProposalTimeline) {
    const auto ceasefire = node_id("30-day ceasefire");
    auto body = get_json("/v1/proposals/" + std::to_string(ceasefire) + "/timeline");
    EXPECT_EQ(body["proposal"]["name"], "30-day ceasefire");
    std::vector<std::string> seen;
    for (const auto& e : body["events"])
        seen.push_back(e["date"].get<std::string>() + " " + e["actor"]["name"].get<std::string>() + " " +
                       e["relation"].get<std::string>());
    EXPECT_EQ(seen, (std::vector<std::string>{"2025-03-11 United States proposed", "2025-03-11 Ukraine accepted",
                                              "2025-03-18 Vladimir Putin rejected",
                                              "2025-05-16 Volodymyr Zelenskyy demanded"}));
    EXPECT_EQ(body["latest"].size(), 4u);
    EXPECT_FALSE(body["events"][0]["evidence"]["sentence"].get<std::string>().empty());
    EXPECT_EQ(get("/v1/proposals/" + std::to_string(node_id("Russia")) + "/timeline").status, 404u);
}

TEST_F(ApiRead, Articles) {
    auto all = get_json("/v1/articles");
    ASSERT_EQ(all["data"].size(), 5u);
    EXPECT_FALSE(all["data"][0].contains("text"));
    EXPECT_EQ(get_json("/v1/articles?outlet=wire.example")["data"].size(), 2u);
    EXPECT_EQ(get_json("/v1/articles?from=2025-05-01")["data"].size(), 3u);
    EXPECT_EQ(get_json("/v1/articles?q=Vatican")["data"].size(), 1u);
    const auto id = all["data"][1]["id"].get<std::int64_t>();
    auto one = get_json("/v1/articles/" + std::to_string(id));
    EXPECT_EQ(one["title"], "Trump and Putin speak for two hours");
    EXPECT_EQ(one["published"], "2025-03-18");
    auto graph = get_json("/v1/articles/" + std::to_string(id) + "/graph");
    EXPECT_EQ(graph["edges"].size(), 5u);
    EXPECT_EQ(graph["nodes"].size(), 6u);
    for (const auto& ev : graph["evidence"]) EXPECT_EQ(ev["article"]["id"], id);
    EXPECT_EQ(get("/v1/articles/424242").status, 404u);
    EXPECT_EQ(get("/v1/articles/424242/graph").status, 404u);
}

TEST_F(ApiRead, PaginationToTheEnd) {
    const auto everything = get_json("/v1/edges?limit=1000")["data"];
    ASSERT_GT(everything.size(), 10u);
    json collected = json::array();
    std::string target = "/v1/edges?limit=3";
    int pages = 0;
    while (true) {
        auto reply = get(target);
        ASSERT_EQ(reply.status, 200u) << reply.body;
        auto body = reply.json();
        for (auto& e : body["data"]) collected.push_back(e);
        ++pages;
        if (body["next_cursor"].is_null()) {
            EXPECT_TRUE(reply.header(http::field::link).empty());
            break;
        }
        // The Link header carries the same next page, with the other parameters kept.
        const auto link = reply.header(http::field::link);
        ASSERT_EQ(link.front(), '<');
        target = link.substr(1, link.find('>') - 1);
        EXPECT_NE(target.find("limit=3"), std::string::npos);
        EXPECT_NE(target.find("cursor=" + body["next_cursor"].get<std::string>()), std::string::npos);
        ASSERT_LT(pages, 100);
    }
    EXPECT_EQ(collected, everything);
    EXPECT_EQ(pages, static_cast<int>((everything.size() + 2) / 3) + (everything.size() % 3 == 0 ? 1 : 0));
    EXPECT_EQ(get("/v1/edges?limit=0").status, 400u);
    EXPECT_EQ(get("/v1/edges?limit=1001").status, 400u);
    EXPECT_EQ(get("/v1/edges?cursor=not-a-cursor").status, 400u);
}

TEST_F(ApiRead, EtagAndNotModified) {
    auto first = get("/v1/edges?relation=proposed");
    const auto etag = first.header(http::field::etag);
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(etag.front(), '"');
    auto again = client_.get("/v1/edges?relation=proposed", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header(http::field::etag), etag);
    EXPECT_EQ(client_.get("/v1/edges?relation=proposed", {{"If-None-Match", "\"other\""}}).status, 200u);
    EXPECT_EQ(client_.get("/v1/nodes", {{"If-None-Match", "\"x\", " + etag}}).status, 304u);
}

TEST_F(ApiRead, ExportsThroughGraph) {
    auto json_export = get("/v1/graph?relation=proposed");
    ASSERT_EQ(json_export.status, 200u) << json_export.body;
    auto body = json_export.json();
    ASSERT_FALSE(body.is_discarded());
    EXPECT_EQ(json_export.header("X-Parley-Truncated"), "false");
    for (const char* format : {"cytoscape", "graphml", "gexf", "dot", "csv", "neo4j"}) {
        auto reply = get(std::string("/v1/graph?format=") + format);
        EXPECT_EQ(reply.status, 200u) << format << ": " << reply.body;
        EXPECT_FALSE(reply.body.empty()) << format;
        EXPECT_FALSE(reply.header(http::field::content_type).empty()) << format;
    }
    EXPECT_NE(get("/v1/graph?format=gexf").header(http::field::content_disposition).find("filename="), std::string::npos);
    EXPECT_EQ(get("/v1/graph?format=cytoscape").header(http::field::content_disposition),
              "inline; filename=\"parley-graph.cyjs\"");
    auto cut = get("/v1/graph?limit=2");
    EXPECT_EQ(cut.header("X-Parley-Truncated"), "true");
    EXPECT_EQ(get("/v1/graph?format=pdf").status, 400u);
}

TEST_F(ApiRead, ClientMistakesAreNamedProblems) {
    struct Case {
        std::string target;
        std::string parameter;
    };
    for (const auto& c : std::vector<Case>{{"/v1/edges?relation=invaded", "relation"},
                                           {"/v1/edges?source_kind=planet", "source_kind"},
                                           {"/v1/edges?proposal_type=truce", "proposal_type"},
                                           {"/v1/edges?negated=maybe", "negated"},
                                           {"/v1/edges?modality=likely", "modality"},
                                           {"/v1/edges?from=2025-02-30", "from"},
                                           {"/v1/edges?to=yesterday", "to"},
                                           {"/v1/edges?from=2025-06-01&to=2025-05-01", "from"},
                                           {"/v1/edges?as_state=yes", "as_state"},
                                           {"/v1/edges/abc", "id"},
                                           {"/v1/nodes?kind=planet", "kind"},
                                           {"/v1/nodes/1/neighbors?direction=up", "direction"},
                                           {"/v1/nodes/1/neighbors?as_state=perhaps", "as_state"},
                                           {"/v1/nodes/1/neighbors?format=pdf", "format"},
                                           {"/v1/graph?format=pdf", "format"},
                                           {"/v1/paths?from=a&to=b&max_depth=9", "max_depth"}}) {
        auto reply = get(c.target);
        EXPECT_EQ(reply.status, 400u) << c.target;
        EXPECT_EQ(reply.header(http::field::content_type), "application/problem+json") << c.target;
        auto problem = reply.json();
        EXPECT_EQ(problem["status"], 400);
        EXPECT_NE(problem["detail"].get<std::string>().find("'" + c.parameter + "'"), std::string::npos)
            << c.target << ": " << problem["detail"];
    }
    auto missing = get("/v1/nowhere");
    EXPECT_EQ(missing.status, 404u);
    EXPECT_EQ(missing.header(http::field::content_type), "application/problem+json");
    auto wrong_method = client_.request(http::verb::put, "/v1/edges", "{}");
    EXPECT_EQ(wrong_method.status, 405u);
    EXPECT_NE(wrong_method.header(http::field::allow).find("GET"), std::string::npos);
    auto delete_list = client_.request(http::verb::delete_, "/v1/articles");
    EXPECT_EQ(delete_list.status, 405u);
    EXPECT_NE(delete_list.header(http::field::allow).find("POST"), std::string::npos);
}

TEST_F(ApiRead, InjectionStringsAreJustData) {
    for (const std::string evil : {"x' OR '1'='1", "Russia\"; DROP TABLE edges; --", "%", "_", "\\", "NEAR(a b)",
                                   "\"unbalanced", "* OR 1", "Ukraine' --"}) {
        for (const std::string param : {"source", "target"}) {
            auto reply = get("/v1/edges?" + param + "=" + encode(evil));
            EXPECT_EQ(reply.status, 200u) << param << "=" << evil << ": " << reply.body;
            EXPECT_TRUE(reply.json()["data"].empty()) << param << "=" << evil;
        }
        // Full-text input is words, never FTS5 syntax: "Ukraine' --" simply finds sentences with "Ukraine".
        EXPECT_EQ(get("/v1/edges?q=" + encode(evil)).status, 200u) << evil;
        EXPECT_EQ(get("/v1/nodes?q=" + encode(evil)).status, 200u) << evil;
        EXPECT_EQ(get("/v1/articles?q=" + encode(evil)).status, 200u) << evil;
    }
    EXPECT_EQ(get_json("/v1/edges")["data"].size(), 15u);  // nothing was dropped
}

TEST_F(ApiRead, HeadAndCors) {
    auto head = client_.request(http::verb::head, "/v1/edges");
    EXPECT_EQ(head.status, 200u);
    EXPECT_TRUE(head.body.empty());
    EXPECT_NE(head.header(http::field::content_length), "0");
    // No CORS allow-list configured: no CORS headers.
    auto plain = client_.get("/v1/edges", {{"Origin", "https://dash.example"}});
    EXPECT_TRUE(plain.header(http::field::access_control_allow_origin).empty());
}

TEST_F(ApiRead, StaticFilesStayInsideTheWebRoot) {
    for (const std::string target : {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/node_modules/../../CMakeLists.txt",
                                     "/.git/config", "/%2e%2e%2fCMakeLists.txt"}) {
        auto reply = get(target);
        EXPECT_TRUE(reply.status == 400u || reply.status == 404u) << target << " -> " << reply.status;
        EXPECT_EQ(reply.body.find("cmake_minimum_required"), std::string::npos) << target;
    }
    auto lock = get("/package.json");
    if (std::filesystem::exists(std::filesystem::path(PARLEY_SOURCE_DIR) / "web/package.json")) {
        EXPECT_EQ(lock.status, 200u);
        EXPECT_EQ(lock.header(http::field::content_type), "application/json");
        EXPECT_EQ(client_.get("/package.json", {{"If-None-Match", lock.header(http::field::etag)}}).status, 304u);
    }
    if (std::filesystem::exists(std::filesystem::path(PARLEY_SOURCE_DIR) / "web/index.html")) {
        auto index = get("/");
        EXPECT_EQ(index.status, 200u);
        EXPECT_EQ(index.header(http::field::content_type), "text/html; charset=utf-8");
    }
    EXPECT_EQ(client_.request(http::verb::post, "/index.html", "{}").status, 404u);
}

}  // namespace
}  // namespace parley::testing
