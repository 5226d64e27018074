#pragma once
// The known corpus of the server tests: five short articles in our own words, each with a hand-built
// ArticleGraph, ingested through graph::GraphWriter so the API tests do not depend on extraction quality.
// Each edge's evidence is the sentence of the article that states it (offsets computed from the text).

#include <string>
#include <vector>

#include "ingest/article.hpp"
#include "ingest/article_graph.hpp"

namespace parley::testing {

struct CorpusArticle {
    ingest::Article article;
    ingest::ArticleGraph graph;
};

namespace detail {

struct EdgeSpec {
    std::string source;  // node ids local to the article
    std::string relation;
    std::string target;
    int sentence = 0;
    std::string modality = "asserted";
    bool negated = false;
    std::string title;
    std::string date;  // empty: the article's date
};

inline CorpusArticle make_article(std::string n, std::string outlet, std::string date, std::string title,
                                  std::vector<std::string> sentences, std::vector<ingest::Node> nodes,
                                  std::vector<EdgeSpec> edges) {
    CorpusArticle out;
    auto& a = out.article;
    a.id = "srv-" + n;
    a.url = "https://" + outlet + "/parley-test/" + n;
    a.source = outlet;
    a.published = date;
    a.title = title;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const auto& sentence : sentences) {
        if (!a.text.empty()) a.text += ' ';
        spans.emplace_back(a.text.size(), a.text.size() + sentence.size());
        a.text += sentence;
    }
    out.graph.nodes = std::move(nodes);
    for (const auto& spec : edges) {
        ingest::Edge edge;
        edge.source = spec.source;
        edge.relation = spec.relation;
        edge.target = spec.target;
        edge.title = spec.title;
        edge.negated = spec.negated;
        edge.modality = spec.modality;
        edge.date = spec.date.empty() ? date : spec.date;
        edge.evidence.sentence = spec.sentence;
        edge.evidence.start = spans[spec.sentence].first;
        edge.evidence.end = spans[spec.sentence].second;
        edge.evidence.text = sentences[spec.sentence];
        out.graph.edges.push_back(std::move(edge));
    }
    return out;
}

inline ingest::Node node(std::string id, std::string kind, std::string name, std::vector<std::string> aliases = {},
                         std::string type = {}) {
    ingest::Node n;
    n.id = std::move(id);
    n.kind = std::move(kind);
    n.name = std::move(name);
    n.aliases = std::move(aliases);
    n.type = std::move(type);
    return n;
}

}  // namespace detail

// Facts, by (source, relation, target), with the article(s) stating them:
//   United States proposed 30-day ceasefire (1)     Ukraine accepted 30-day ceasefire (1)
//   Donald Trump represents United States (2, 5)    Vladimir Putin represents Russia (2)
//   Donald Trump called Vladimir Putin (2)          Vladimir Putin rejected 30-day ceasefire (2)
//   Vladimir Putin proposed energy strike pause (2) Volodymyr Zelenskyy represents Ukraine (3)
//   Russia met Ukraine (3)                          Volodymyr Zelenskyy demanded 30-day ceasefire (3)
//   Russia proposed direct talks in Istanbul (3, future)
//   European Union welcomed direct talks in Istanbul (4)   Russia rejected direct talks (4, negated, reported)
//   Pope Leo XIV proposed Vatican peace talks (5)
//   Donald Trump welcomed Vatican peace talks (5)
inline std::vector<CorpusArticle> server_corpus() {
    using detail::node;
    std::vector<CorpusArticle> out;
    out.push_back(detail::make_article(
        "1", "wire.example", "2025-03-11", "Washington puts a month-long truce on the table",
        {"Washington proposed a 30-day ceasefire during the meeting in Jeddah.",
         "Kyiv accepted the 30-day ceasefire the same evening."},
        {node("n1", "state", "United States", {"Washington"}), node("n2", "state", "Ukraine", {"Kyiv"}),
         node("n3", "proposal", "30-day ceasefire", {"the 30-day ceasefire"}, "ceasefire")},
        {{"n1", "proposed", "n3", 0}, {"n2", "accepted", "n3", 1}}));
    out.push_back(detail::make_article(
        "2", "news.example", "2025-03-18", "Trump and Putin speak for two hours",
        {"U.S. President Donald Trump called Russian President Vladimir Putin on Tuesday.",
         "Putin rejected the 30-day ceasefire but offered a pause in strikes on energy sites."},
        {node("n1", "person", "Donald Trump", {"Trump"}), node("n2", "state", "United States", {"U.S."}),
         node("n3", "person", "Vladimir Putin", {"Putin"}), node("n4", "state", "Russia"),
         node("n5", "proposal", "30-day ceasefire", {}, "ceasefire"),
         node("n6", "proposal", "energy strike pause", {"pause in strikes on energy sites"}, "ceasefire")},
        {{"n1", "represents", "n2", 0, "asserted", false, "President"},
         {"n3", "represents", "n4", 0, "asserted", false, "President"},
         {"n1", "called", "n3", 0},
         {"n3", "rejected", "n5", 1},
         {"n3", "proposed", "n6", 1}}));
    out.push_back(detail::make_article(
        "3", "wire.example", "2025-05-16", "Delegations sit down in Istanbul",
        {"Russian and Ukrainian delegations met in Istanbul on Friday.",
         "President Volodymyr Zelenskyy of Ukraine demanded a 30-day ceasefire before any further round.",
         "Moscow said it will propose direct talks in Istanbul again next week."},
        {node("n1", "state", "Russia", {"Moscow"}), node("n2", "state", "Ukraine"),
         node("n3", "person", "Volodymyr Zelenskyy", {"Zelensky"}),
         node("n4", "proposal", "30-day ceasefire", {}, "ceasefire"),
         node("n5", "proposal", "direct talks in Istanbul", {}, "peace_talks")},
        {{"n1", "met", "n2", 0},
         {"n3", "represents", "n2", 1, "asserted", false, "President"},
         {"n3", "demanded", "n4", 1},
         {"n1", "proposed", "n5", 2, "future"}}));
    out.push_back(detail::make_article(
        "4", "news.example", "2025-05-20", "Brussels backs the Istanbul format",
        {"The European Union welcomed the direct talks in Istanbul.",
         "Officials said Russia did not reject the talks outright."},
        {node("n1", "organization", "European Union", {"EU"}),
         node("n2", "proposal", "direct talks in Istanbul", {}, "peace_talks"), node("n3", "state", "Russia")},
        {{"n1", "welcomed", "n2", 0}, {"n3", "rejected", "n2", 1, "reported", true}}));
    out.push_back(detail::make_article(
        "5", "daily.example", "2025-05-23", "The Vatican offers its halls",
        {"Pope Leo XIV offered to host peace talks at the Vatican.",
         "President Donald Trump welcomed the Vatican peace talks offer."},
        {node("n1", "person", "Pope Leo XIV", {"Pope Leo"}), node("n2", "proposal", "Vatican peace talks", {}, "peace_talks"),
         node("n3", "person", "Donald Trump"), node("n4", "state", "United States")},
        {{"n1", "proposed", "n2", 0},
         {"n3", "represents", "n4", 1, "asserted", false, "President"},
         {"n3", "welcomed", "n2", 1}}));
    return out;
}

}  // namespace parley::testing
