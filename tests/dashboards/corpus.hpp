#pragma once
// The known corpus of the dashboard tests: four hand-built articles (our own sentences) as ArticleGraphs,
// so every number the aggregates report can be recomputed here from `corpus_facts()` alone, independent
// of extraction quality and of the SQL under test.

#include <string>
#include <vector>

#include "ingest/article.hpp"
#include "ingest/article_graph.hpp"

namespace parley::testing {

struct CorpusNode {
    std::string name;
    std::string kind;
    std::string type;  // proposals only
};

// One mention: which article states it, the fact and its evidence attributes.
struct CorpusFact {
    int article = 0;  // index into corpus_articles()
    CorpusNode source;
    std::string relation;
    CorpusNode target;
    std::string date;
    bool negated = false;
    std::string modality = "asserted";
    std::string title;  // `represents` only
};

inline std::vector<ingest::Article> corpus_articles() {
    auto article = [](std::string n, std::string outlet, std::string date, std::string title) {
        ingest::Article a;
        a.id = "a" + n;
        a.url = "https://" + outlet + "/story-" + n;
        a.source = outlet;
        a.published = date;
        a.title = title;
        a.text = title + ". Test sentence one. Test sentence two.";
        return a;
    };
    return {article("1", "example-news.org", "2025-05-10", "Leaders trade positions on a truce"),
            article("2", "wire.example", "2025-05-12", "Moscow floats direct talks"),
            article("3", "example-news.org", "2025-05-20", "Kremlin shifts, Brussels presses"),
            article("4", "wire.example", "2025-06-02", "Truce plan \"dead\", says Moscow, as talks go on")};
}

inline std::vector<CorpusFact> corpus_facts() {
    const CorpusNode trump{"Donald Trump", "person", ""};
    const CorpusNode putin{"Vladimir Putin", "person", ""};
    const CorpusNode zelenskyy{"Volodymyr Zelenskyy", "person", ""};
    const CorpusNode us{"United States", "state", ""};
    const CorpusNode russia{"Russia", "state", ""};
    const CorpusNode ukraine{"Ukraine", "state", ""};
    const CorpusNode eu{"European Union", "organization", ""};
    const CorpusNode truce{"30-day ceasefire", "proposal", "ceasefire"};
    const CorpusNode talks{"direct talks in Istanbul", "proposal", "peace_talks"};
    return {
        {0, trump, "represents", us, "2025-05-10", false, "asserted", "President"},
        {0, putin, "represents", russia, "2025-05-10", false, "asserted", "President"},
        {0, zelenskyy, "represents", ukraine, "2025-05-10", false, "asserted", "President"},
        {0, trump, "proposed", truce, "2025-05-10", false, "asserted", ""},
        {0, zelenskyy, "accepted", truce, "2025-05-10", false, "asserted", ""},
        {0, putin, "rejected", truce, "2025-05-10", false, "asserted", ""},
        {1, russia, "proposed", talks, "2025-05-12", false, "asserted", ""},
        {1, ukraine, "welcomed", talks, "2025-05-12", false, "asserted", ""},
        {1, trump, "called", putin, "2025-05-12", false, "asserted", ""},
        {1, trump, "proposed", truce, "2025-05-12", false, "asserted", ""},  // said again: a second mention of one fact
        {2, putin, "represents", russia, "2025-05-20", false, "asserted", "President"},
        {2, putin, "accepted", truce, "2025-05-20", false, "asserted", ""},  // the turn that makes a contradiction
        {2, eu, "demanded", truce, "2025-05-20", false, "asserted", ""},
        {2, eu, "criticized", russia, "2025-05-20", false, "asserted", ""},  // actor -> actor: not a stance on a proposal
        {2, zelenskyy, "rejected", talks, "2025-05-20", true, "asserted", ""},  // denied: never counted
        {2, ukraine, "accepted", talks, "2025-05-20", false, "conditional", ""},  // not yet a stance
        {3, russia, "rejected", truce, "2025-06-02", false, "asserted", ""},
        {3, trump, "met", zelenskyy, "2025-06-02", false, "asserted", ""},
        {3, ukraine, "welcomed", talks, "2025-06-02", false, "asserted", ""},
    };
}

// The ArticleGraph extraction would have produced for article `index`: nodes deduplicated by name.
inline ingest::ArticleGraph corpus_graph(int index) {
    ingest::ArticleGraph graph;
    auto node_id = [&graph](const CorpusNode& node) {
        for (const auto& n : graph.nodes)
            if (n.name == node.name) return n.id;
        ingest::Node n;
        n.id = "n" + std::to_string(graph.nodes.size() + 1);
        n.kind = node.kind;
        n.name = node.name;
        n.type = node.type;
        graph.nodes.push_back(n);
        return n.id;
    };
    int sentence = 0;
    for (const auto& fact : corpus_facts()) {
        if (fact.article != index) continue;
        ingest::Edge edge;
        edge.source = node_id(fact.source);
        edge.relation = fact.relation;
        edge.target = node_id(fact.target);
        edge.title = fact.title;
        edge.negated = fact.negated;
        edge.modality = fact.modality;
        edge.date = fact.date;
        edge.evidence.sentence = sentence;
        edge.evidence.text = fact.source.name + " " + fact.relation + " " + fact.target.name + ", sentence " +
                             std::to_string(sentence) + ", said \"someone\", in a test.";
        edge.evidence.start = 0;
        edge.evidence.end = 10;
        ++sentence;
        graph.edges.push_back(edge);
    }
    return graph;
}

}  // namespace parley::testing
