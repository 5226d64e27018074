#include "ingest/extractor.hpp"

#include <algorithm>
#include <cstdlib>

#include "ingest/article_run.hpp"

namespace parley::ingest {
namespace detail {

ArticleGraph ArticleRun::run() {
    norm_ = normalize_text(article_.text);
    toks_ = tokenize(norm_.text);
    d_.vocabulary.assign(toks_);
    if (article_.published.size() >= 4) year_ = article_.published.substr(0, 4);
    const auto spans = split_sentences(toks_, d_.word_class("abbreviation"));
    consumed_.assign(toks_.size() + 1, false);
    actor_memo_.assign(toks_.size(), {});
    title_memo_.assign(toks_.size(), {});
    sentences_.reserve(spans.size());
    for (const auto& sp : spans) {
        SentenceData s;
        s.first = sp.first;
        s.last = sp.last;
        sentences_.push_back(std::move(s));
    }
    for (auto& s : sentences_) {
        find_mentions(s);
        find_spans(s);
    }
    find_quotes();
    person_order_.clear();
    for (std::size_t i = 0; i < sentences_.size(); ++i) {
        auto& s = sentences_[i];
        for (const auto& m : s.mentions)
            if (m.pronoun.empty())
                for (int n : m.nodes)
                    if (nodes_[n].is_person) person_order_.push_back(n);
        relations(i, s);
    }

    // Output: every actor node seen, proposals that take part in an edge, represents edges.
    ArticleGraph g;
    std::vector<int> out_id(nodes_.size(), none);
    std::vector<bool> used(nodes_.size(), false);
    for (const auto& e : edges_) {
        used[std::stoi(e.source)] = true;
        used[std::stoi(e.target)] = true;
    }
    for (std::size_t n = 0; n < nodes_.size(); ++n)
        if (nodes_[n].is_person)
            for (const auto& o : nodes_[n].offices) used[o.first] = true;
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
        const auto& r = nodes_[n];
        if (r.node.kind == "proposal" && !used[n]) continue;
        if (r.node.kind == "location" && !used[n]) {
            // venues are kept as location nodes so the graph shows where things happened
        }
        out_id[n] = static_cast<int>(g.nodes.size()) + 1;
        Node node = r.node;
        node.id = "n" + std::to_string(out_id[n]);
        if (r.is_person && node.aliases.empty())
            if (auto last_name = short_name(node.name); !last_name.empty()) node.aliases.push_back(last_name);
        g.nodes.push_back(std::move(node));
    }
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
        if (!nodes_[n].is_person || out_id[n] == none) continue;
        for (const auto& [owner, title] : nodes_[n].offices) {
            if (out_id[owner] == none) continue;
            Edge e;
            e.source = "n" + std::to_string(out_id[n]);
            e.relation = "represents";
            e.target = "n" + std::to_string(out_id[owner]);
            e.title = title;
            e.date = article_.published;
            g.edges.push_back(std::move(e));
        }
    }
    for (auto& e : edges_) {
        e.source = "n" + std::to_string(out_id[std::stoi(e.source)]);
        e.target = "n" + std::to_string(out_id[std::stoi(e.target)]);
        g.edges.push_back(std::move(e));
    }
    return g;
}

}  // namespace detail

using detail::ArticleRun;
using detail::word_class_count;
using detail::word_class_names;

Extractor::Extractor(std::shared_ptr<const Dictionaries> dictionaries)
    : dictionaries_(std::move(dictionaries)),
      class_bits_(std::make_shared<std::vector<std::uint32_t>>(dictionaries_->vocabulary.size() + 1, 0u)) {
    static_assert(word_class_count <= 32, "word classes are bits of a 32-bit mask");
    for (int c = 0; c < word_class_count; ++c)
        for (const auto& word : dictionaries_->word_class(word_class_names[c]))
            if (const auto id = dictionaries_->vocabulary.find(word)) (*class_bits_)[id] |= 1u << c;
}

Result<Extractor> Extractor::load(const std::filesystem::path& dictionaries_dir) {
    auto dictionaries = load_dictionaries(dictionaries_dir);
    if (!dictionaries) return dictionaries.error();
    return Extractor(std::make_shared<const Dictionaries>(std::move(dictionaries).value()));
}

ArticleGraph Extractor::extract(const Article& article) const {
    ArticleRun run(*dictionaries_, *class_bits_, article, false);
    return run.run();
}

std::string Extractor::explain(const Article& article) const {
    ArticleRun run(*dictionaries_, *class_bits_, article, true);
    auto graph = run.run();
    std::ostringstream out;
    out << run.explanation();
    out << "-- " << graph.nodes.size() << " nodes, " << graph.edges.size() << " edges\n";
    return out.str();
}

std::filesystem::path default_dictionaries_dir() {
    if (const char* env = std::getenv("PARLEY_DICTIONARIES"); env && *env) return env;
    return PARLEY_DICTIONARIES_DIR;
}

}  // namespace parley::ingest
