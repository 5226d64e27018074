// Every export format rendered from one slice full of hostile text, then parsed back by the tool its
// users load it with (xmllint for GraphML/GEXF, Graphviz dot, unzip and libzip for the bundles) or by
// a reader written here (RFC 4180 CSV). The tools come from scripts/setup.sh; a missing tool fails.

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zip.h>

#include "graph/export.hpp"

namespace parley::graph {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Names and sentences that break naive escaping in at least one format.
const std::string nasty_name = "Tom \"The Hammer\" O'Neil <&> \\ ; , Zelens\xca\xb9kyy \xe2\x80\x94 \xe6\x9d\x8e";
const std::string nasty_sentence =
    "He said, \"no\" & <b>never</b>;\nthen\r\nleft\ta\x01\x1f note \xf0\x9f\x95\x8a\xef\xb8\x8f, \"\"twice\"\".";

GraphSlice sample_slice() {
    GraphSlice s;
    s.nodes = {
        {1, "person", "Vladimir Putin", "", json::object(), {"Putin", "V. Putin"}, "2025-05-10", "2025-05-16"},
        {2, "state", "Ukraine", "", json::object(), {"Kyiv"}, "2025-05-10", "2025-05-16"},
        {3, "proposal", "30-day unconditional ceasefire", "ceasefire",
         json{{"duration_days", 30}, {"unconditional", true}, {"parties", {"Russia", "Ukraine"}}}, {}, "2025-05-10",
         "2025-05-12"},
        {4, "person", nasty_name, "", json::object(), {"a;b", "x,y"}, "", ""},
        {5, "organization", "European Union", "", json::object(), {}, "2025-05-11", "not-a-date"},
    };
    s.edges = {
        {10, 1, "rejected", 3, false, "", 3, 3, "2025-05-10", "2025-05-12"},
        {11, 5, "proposed", 3, false, "", 1, 1, "2025-05-11", "2025-05-11"},
        {12, 1, "met", 2, true, "", 1, 1, "2025-05-16", "2025-05-16"},
        {13, 4, "criticized", 1, false, "", 2, 1, "", ""},
        {14, 4, "represents", 2, false, "Envoy \"special\"\t<acting>\nsecond", 1, 1, "2025-05-16", "2025-05-16"},
    };
    s.evidence = {
        {100, 10, 7, 2, 120, 180, "Putin rejected the 30-day ceasefire.", "asserted", "2025-05-10", "Kremlin says no",
         "https://example.org/a?x=1&y=2", "Example News"},
        {101, 13, 8, 0, 0, 99, nasty_sentence, "reported", "2025-05-12", "Title, with \"quotes\"",
         "https://example.org/b", "Outlet \xc3\xa9"},
    };
    return s;
}

std::string render_body(std::string_view format, const GraphSlice& slice = sample_slice()) {
    auto out = render_export(format, slice, ExportMeta{7, "2026-11-30T06:00:00Z", json{{"relation", {"rejected"}}}});
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
    return out.ok() ? out->body : std::string();
}

// A scratch folder per test, removed afterwards.
class ExportFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("parley-export-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path write(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }

    fs::path dir_;
};

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr together
};

Run run(const std::string& command) {
    Run r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string xpath(const fs::path& file, const std::string& expression) {
    const auto r = run("xmllint --xpath \"" + expression + "\" '" + file.string() + "'");
    EXPECT_EQ(r.status, 0) << "xmllint --xpath " << expression << ": " << r.output;
    return r.output.ends_with('\n') ? r.output.substr(0, r.output.size() - 1) : r.output;  // xmllint adds one
}

// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, embedded CR/LF allowed.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    bool at_field_start = true;
    while (i < text.size()) {
        const char c = text[i];
        if (at_field_start && c == '"') {
            ++i;
            while (true) {
                if (i >= text.size()) throw std::runtime_error("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            at_field_start = false;
            continue;
        }
        if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            at_field_start = true;
            ++i;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            at_field_start = true;
            i += 2;
        } else if (c == '"' || c == '\r' || c == '\n') {
            throw std::runtime_error("bare quote or line break in an unquoted field at byte " + std::to_string(i));
        } else {
            field += c;
            at_field_start = false;
            ++i;
        }
    }
    if (!row.empty() || !field.empty()) throw std::runtime_error("last record lacks CRLF");
    return rows;
}

// Entry name -> content, read with libzip.
std::map<std::string, std::string> read_zip(const std::string& bytes) {
    std::map<std::string, std::string> entries;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
    if (!archive) {
        ADD_FAILURE() << "not a zip: " << zip_error_strerror(&error);
        if (source) zip_source_free(source);
        zip_error_fini(&error);
        return entries;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
        std::string content(static_cast<std::size_t>(st.size), '\0');
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        EXPECT_NE(file, nullptr);
        if (!file) continue;
        EXPECT_EQ(zip_fread(file, content.data(), content.size()), static_cast<zip_int64_t>(st.size));
        zip_fclose(file);
        entries[st.name] = std::move(content);
    }
    zip_close(archive);
    zip_error_fini(&error);
    return entries;
}

// Column name -> index in a header row.
std::map<std::string, std::size_t> columns(const std::vector<std::string>& header) {
    std::map<std::string, std::size_t> out;
    for (std::size_t i = 0; i < header.size(); ++i) out[header[i]] = i;
    return out;
}

TEST(Export, FormatsAreListedAndAnUnknownOneNamesThem) {
    EXPECT_EQ(export_formats(), (std::vector<std::string>{"json", "cytoscape", "graphml", "gexf", "dot", "csv", "neo4j"}));
    auto bad = render_export("xlsx\"<script>", sample_slice());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
    for (const auto& name : export_formats()) EXPECT_NE(bad.error().message.find(name), std::string::npos) << name;
}

TEST(Export, ContentTypesAndFilenames) {
    const std::map<std::string, std::pair<std::string, std::string>> expected{
        {"json", {"application/json", "parley-graph.json"}},
        {"cytoscape", {"application/json", "parley-graph.cyjs"}},
        {"graphml", {"application/graphml+xml", "parley-graph.graphml"}},
        {"gexf", {"application/gexf+xml", "parley-graph.gexf"}},
        {"dot", {"text/vnd.graphviz; charset=utf-8", "parley-graph.dot"}},
        {"csv", {"application/zip", "parley-graph-csv.zip"}},
        {"neo4j", {"application/zip", "parley-graph-neo4j.zip"}},
    };
    for (const auto& [format, want] : expected) {
        auto out = render_export(format, sample_slice());
        ASSERT_TRUE(out.ok()) << format;
        EXPECT_EQ(out->content_type, want.first) << format;
        EXPECT_EQ(out->filename, want.second) << format;
        EXPECT_FALSE(out->body.empty()) << format;
    }
}

TEST(Export, EveryFormatIsDeterministic) {
    for (const auto& format : export_formats()) EXPECT_EQ(render_body(format), render_body(format)) << format;
}

TEST(Export, CanonicalJsonRoundTrips) {
    const auto doc = json::parse(render_body("json"));
    EXPECT_EQ(doc["graph"]["revision"], 7);
    EXPECT_EQ(doc["graph"]["filters"]["relation"][0], "rejected");
    ASSERT_EQ(doc["nodes"].size(), 5u);
    ASSERT_EQ(doc["edges"].size(), 5u);
    ASSERT_EQ(doc["evidence"].size(), 2u);
    EXPECT_EQ(doc["nodes"][3]["name"], nasty_name);
    EXPECT_EQ(doc["nodes"][2]["attributes"]["duration_days"], 30);
    EXPECT_EQ(doc["nodes"][0]["degree"], 3);           // rejected, met, criticized
    EXPECT_EQ(doc["nodes"][0]["mention_count"], 6);    // 3 + 1 + 2
    EXPECT_TRUE(doc["nodes"][3]["first_seen"].is_null());
    EXPECT_EQ(doc["edges"][0]["evidence_ids"], json::array({100}));
    EXPECT_EQ(doc["evidence"][1]["sentence"], nasty_sentence);
    EXPECT_EQ(doc["evidence"][0]["article"]["url"], "https://example.org/a?x=1&y=2");
}

TEST(Export, InvalidUtf8IsReplacedNotThrown) {
    auto slice = sample_slice();
    slice.nodes[0].name = "bad \xff\xfe byte \xc3";
    for (const auto& format : export_formats()) {
        auto out = render_export(format, slice);
        ASSERT_TRUE(out.ok()) << format;
    }
    EXPECT_EQ(json::parse(render_body("json", slice))["nodes"][0]["name"], "bad \xef\xbf\xbd\xef\xbf\xbd byte \xef\xbf\xbd");
}

TEST(Export, CytoscapeElementsReferenceTheirNodes) {
    const auto doc = json::parse(render_body("cytoscape"));
    const auto& nodes = doc["elements"]["nodes"];
    const auto& edges = doc["elements"]["edges"];
    ASSERT_EQ(nodes.size(), 5u);
    ASSERT_EQ(edges.size(), 5u);
    std::set<std::string> ids;
    for (const auto& n : nodes) ids.insert(n["data"]["id"].get<std::string>());
    for (const auto& e : edges) {
        EXPECT_TRUE(ids.count(e["data"]["source"])) << e.dump();
        EXPECT_TRUE(ids.count(e["data"]["target"])) << e.dump();
        EXPECT_TRUE(ids.insert(e["data"]["id"].get<std::string>()).second) << "element ids must be unique";
    }
    EXPECT_EQ(nodes[2]["data"]["attr_duration_days"], 30);
    EXPECT_EQ(nodes[2]["data"]["attr_parties"], json::array({"Russia", "Ukraine"}));
    EXPECT_EQ(edges[0]["data"]["relation_group"], "opposition");
    EXPECT_EQ(edges[2]["data"]["label"], "not met");
    EXPECT_EQ(edges[0]["data"]["edge_id"], 10);
}

TEST_F(ExportFiles, GraphmlIsWellFormedWithTypedKeys) {
    const auto file = write("g.graphml", render_body("graphml"));
    const auto check = run("xmllint --noout '" + file.string() + "'");
    ASSERT_EQ(check.status, 0) << check.output;
    EXPECT_EQ(xpath(file, "namespace-uri(/*)"), "http://graphml.graphdrawing.org/xmlns");
    EXPECT_EQ(xpath(file, "local-name(/*)"), "graphml");
    EXPECT_EQ(xpath(file, "count(//*[local-name()='node'])"), "5");
    EXPECT_EQ(xpath(file, "count(//*[local-name()='edge'])"), "5");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='graph']/@edgedefault)"), "directed");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='key'][@id='edge_mention_count']/@attr.type)"), "long");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='key'][@id='edge_negated']/@attr.type)"), "boolean");
    // The hostile name survives escaping: xmllint returns it decoded.
    EXPECT_EQ(xpath(file, "string(//*[local-name()='node'][@id='n4']/*[@key='node_name'])"), nasty_name);
}

TEST_F(ExportFiles, GexfIsDynamicWithEdgeIntervals) {
    const auto file = write("g.gexf", render_body("gexf"));
    const auto check = run("xmllint --noout '" + file.string() + "'");
    ASSERT_EQ(check.status, 0) << check.output;
    EXPECT_EQ(xpath(file, "namespace-uri(/*)"), "http://gexf.net/1.3");
    EXPECT_EQ(xpath(file, "string(/*/@version)"), "1.3");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='graph']/@mode)"), "dynamic");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='graph']/@timeformat)"), "date");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='graph']/@defaultedgetype)"), "directed");
    EXPECT_EQ(xpath(file, "count(//*[local-name()='node'])"), "5");
    EXPECT_EQ(xpath(file, "count(//*[local-name()='edge'])"), "5");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='edge'][@id='e10']/@start)"), "2025-05-10");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='edge'][@id='e10']/@end)"), "2025-05-12");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='edge'][@id='e10']/@weight)"), "3");
    // An undated fact is always present; a malformed date is left out rather than breaking the import.
    EXPECT_EQ(xpath(file, "count(//*[local-name()='edge'][@id='e13']/@start)"), "0");
    EXPECT_EQ(xpath(file, "count(//*[local-name()='node'][@id='n5']/@end)"), "0");
    EXPECT_EQ(xpath(file, "string(//*[local-name()='node'][@id='n4']/@label)"), nasty_name);
    // Attribute values keep their tab and line breaks through attribute normalisation.
    EXPECT_EQ(xpath(file, "string(//*[local-name()='edge'][@id='e14']//*[@for='edge_title']/@value)"),
              "Envoy \"special\"\t<acting>\nsecond");
}

TEST_F(ExportFiles, DotIsAcceptedByGraphviz) {
    auto slice = sample_slice();
    slice.nodes[1].name = "ends with a backslash \\";
    slice.nodes[2].name = "line one\nline two \x07";
    const auto file = write("g.dot", render_body("dot", slice));
    const auto svg = run("dot -Tsvg '" + file.string() + "'");
    ASSERT_EQ(svg.status, 0) << svg.output;
    std::size_t nodes = 0;
    std::size_t edges = 0;
    for (std::size_t at = 0; (at = svg.output.find("class=\"node\"", at)) != std::string::npos; ++at) ++nodes;
    for (std::size_t at = 0; (at = svg.output.find("class=\"edge\"", at)) != std::string::npos; ++at) ++edges;
    EXPECT_EQ(nodes, 5u);
    EXPECT_EQ(edges, 5u);
    EXPECT_NE(svg.output.find("Tom &quot;The Hammer&quot; O&#39;Neil &lt;&amp;&gt; \\"), std::string::npos);
}

TEST_F(ExportFiles, CsvBundleRoundTrips) {
    const auto bytes = render_body("csv");
    const auto listing = run("unzip -l '" + write("g.zip", bytes).string() + "'");
    ASSERT_EQ(listing.status, 0) << listing.output;
    for (const auto* name : {"nodes.csv", "edges.csv", "evidence.csv"}) {
        EXPECT_NE(listing.output.find(name), std::string::npos) << listing.output;
    }
    const auto entries = read_zip(bytes);
    ASSERT_EQ(entries.size(), 3u);

    const auto nodes = parse_csv(entries.at("nodes.csv"));
    ASSERT_EQ(nodes.size(), 6u);
    auto col = columns(nodes[0]);
    EXPECT_EQ(nodes[4][col.at("name")], nasty_name);
    EXPECT_EQ(nodes[4][col.at("aliases")], "a,b;x,y");
    EXPECT_EQ(json::parse(nodes[3][col.at("attributes")])["unconditional"], true);

    const auto edges = parse_csv(entries.at("edges.csv"));
    ASSERT_EQ(edges.size(), 6u);
    col = columns(edges[0]);
    EXPECT_EQ(edges[4][col.at("source_name")], nasty_name);
    EXPECT_EQ(edges[5][col.at("title")], "Envoy \"special\"\t<acting>\nsecond");
    EXPECT_EQ(edges[3][col.at("negated")], "true");

    const auto evidence = parse_csv(entries.at("evidence.csv"));
    ASSERT_EQ(evidence.size(), 3u);
    col = columns(evidence[0]);
    EXPECT_EQ(evidence[2][col.at("sentence")], nasty_sentence);
    EXPECT_EQ(evidence[2][col.at("article_title")], "Title, with \"quotes\"");
    EXPECT_EQ(evidence[1][col.at("article_url")], "https://example.org/a?x=1&y=2");
    for (const auto& r : evidence) EXPECT_EQ(r.size(), evidence[0].size());
}

TEST_F(ExportFiles, Neo4jBundleHasImportHeaders) {
    const auto bytes = render_body("neo4j");
    const auto listing = run("unzip -l '" + write("n.zip", bytes).string() + "'");
    ASSERT_EQ(listing.status, 0) << listing.output;
    const auto entries = read_zip(bytes);
    for (const auto* name :
         {"entities.csv", "facts.csv", "articles.csv", "evidence.csv", "evidence_in_article.csv", "README.txt"}) {
        EXPECT_TRUE(entries.count(name)) << name;
        EXPECT_NE(listing.output.find(name), std::string::npos) << name;
    }
    const auto entities = parse_csv(entries.at("entities.csv"));
    ASSERT_EQ(entities.size(), 6u);
    auto col = columns(entities[0]);
    for (const auto* head : {"node_id:ID(Entity)", ":LABEL", "name", "aliases:string[]", "first_seen:date",
                             "mention_count:int", "degree:int"}) {
        EXPECT_TRUE(col.count(head)) << head;
    }
    EXPECT_EQ(entities[1][col.at(":LABEL")], "Entity;Person");
    EXPECT_EQ(entities[3][col.at(":LABEL")], "Entity;Proposal");
    EXPECT_EQ(entities[5][col.at("last_seen:date")], "");  // "not-a-date" would abort the import

    const auto facts = parse_csv(entries.at("facts.csv"));
    ASSERT_EQ(facts.size(), 6u);
    col = columns(facts[0]);
    for (const auto* head : {":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "edge_id:long", "negated:boolean",
                             "mention_count:int", "first_seen:date"}) {
        EXPECT_TRUE(col.count(head)) << head;
    }
    EXPECT_EQ(facts[1][col.at(":TYPE")], "REJECTED");
    EXPECT_EQ(facts[1][col.at(":START_ID(Entity)")], "1");
    EXPECT_EQ(facts[1][col.at(":END_ID(Entity)")], "3");

    // Every relationship endpoint is a node id in its id space.
    std::set<std::string> entity_ids;
    for (std::size_t i = 1; i < entities.size(); ++i) entity_ids.insert(entities[i][0]);
    for (std::size_t i = 1; i < facts.size(); ++i) {
        EXPECT_TRUE(entity_ids.count(facts[i][0]) && entity_ids.count(facts[i][1]));
    }
    const auto articles = parse_csv(entries.at("articles.csv"));
    EXPECT_EQ(articles.size(), 3u);
    const auto evidence = parse_csv(entries.at("evidence.csv"));
    ASSERT_EQ(evidence.size(), 3u);
    EXPECT_EQ(evidence[2][columns(evidence[0]).at("sentence")], nasty_sentence);
    EXPECT_EQ(parse_csv(entries.at("evidence_in_article.csv"))[1],
              (std::vector<std::string>{"100", "7", "IN_ARTICLE"}));
    EXPECT_NE(entries.at("README.txt").find("neo4j-admin database import full"), std::string::npos);
}

TEST(Export, EmptySliceRendersInEveryFormat) {
    for (const auto& format : export_formats()) {
        auto out = render_export(format, GraphSlice{});
        ASSERT_TRUE(out.ok()) << format << ": " << (out.ok() ? "" : out.error().message);
    }
    EXPECT_EQ(json::parse(render_body("cytoscape", GraphSlice{}))["elements"]["nodes"].size(), 0u);
}

}  // namespace
}  // namespace parley::graph
