// Quotations of an article and who speaks them.
#include <algorithm>

#include "ingest/article_run.hpp"

namespace parley::ingest::detail {

// ------------------------------------------------------------------------------------------------ quotes

// Quotation spans of the article and who speaks them: '"...," X said', 'X said: "..."'.
void ArticleRun::find_quotes() {
    quote_speaker_.assign(toks_.size(), none);
    in_quote_.assign(toks_.size(), false);
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t open = 0;
    bool inside = false;
    for (std::size_t i = 0; i < toks_.size(); ++i) {
        if (key(i) != "\"") continue;
        if (!inside) open = i;
        else spans.emplace_back(open, i);
        inside = !inside;
    }
    std::vector<int> actor_at(toks_.size() + 1, none);  // node of a named mention starting at a token
    for (const auto& s : sentences_)
        for (const auto& m : s.mentions)
            if (!m.nodes.empty() && m.pronoun.empty()) actor_at[m.b] = m.nodes[0];
    auto mention_near = [&](std::size_t from, std::size_t to) -> int {
        for (std::size_t k = from; k < to && k < toks_.size(); ++k)
            if (actor_at[k] != none) return actor_at[k];
        return none;
    };
    auto is_report = [&](std::size_t i) {
        return key(i) == "said" || key(i) == "says" || key(i) == "added" || key(i) == "told" || key(i) == "stated" ||
               key(i) == "wrote" || key(i) == "declared";
    };
    for (auto [b, e] : spans) {
        int speaker = none;
        // after: ", X said" / ", said X" (not after a quote that ends its sentence: '... WITH US."')
        const bool closed = e > b + 1 && key(e - 1) == ".";
        for (std::size_t k = e + 1; !closed && k < toks_.size() && k < e + 14; ++k) {
            if (is_report(k)) {
                speaker = mention_near(e + 1, k);
                for (std::size_t q = e + 1; q < k && speaker == none; ++q)
                    if (is_at(W::person_pronoun_subject, q)) speaker = pronoun_speaker;
                if (speaker == none && k + 1 < toks_.size() && actor_at[k + 1] != none) speaker = actor_at[k + 1];
                break;
            }
            if (key(k) == "." || key(k) == "\"") break;
        }
        // before: "X said: " / "X said, "
        if (speaker == none) {
            for (std::size_t k = b; k-- > 0 && k + 14 > b;) {
                if (is_report(k)) {
                    // the nearest actor before the verb: "In a post on Truth Social, Trump said:" is Trump's
                    for (std::size_t q = k; q-- > 0 && q + 12 > k && speaker == none;) {
                        if (key(q) == "." || key(q) == "\"") break;
                        speaker = actor_at[q];
                    }
                    break;
                }
                if (key(k) == "\"" ) break;
            }
        }
        for (std::size_t k = b; k <= e; ++k) {
            in_quote_[k] = true;
            quote_speaker_[k] = speaker;
        }
    }
}

}  // namespace parley::ingest::detail
