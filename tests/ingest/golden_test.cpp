// Golden files (TABARI-style validation records): tests/golden/*.json hold an article text written for the
// project and the edges it must give, extracted with the project's real dictionaries. They assert.
// Format: {"published", "text", "expect": [{"s", "r", "o" | {"proposal": TYPE}, "negated"?}], "exact"?: bool}
// With "exact": true no other event edge may appear (traps use an empty "expect").

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ingest/extractor.hpp"

namespace parley::ingest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string describe(const ArticleGraph& g, const Edge& e) {
    auto name = [&](const std::string& id) {
        for (const auto& n : g.nodes)
            if (n.id == id) return n.kind == "proposal" ? "proposal:" + n.type : n.name;
        return id;
    };
    return name(e.source) + (e.negated ? " NOT " : " ") + e.relation + " " + name(e.target);
}

bool matches(const ArticleGraph& g, const Edge& e, const json& want) {
    if (e.relation != want.at("r").get<std::string>() || e.negated != want.value("negated", false)) return false;
    auto node = [&](const std::string& id) -> const Node* {
        for (const auto& n : g.nodes)
            if (n.id == id) return &n;
        return nullptr;
    };
    auto fits = [&](const Node* n, const json& spec) {
        if (!n) return false;
        if (spec.is_object()) return n->kind == "proposal" && n->type == spec.at("proposal").get<std::string>();
        return n->name == spec.get<std::string>();
    };
    const Node* s = node(e.source);
    const Node* t = node(e.target);
    const bool symmetric = e.relation == "met" || e.relation == "called";
    return (fits(s, want.at("s")) && fits(t, want.at("o"))) ||
           (symmetric && fits(t, want.at("s")) && fits(s, want.at("o")));
}

TEST(Golden, ArticlesGiveTheirExpectedEdges) {
    const fs::path dir = fs::path(PARLEY_SOURCE_DIR) / "tests" / "golden";
    auto extractor = Extractor::load(fs::path(PARLEY_SOURCE_DIR) / "dictionaries");
    ASSERT_TRUE(extractor.ok()) << extractor.error().message;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 10u);
    for (const auto& file : files) {
        SCOPED_TRACE(file.filename().string());
        std::ifstream in(file);
        std::stringstream buf;
        buf << in.rdbuf();
        const json gold = json::parse(buf.str());
        Article a;
        a.published = gold.value("published", "");
        a.text = gold.at("text").get<std::string>();
        const ArticleGraph g = extractor->extract(a);
        std::vector<bool> used(g.edges.size(), false);
        for (const auto& want : gold.at("expect")) {
            bool found = false;
            for (std::size_t i = 0; i < g.edges.size(); ++i)
                if (matches(g, g.edges[i], want)) found = used[i] = true;
            EXPECT_TRUE(found) << "missing: " << want.dump() << "\n" << extractor->explain(a);
        }
        if (gold.value("exact", false)) {
            for (std::size_t i = 0; i < g.edges.size(); ++i)
                if (!used[i] && g.edges[i].relation != "represents")
                    ADD_FAILURE() << "unexpected: " << describe(g, g.edges[i]) << "\n" << extractor->explain(a);
        }
    }
}

}  // namespace
}  // namespace parley::ingest
