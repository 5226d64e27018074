// Spans of a sentence (relation cues, proposal phrases, markers, vetoes) and the proposal nodes they name.
#include <algorithm>

#include "ingest/article_run.hpp"

namespace parley::ingest::detail {

// ------------------------------------------------------------------------------------------------ proposals

nlohmann::json ArticleRun::proposal_attributes(const std::string& type, std::size_t b, std::size_t e,
                                               const SentenceData& s) {
    const std::size_t last = s.last;
    nlohmann::json attrs = nlohmann::json::object();
    static const std::map<std::string, int> numbers = {
        {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"ten", 10},
        {"fourteen", 14}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}, {"sixty", 60}, {"ninety", 90}};
    const std::size_t from = b >= 6 ? b - 6 : 0;
    const std::size_t to = std::min(last, e + 8);
    for (std::size_t i = from; i < to; ++i) {
        const std::string& k = key(i);
        if (k == "unconditional" || k == "unconditionally") attrs["unconditional"] = true;
        // "30-day", "one-month", "30-hour", "a 60 day"
        if (i + 2 < to && key(i + 1) == "-" &&
            (key(i + 2) == "day" || key(i + 2) == "days" || key(i + 2) == "month" || key(i + 2) == "week" ||
             key(i + 2) == "hour")) {
            int n = 0;
            if (auto it = numbers.find(k); it != numbers.end()) n = it->second;
            else if (!k.empty() && std::all_of(k.begin(), k.end(), ::isdigit) && k.size() < 5) n = std::atoi(k.c_str());
            if (n > 0) {
                const std::string& unit = key(i + 2);
                if (unit == "hour") attrs["duration_hours"] = n;
                else attrs["duration_days"] = unit == "month" ? n * 30 : unit == "week" ? n * 7 : n;
            }
        }
        if (i >= b && (k == "energy" || k == "infrastructure") && !attrs.contains("scope"))
            attrs["scope"] = "energy infrastructure";
        if (i >= b && (k == "sea" || k == "maritime" || k == "black") && type == "ceasefire" && !attrs.contains("scope"))
            attrs["scope"] = k == "black" ? "Black Sea" : "maritime";
    }
    // parties: "between A and B"; venue: "in X"; target: sanctions "on X"
    for (std::size_t i = e; i < to; ++i) {
        const std::string& k = key(i);
        if (k == "." || k == ";") break;
        const Mention* m = nullptr;
        for (auto& mm : s.mentions)
            if (mm.b == i + 1 || (mm.b == i + 2 && key(i + 1) == "the")) m = &mm;
        if (!m || m->nodes.empty()) continue;
        if (k == "between" && !attrs.contains("parties")) {
            nlohmann::json parties = nlohmann::json::array();
            parties.push_back(nodes_[m->nodes[0]].node.name);
            // the second party after "and"
            for (auto& mm : s.mentions)
                if (m->e < last && (mm.b == m->e + 1 || mm.b == m->e + 2) && key(m->e) == "and" && !mm.nodes.empty())
                    parties.push_back(nodes_[mm.nodes[0]].node.name);
            attrs["parties"] = parties;
        } else if ((k == "in" || k == "at") && !attrs.contains("venue")) {
            attrs["venue"] = nodes_[m->nodes[0]].node.name;
        } else if ((k == "on" || k == "against") && (type == "sanctions" || type == "tariffs") &&
                   !attrs.contains("target")) {
            attrs["target"] = nodes_[m->nodes[0]].node.name;
        }
    }
    return attrs;
}

// The node of a proposal mention: an earlier node of the same type unless the attributes differ
// ("the truce" after "a 30-day ceasefire" is the same measure; a 3-day one is another).
int ArticleRun::proposal_node(const std::string& type, std::size_t b, std::size_t e, std::size_t name_b,
                              std::size_t name_e, bool anaphoric, const SentenceData& s) {
    auto attrs = proposal_attributes(type, b, e, s);
    if (anaphoric && type == "other" && !proposal_recent_.empty()) {
        // "the agreement", "the deal" refer back to an agreement, not to aid, talks or sanctions mentioned since
        if (is_at(W::deal_noun, e - 1))
            for (auto it = proposal_recent_.rbegin(); it != proposal_recent_.rend(); ++it)
                if (!is(W::not_a_deal, nodes_[*it].node.type)) return *it;
        return proposal_recent_.back();
    }
    for (auto it = proposal_recent_.rbegin(); it != proposal_recent_.rend(); ++it) {
        NodeRec& r = nodes_[*it];
        if (r.node.type != type) continue;
        bool conflict = false;
        for (const char* k : {"duration_days", "duration_hours"})
            if (attrs.contains(k) && r.node.attributes.contains(k) && attrs[k] != r.node.attributes[k]) conflict = true;
        if (attrs.contains("duration_days") && !r.node.attributes.contains("duration_days") &&
            r.node.attributes.contains("duration_hours"))
            conflict = true;
        if (conflict) continue;
        for (auto& [k, v] : attrs.items())
            if (!r.node.attributes.contains(k)) r.node.attributes[k] = v;
        const auto alias = surface(b, e);
        if (alias != r.node.name && std::find(r.node.aliases.begin(), r.node.aliases.end(), alias) == r.node.aliases.end() &&
            r.node.aliases.size() < 8)
            r.node.aliases.push_back(alias);
        proposal_recent_.erase(std::next(it).base());
        const int id = static_cast<int>(&r - nodes_.data());
        proposal_recent_.push_back(id);
        return id;
    }
    NodeRec r;
    r.node.kind = "proposal";
    r.node.type = type;
    // "30-day unconditional ceasefire": the attributes the phrase does not already say, then the phrase
    std::string phrase = surface(name_b, name_e);
    if (phrase.size() > 80) phrase = phrase.substr(0, 80);
    const std::string folded = fold_key(phrase);
    std::string name;
    for (const char* unit : {"duration_days", "duration_hours"})
        if (attrs.contains(unit)) {
            const std::string n = std::to_string(attrs[unit].get<int>());
            if (folded.find(n) == std::string::npos)
                name += n + (std::string(unit) == "duration_days" ? "-day " : "-hour ");
        }
    if (attrs.contains("unconditional") && folded.find("unconditional") == std::string::npos) name += "unconditional ";
    r.node.name = name + phrase;
    r.node.attributes = attrs;
    const int id = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(r));
    proposal_recent_.push_back(id);
    return id;
}

// A generic head that can also be a verb ("demand", "offer", "call") is a noun after a determiner,
// a possessive or a noun; a verb after its subject, an auxiliary or "to".
bool ArticleRun::looks_like_noun(std::size_t i, const SentenceData& s) const {
    if (i == s.first) return true;
    const std::string& p = key(i - 1);
    if (p == "'s" || is(W::determiner, p) || is(W::possessive_pronoun, p)) return true;
    if (p == "to" || is(W::adverb, p) || p == "and" || p == "who" || p == "which" || p == "they" || p == "he" ||
        p == "she" || p == "we" || p == "i" || p == "it")
        return false;
    for (const auto& m : s.mentions)
        if (m.e == i) {
            // "the U.S. demand" (determiner before the actor) is a noun; "Ukraine demands" is a verb
            return m.b > s.first && (key(m.b - 1) == "the" || key(m.b - 1) == "a");
        }
    return toks_[i - 1].word;  // "ceasefire proposal", "new offer"
}

void ArticleRun::find_spans(SentenceData& s) {
    const std::size_t first = s.first, last = s.last;
    std::vector<bool> in_mention(last - first, false);
    for (const auto& m : s.mentions)
        for (std::size_t k = m.b; k < m.e && k < last; ++k) in_mention[k - first] = true;
    std::vector<Span> candidates;
    for (std::size_t i = first; i < last; ++i) {
        if (!toks_[i].word || in_mention[i - first]) continue;
        std::size_t best_cue = 0;
        std::uint32_t cue_id = 0;
        const std::vector<std::uint32_t>* alternatives = nullptr;
        d_.cue_trie.match(toks_, i, last, [&](std::size_t end, const std::vector<std::uint32_t>& p) {
            if (end > best_cue) best_cue = end, cue_id = p.front(), alternatives = &p;
        });
        if (best_cue) candidates.push_back({i, best_cue, Span::cue, cue_id, alternatives});
        std::size_t best_prop = 0;
        std::uint32_t prop_id = 0;
        d_.proposal_trie.match(toks_, i, last, [&](std::size_t end, const std::vector<std::uint32_t>& p) {
            // typed phrases beat generic heads of the same length
            for (auto id : p)
                if (end > best_prop || (end == best_prop && !d_.proposals[id].type.empty() &&
                                        d_.proposals[prop_id].type.empty()))
                    best_prop = end, prop_id = id;
        });
        if (best_prop) {
            const auto& pc = d_.proposals[prop_id];
            const bool verb_like = pc.type.empty() && !looks_like_noun(i, s);
            if (!verb_like) candidates.push_back({i, best_prop, Span::proposal, prop_id});
        }
        std::size_t best_marker = 0;
        std::uint32_t marker_id = 0;
        d_.marker_trie.match(toks_, i, last, [&](std::size_t end, const std::vector<std::uint32_t>& p) {
            if (end > best_marker) best_marker = end, marker_id = p.front();
        });
        if (best_marker) {
            const std::string& kind = d_.marker_kinds[marker_id];
            if (kind == "veto") candidates.push_back({i, best_marker, Span::veto, marker_id});
            else s.markers.push_back({i, best_marker, kind, marker_id});
            if (kind == "discard" && !s.discard) {
                s.discard = true;
                s.discard_why = d_.marker_patterns[marker_id];
            }
        }
    }
    // Longest first; at equal length a proposal beats a cue (the noun reading was already checked).
    std::stable_sort(candidates.begin(), candidates.end(), [](const Span& a, const Span& b) {
        if (a.e - a.b != b.e - b.b) return a.e - a.b > b.e - b.b;
        if (a.kind != b.kind) return a.kind == Span::veto || (a.kind == Span::proposal && b.kind == Span::cue);
        return a.b < b.b;
    });
    std::vector<bool> taken(last - first, false);
    std::vector<Span> chosen;
    for (const auto& c : candidates) {
        bool free = true;
        for (std::size_t k = c.b; k < c.e && free; ++k) free = !taken[k - first];
        if (!free) continue;
        for (std::size_t k = c.b; k < c.e; ++k) taken[k - first] = true;
        chosen.push_back(c);
    }
    std::sort(chosen.begin(), chosen.end(), [](const Span& a, const Span& b) { return a.b < b.b; });

    // Proposal mentions: join a generic head with a typed phrase next to it ("a proposal for a ceasefire",
    // "the ceasefire proposal"); a lone generic head is "other" when it is a proposal-like noun.
    std::vector<Span> props;
    for (const auto& c : chosen) {
        if (c.kind == Span::cue || c.kind == Span::veto) s.cues.push_back(c);
        else props.push_back(c);
    }
    std::vector<bool> used(props.size(), false);
    for (std::size_t p = 0; p < props.size(); ++p) {
        if (used[p]) continue;
        const ProposalCue& pc = d_.proposals[props[p].id];
        std::size_t b = props[p].b, e = props[p].e;
        std::string type = pc.type;
        std::string nominal = pc.nominal;
        bool generic = pc.type.empty();
        // the words that name the measure: "immediate 30-day ceasefire" of "a proposal for an immediate 30-day
        // ceasefire", "ceasefire" of "the ceasefire proposal"
        std::size_t name_b = b, name_e = e;
        if (p + 1 < props.size()) {
            const ProposalCue& nc = d_.proposals[props[p + 1].id];
            const std::size_t gap_b = e, gap_e = props[p + 1].b;
            bool linked = false;
            std::size_t link = gap_b;  // the linking word ("for", "to", ...)
            if (gap_b == gap_e) linked = generic != nc.type.empty();  // "ceasefire proposal", "proposal" "talks"
            else if (gap_e - gap_b <= 9 && (key(gap_b) == "for" || key(gap_b) == "to" || key(gap_b) == "of" ||
                                             key(gap_b) == "on" || key(gap_b) == "that" || key(gap_b) == "with"))
                linked = generic || nc.type.empty();
            else if (generic && gap_e - gap_b <= 16 && (key(gap_b) == "by" || key(gap_b) == "from"))
                // "the proposal by Trump's envoy, Steve Witkoff, for a temporary ceasefire", "a proposal by Putin
                // on Sunday to resume direct negotiations"
                for (std::size_t k = gap_b + 2; k < gap_e && !linked; ++k)
                    if ((key(k) == "for" && key(k - 1) == ",") || (key(k) == "to" && k + 1 < gap_e)) {
                        linked = true;
                        link = k;
                    }
            if (linked && generic && !nc.type.empty()) {
                name_b = gap_b == gap_e ? props[p + 1].b : link + 1;
                while (name_b < props[p + 1].b && (key(name_b) == "a" || key(name_b) == "an" || key(name_b) == "the"))
                    ++name_b;
                name_e = props[p + 1].e;
            } else if (linked && !generic && gap_b == gap_e) {
                name_e = e;  // "the ceasefire proposal" is named by its typed part
            }
            if (linked) {
                bool blocked = false;
                for (const auto& c : s.cues)
                    if (c.b >= gap_b && c.b < gap_e) blocked = true;
                if (!blocked) {
                    if (generic) type = nc.type;
                    if (nominal.empty()) nominal = nc.nominal;
                    e = props[p + 1].e;
                    used[p + 1] = true;
                    generic = type.empty();
                }
            }
        }
        // a possessed head is definite too: "Witkoff's proposal", "their plan" refer back like "the proposal"
        // "reached an agreement", "struck a deal": the deal the article is about
        const bool concluded = (b > first && is_at(W::deal_verb, b - 1)) ||
                               (b > first + 1 && (key(b - 1) == "a" || key(b - 1) == "an") && is_at(W::deal_verb, b - 2));
        const bool anaphoric = concluded ||
                               (b > first && (key(b - 1) == "the" || key(b - 1) == "this" || key(b - 1) == "that" ||
                                              key(b - 1) == "'s" || is_at(W::possessive_pronoun, b - 1)));
        if (generic) {
            if (nominal != "proposed" && !anaphoric) continue;  // "a deal", "a call" alone is no measure
            // "the demands" refers back; "a demand" alone is none, and "his call with Putin" is a phone call
            if (nominal == "demanded" && (!anaphoric || is_at(W::call_noun, e - 1))) continue;
            type = "other";
        }
        ProposalMention pm;
        pm.b = b;
        pm.e = e;
        pm.head_e = props[p].e;
        pm.nominal = nominal;
        pm.generic_only = generic;
        pm.node = proposal_node(type, b, e, name_b, name_e, generic && anaphoric, s);
        s.proposals.push_back(pm);
    }
    if (!proposal_recent_.empty()) s.latest_proposal = proposal_recent_.back();
}

}  // namespace parley::ingest::detail
