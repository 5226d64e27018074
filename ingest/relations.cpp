// The relation rules: from cues, nominal acts, mediator nouns and reported violations to edges.
#include <algorithm>

#include "ingest/article_run.hpp"

namespace parley::ingest::detail {

// "a call between Trump, Zelensky and other leaders including Macron and Meloni": the first-named party
// called each other one. The list runs over commas, "and" and "other leaders including".
void ArticleRun::calls_between(std::size_t index, SentenceData& s) {
    for (std::size_t i = s.first; i + 2 < s.last; ++i) {
        if (!is_at(W::call_noun, i) || key(i + 1) != "between") continue;
        std::vector<int> parties;
        std::size_t at = i + 2;
        for (const auto& m : s.mentions) {
            if (m.b < at) continue;
            // "between his Russian and US counterparts": the people are not named; leave it
            if (parties.empty() && is(W::possessive_pronoun, m.pronoun)) break;
            bool listed = m.b - at <= 7;
            for (std::size_t k = at; k < m.b && listed; ++k)
                listed = !toks_[k].word || key(k) == "and" || key(k) == "the" || key(k) == "other" ||
                         key(k) == "including" || is_at(W::plural_people, k) || key(k) == "world";
            if (!listed) break;
            if (!m.locative)
                for (int n : resolve(m, s))
                    if (std::find(parties.begin(), parties.end(), n) == parties.end()) parties.push_back(n);
            at = m.e;
        }
        for (std::size_t k = 1; k < parties.size(); ++k)
            emit(parties[0], "called", parties[k], false, modality_of(s, i), index, s, "call between");
    }
}

// Who reports the clause at token `at`: the speaker of its quotation, else the subject of a report verb
// before it ("Ishaq Dar tweeted, \"Pakistan and India have agreed to a ceasefire\"" -> Ishaq Dar), else, when
// `trailing`, the actor of an attribution after it ("Russia violated the truce, Kyiv said"). A third party
// that reports an agreement announces it (a trailing spokesman only describes it). News outlets report;
// they neither announce nor accuse.
std::vector<int> ArticleRun::reporters_of(SentenceData& s, std::size_t at, bool trailing) {
    std::vector<int> out;
    if (in_quote_[at]) {
        if (const int speaker = speaker_of_quote_at(at); speaker != none) out = {speaker};
    } else {
        for (const auto& m : s.markers)
            if (m.kind == "report" && m.b < at) {
                out = main_clause_subjects(s, m.b);
                break;
            }
        // a trailing attribution: "…, the European Union said" / "…, said Kremlin spokesman Dmitry Peskov"
        for (auto it = s.markers.rbegin(); trailing && it != s.markers.rend() && out.empty(); ++it) {
            if (it->kind != "report" || it->b <= at) continue;
            // the attribution's subject: "the European Union said", "Ukraine's general staff said"
            const Mention* before = mention_ending_before(s, it->b);
            bool adjacent = before && before->b > at && !before->locative;
            for (std::size_t k = adjacent ? before->e : it->b; adjacent && k < it->b; ++k)
                adjacent = toks_[k].word || key(k) == "'s";
            if (adjacent && it->b - before->e <= 4) out = resolve(*before, s);
            else if (const Mention* after = mention_at(s, it->e); after && after->b == it->e) out = resolve(*after, s);
        }
    }
    std::erase_if(out, [&](int n) { return is_press(n); });
    return out;
}

std::string ArticleRun::modality_of(const SentenceData& s, std::size_t b) const {
    const std::size_t from = b >= s.first + 5 ? b - 5 : s.first;
    if (marker_between(s, "conditional", b, s.last)) return "conditional";
    if (marker_between(s, "future", from, b)) return "future";
    if (marker_between(s, "report", s.first, s.last)) return "reported";
    return "asserted";
}

// Mediators named by a noun: "Omani mediators", "mediator Qatar", "mediators from Egypt and the US",
// "mediation by the US", "Qatar's mediation". They mediate the sentence's measure nearest to the noun.
void ArticleRun::mediators(std::size_t index, SentenceData& s) {
    for (const auto& m : s.mentions) {
        if (!m.pronoun.empty() || m.nodes.empty()) continue;
        std::size_t noun = s.last;  // the mediation noun's token
        std::vector<const Mention*> actors{&m};
        if (is_at(W::mediation, m.e - 1)) noun = m.e - 1;
        else if (is_at(W::mediation, m.b)) noun = m.b;
        else if (m.e < s.last && is_at(W::mediation, m.e)) noun = m.e;
        else if (m.e + 1 < s.last && key(m.e) == "'s" && is_at(W::mediation, m.e + 1)) noun = m.e + 1;
        else if (m.b > s.first && is_at(W::mediation, m.b - 1)) noun = m.b - 1;
        else {
            std::size_t k = m.b;
            if (k > s.first && key(k - 1) == "the") --k;
            if (k >= s.first + 2 && (key(k - 1) == "by" || key(k - 1) == "from" || key(k - 1) == "of") &&
                is_at(W::mediation, k - 2)) {
                noun = k - 2;
                actors = coordinated(s, &m, false);
            }
        }
        // a place is a mediator only after "mediators from": "mediators from the United States and Egypt"
        if (noun == s.last || (m.locative && !(noun < m.b && key(noun + 1) == "from"))) continue;
        // "Trump's mediation offer", "a proposal for a mediation by the US": offered, not done
        bool offered = false;
        for (const auto& p : s.proposals)
            offered = offered || (p.b == noun + 1 && nodes_[p.node].node.type == "other") ||
                      (p.nominal == "proposed" && p.e <= noun && p.e + 3 > noun);
        if (offered) continue;
        int target = none;
        std::size_t distance = s.last;
        for (const auto& p : s.proposals) {
            if (p.b <= noun && noun < p.e) continue;  // "mediation" itself is not what is mediated
            const std::size_t d = p.b > noun ? p.b - noun : noun - p.b;
            if (d < distance) {
                distance = d;
                target = p.node;
            }
        }
        if (target == none) {
            note("no edge for mediator '" + surface(m.b, m.e) + "': no measure in the sentence");
            continue;
        }
        bool negated = false;
        for (std::size_t k = noun >= s.first + 3 ? noun - 3 : s.first; k < noun; ++k)
            negated = negated || key(k) == "without" || marker_between(s, "negation", k, k + 1);
        for (const Mention* a : actors)
            if (!a->locative || (noun < m.b && key(noun + 1) == "from"))
                for (int n : resolve(*a, s))
                    emit(n, "mediated", target, negated, modality_of(s, noun), index, s, "mediator noun '" + key(noun) + "'");
    }
}

// "Kyiv said Moscow had violated the truce", or a quote of Trump's: "China HAS VIOLATED ITS AGREEMENT":
// whoever reports the violation criticizes the violator.
void ArticleRun::accusations(std::size_t index, SentenceData& s) {
    for (std::size_t i = s.first; i < s.last; ++i) {
        if (!is_at(W::accusation, i)) continue;
        if (marker_between(s, "negation", i >= s.first + 3 ? i - 3 : s.first, i)) continue;
        std::string why;
        const auto violators = subjects_of(s, Span{i, i + 1, Span::cue, 0, nullptr}, why);
        if (violators.empty()) continue;
        for (int accuser : reporters_of(s, i, true))
            for (int violator : violators)
                if (!same_side(violator, {accuser}))
                    emit(accuser, "criticized", violator, false, "reported", index, s, "accusation '" + key(i) + "'");
    }
}


void ArticleRun::emit(int src, const std::string& rel, int dst, bool negated, const std::string& modality,
                      std::size_t sentence, const SentenceData& s, const std::string& pattern) {
    if (src < 0 || dst < 0 || src == dst) return;
    if (nodes_[src].node.kind == "proposal") return;
    auto k = std::make_tuple(src, rel, dst, negated);
    if ((rel == "called" || rel == "met") && edge_keys_.count(std::make_tuple(dst, rel, src, negated))) return;
    if (!edge_keys_.insert(k).second) return;
    Edge e;
    e.source = std::to_string(src);
    e.relation = rel;
    e.target = std::to_string(dst);
    e.negated = negated;
    e.modality = modality;
    e.date = article_.published;
    // A year the sentence gives ("in 2018") dates the act, never the article's date.
    for (std::size_t i = s.first; i + 1 < s.last; ++i)
        if ((key(i) == "in" || key(i) == "since") && key(i + 1).size() == 4 && key(i + 1) >= "1900" &&
            key(i + 1) <= "2099" && std::all_of(key(i + 1).begin(), key(i + 1).end(), ::isdigit) &&
            (year_.empty() || key(i + 1) < year_))
            e.date = key(i + 1);
    const std::size_t ob = norm_.origin[toks_[s.first].begin];
    const std::size_t oe = norm_.origin[toks_[s.last - 1].end];
    e.evidence = {static_cast<int>(sentence), ob, oe, article_.text.substr(ob, oe - ob)};
    e.pattern = pattern;
    note("edge: " + node_label(src) + (negated ? " NOT " : " ") + rel + " " + node_label(dst) + " [" + modality +
         "] <- " + pattern);
    edges_.push_back(std::move(e));
    // A government body acts for its state ("Israel's security cabinet approved" -> Israel too).
    if (nodes_[src].actor >= 0) {
        const Actor& a = d_.actors[static_cast<std::size_t>(nodes_[src].actor)];
        if (a.kind == ActorKind::organization && a.category == "domestic" && a.country != ~0u)
            emit(node_for_actor(a.country), rel, dst, negated, modality, sentence, s, pattern + " (for its state)");
    }
}

void ArticleRun::relations(std::size_t index, SentenceData& s) {
    const std::size_t first = s.first, last = s.last;
    if (explain_) {
        explain_text_ << "[" << index << "] " << surface(first, last) << "\n";
        std::string actors;
        for (const auto& m : s.mentions) {
            auto r = resolve(m, s);
            if (r.empty()) continue;
            actors += (actors.empty() ? "" : "; ") + surface(m.b, m.e) + " -> ";
            for (std::size_t k = 0; k < r.size(); ++k) actors += (k ? " + " : "") + node_label(r[k]);
            if (m.locative) actors += " (venue)";
        }
        if (!actors.empty()) note("actors: " + actors);
        std::string props;
        for (const auto& p : s.proposals)
            props += (props.empty() ? "" : "; ") + surface(p.b, p.e) + " -> " + nodes_[p.node].node.type;
        if (!props.empty()) note("proposals: " + props);
    }
    const std::size_t edges_before = edges_.size();
    const bool question = key(last - 1) == "?" || (last >= 2 && key(last - 2) == "?");
    if (s.discard) {
        note("nothing: discarded by " + s.discard_why);
        return;
    }
    if (question) {
        note("nothing: a question");
        return;
    }

    // Nominalised acts: "Kyiv's proposal", "the U.S. demand for a ceasefire", "Ukraine's rejection of X".
    for (const auto& p : s.proposals) {
        if (nodes_[p.node].node.type == "sanctions" || nodes_[p.node].node.type == "tariffs") continue;
        std::string rel = p.nominal;
        std::vector<int> owners;
        const int who = possessor_before(s, p.b, &owners);
        if (who == none) continue;
        owners.push_back(who);
        if (rel.empty()) {
            // a typed measure with an owner: "the Russian memorandum" was proposed by Russia
            const auto& t = nodes_[p.node].node.type;
            if (t == "meeting" || t == "peace_talks" || t == "election" || t == "referendum" || t == "humanitarian_aid" ||
                t == "military_aid")
                continue;
            // "Tehran's nuclear programme" is the owner's own activity, not a measure it offers
            if (key(p.e - 1) == "programme" || key(p.e - 1) == "program") continue;
            rel = "proposed";
        }
        for (int owner : owners)
            emit(owner, rel, p.node, false, "asserted", index, s, "possessive " + surface(p.b, std::min(p.e, p.b + 3)));
    }
    // "talks between A and B": the parties meet (a presupposed meeting of the two named sides)
    for (const auto& p : s.proposals) {
        const auto& t = nodes_[p.node].node.type;
        std::size_t between = p.e;
        // "a meeting in Muscat between A and B": a venue may stand between the talks and their parties
        if (const Mention* venue = between < last ? mention_at(s, between + 1) : nullptr;
            venue && venue->locative && venue->b == between + 1)
            between = venue->e;
        if ((t != "peace_talks" && t != "meeting" && t != "nuclear_deal") || between + 1 >= last ||
            key(between) != "between")
            continue;
        // not when the talks are only proposed, demanded, refused or offered ("offered to host talks between")
        bool hypothetical = false;
        for (const auto& c : s.cues) {
            if (c.kind != Span::cue || c.b >= p.b) continue;
            const auto& r = d_.cues[c.id].relation;
            hypothetical = hypothetical || r == "proposed" || r == "demanded" || r == "rejected" || r == "accepted" ||
                           r == "supported" || r == "announced" || r == "mediated";
        }
        if (hypothetical) continue;
        std::size_t end_at = p.e;
        auto parties = actor_objects(s, between + 1, std::min(last, between + 3), end_at);
        for (std::size_t k = 1; k < parties.size(); ++k)
            emit(parties[0], "met", parties[k], false, modality_of(s, p.b), index, s, "talks between");
    }
    calls_between(index, s);
    // "proposal by X", "offer from X"
    for (const auto& p : s.proposals) {
        if (p.nominal != "proposed" || p.head_e + 1 >= last) continue;
        if (key(p.head_e) != "by" && key(p.head_e) != "from") continue;
        if (const Mention* m = mention_at(s, p.head_e + 1); m && m->b == p.head_e + 1) {
            // "the proposal by Trump's envoy, Steve Witkoff": the named envoy, not Trump
            if (m->e + 2 < last && key(m->e) == "'s" && is_at(W::role_noun, m->e + 1))
                for (std::size_t k = m->e + 2; k < std::min(last, m->e + 4); ++k)
                    if (const Mention* named = mention_at(s, k); named && named->person && named->b == k) {
                        m = named;
                        break;
                    }
            for (int n : resolve(*m, s)) emit(n, "proposed", p.node, false, "asserted", index, s, "proposal by");
        }
    }

    mediators(index, s);
    accusations(index, s);

    const Span* previous = nullptr;
    std::vector<int> previous_subjects;
    for (const auto& c : s.cues) {
        if (c.kind == Span::veto) {
            note("veto: '" + surface(c.b, c.e) + "' (" + d_.marker_patterns[c.id] + ")");
            for (std::size_t k = c.e; k < std::min(last, c.e + 6); ++k) consumed_[k] = true;
            previous = &c;
            previous_subjects.clear();
            continue;
        }
        if (consumed_[c.b]) continue;
        // One phrase, several cues ("urged X to" vs "urged a ceasefire"): an actor right after picks the
        // actor-object reading, else the first one listed.
        std::uint32_t cue_id = c.id;
        if (c.alternatives && c.alternatives->size() > 1) {
            std::size_t k = c.e;
            if (k < last && (key(k) == "the" || key(k) == "\"")) ++k;
            const Mention* next = k < last ? mention_at(s, k) : nullptr;
            const bool actor_next = next && next->b == k && !next->locative &&
                                    !(next->e < last && key(next->e) == "'s");
            for (auto alt : *c.alternatives)
                if ((d_.cues[alt].object == ObjectKind::actor) == actor_next) {
                    cue_id = alt;
                    break;
                }
        }
        const Cue& cue = d_.cues[cue_id];
        const std::string pattern = cue.pattern + " (" + cue.origin + ")";
        // A "whether"/"if" clause runs to the next comma: "If Moscow refuses, Washington will act" acts.
        auto clause_start = [&](std::size_t b) {
            std::size_t k = b;
            while (k > first && key(k - 1) != ",") --k;
            return k;
        };
        if (marker_between(s, "hypothetical", clause_start(c.b), c.b)) {
            note("no edge for '" + surface(c.b, c.e) + "': inside a question (whether)");
            continue;
        }
        if (marker_between(s, "conditional", clause_start(c.b), c.b)) {
            note("no edge for '" + surface(c.b, c.e) + "': inside an if-clause");
            continue;
        }
        // After a determiner a cue word is a noun ("the sanctions", "a call", "its support"), not a verb;
        // after a possessive it stays an act of the possessor ("Erdogan's offer to host talks").
        std::size_t before_cue = c.b;  // "the previously agreed ceasefire": skip adverbs back to the determiner
        while (before_cue > first + 1 && is_at(W::adverb, before_cue - 1)) --before_cue;
        if (c.b > first && cue.kind == CueKind::verb &&
            is_at(W::determiner, before_cue - 1) && toks_[c.b].word &&
            !is_at(W::determiner, c.b)) {
            note("no edge for '" + surface(c.b, c.e) + "': a noun after a determiner");
            continue;
        }
        // "claims 'positive signs'", "peace talks": a plural after a lower-case modifier is a noun, not a verb
        const Mention* before_mention = c.b > first ? mention_ending_before(s, c.b) : nullptr;
        if (c.b > first && cue.kind == CueKind::verb && key(c.b).size() > 3 && key(c.b).back() == 's' &&
            toks_[c.b - 1].word && !toks_[c.b - 1].capitalized && !(before_mention && before_mention->e == c.b) &&
            !is_at(W::adverb, c.b - 1) && !is_at(W::clause_opener, c.b - 1) && !is_at(W::be, c.b - 1) &&
            !is_at(W::subject_word, c.b - 1)) {
            note("no edge for '" + surface(c.b, c.e) + "': a plural noun after a modifier");
            continue;
        }
        // "efforts to reach a ceasefire", "met to discuss ways to end the war": a purpose, not an act
        if (c.b >= first + 2 && key(c.b - 1) == "to" && is_at(W::purpose_head, c.b - 2)) {
            note("no edge for '" + surface(c.b, c.e) + "': a purpose ('" + key(c.b - 2) + " to')");
            continue;
        }
        bool negated = false;
        {
            std::size_t from = c.b >= first + 4 ? c.b - 4 : first;
            for (const auto& m : s.markers)
                if (m.kind == "negation" && ((m.b >= from && m.b < c.b) || (m.e > c.b && m.b < c.e)))
                    negated = true;
            for (const auto& m : s.markers)
                if (m.kind == "negation" && m.e - m.b >= 2 && key(m.b).rfind("den", 0) == 0 && m.b < c.b) negated = true;
        }
        const std::string modality = modality_of(s, c.b);
        // "will never accept", "cannot accept", "would not accept": a refusal, not a denied acceptance
        std::string relation = cue.relation;
        if (negated && relation == "accepted" && refusal_before(s, c.b)) {
            relation = "rejected";
            negated = false;
        }

        // Passive or reduced relative with an agent: "was rejected by Moscow", "the plan put forward by Egypt".
        bool passive_be = false;
        {
            std::size_t k = c.b;
            while (k > first && (is_at(W::adverb, k - 1) && !is_at(W::be, k - 1))) --k;
            if (k > first && is_at(W::be, k - 1) && key(k - 1) != "'s") passive_be = true;
        }
        std::size_t after = c.e;
        if (passive_be || (after < last && key(after) == "by")) {
            if (after < last && key(after) == "by") {
                std::size_t end_at = after;
                auto agents = actor_objects(s, after + 1, std::min(last, after + 3), end_at);
                if (!agents.empty()) {
                    int target = none;
                    if (cue.object != ObjectKind::actor) {
                        for (auto it = s.proposals.rbegin(); it != s.proposals.rend(); ++it)
                            if (it->e <= c.b) {
                                target = it->node;
                                break;
                            }
                    }
                    std::vector<int> patients;
                    if (target == none && cue.object != ObjectKind::proposal) {
                        std::string why;
                        patients = subjects_of(s, c, why);
                    } else if (target != none) {
                        patients = {target};
                    }
                    for (int a : agents)
                        for (int t : patients) emit(a, relation, t, negated, modality, index, s, "passive " + pattern);
                    if (patients.empty()) note("no edge for '" + surface(c.b, c.e) + "': passive without a patient");
                    previous = &c;
                    previous_subjects = agents;
                    continue;
                }
            }
            if (passive_be && cue.kind == CueKind::verb &&
                (key(c.b).size() > 2 && (key(c.b).substr(key(c.b).size() - 2) == "ed" || key(c.b) == "put" ||
                                         key(c.b) == "held" || key(c.b) == "met" || key(c.b) == "sought"))) {
                note("no edge for '" + surface(c.b, c.e) + "': agentless passive");
                continue;
            }
        }

        // "US-mediated talks", "the U.S.-drafted resolution": the actor glued before the participle acts.
        if (c.b >= first + 2 && key(c.b - 1) == "-" && !toks_[c.b].space_before && !toks_[c.b - 1].space_before) {
            if (const Mention* m = mention_ending_before(s, c.b - 1); m && m->e == c.b - 1 && !m->locative) {
                std::size_t at = 0;
                const int prop = cue.object == ObjectKind::actor ? none : proposal_object(s, c.e, std::min(last, c.e + 4), at);
                for (int n : resolve(*m, s)) emit(n, relation, prop, negated, modality, index, s, "compound " + pattern);
                continue;
            }
        }
        if (c.b > first && !(c.e < last && key(c.e) == "by") && key(c.b).size() > 2 &&
            key(c.b).compare(key(c.b).size() - 2, 2, "ed") == 0) {
            bool after_proposal = false;
            for (const auto& p : s.proposals) after_proposal = after_proposal || p.e == c.b;
            if (after_proposal) {
                note("no edge for '" + surface(c.b, c.e) + "': a participle after a noun (reduced relative)");
                continue;
            }
        }
        // Subject.
        std::vector<int> subjects;
        std::string why;
        const std::string& lead = key(c.b);
        const bool prepositional = lead == "in" || lead == "during" || lead == "after" || lead == "following";
        if (prepositional && c.b > first && key(c.b - 1) != "," && !previous_subjects.empty()) {
            // "X announced that … following a call with Y": the call belongs to the main clause's subject
            subjects = previous_subjects;
        }
        if (prepositional && subjects.empty() && (c.b == first || key(c.b - 1) == "," || toks_[c.b].capitalized)) {
            // "In a phone call with Trump, Modi said ...": the subject follows the phrase's comma
            std::size_t comma = c.e;
            while (comma < last && key(comma) != ",") ++comma;
            for (std::size_t k = comma + 1; k < std::min(last, comma + 4) && subjects.empty(); ++k)
                if (const Mention* m = mention_at(s, k); m && !m->locative) subjects = resolve(*m, s);
        }
        {
            std::size_t k = c.b;
            while (k > first && (is_at(W::adverb, k - 1) || key(k - 1) == "to")) --k;
            const bool coordinated_predicate =
                previous && k > first && (key(k - 1) == "and" || key(k - 1) == "but" || key(k - 1) == "then") &&
                !previous_subjects.empty();
            if (coordinated_predicate && subjects.empty()) subjects = previous_subjects;
        }
        if (subjects.empty() && c.b > first + 1 && key(c.b - 1) == "," && ends_with_ing(lead)) {
            // "Hamas postponed the release, accusing Israel of violations": the participle's subject is the
            // main clause's
            subjects = main_clause_subjects(s, c.b);
        }
        if (subjects.empty()) subjects = subjects_of(s, c, why);
        if (subjects.empty()) {
            note("no edge for '" + surface(c.b, c.e) + "': " + why);
            continue;
        }

        // Object.
        std::size_t end_at = c.e;
        bool fired = false;
        // "refused to accept X" is one act: cues between a cue and its proposal object are used up, unless an
        // actor stands between them ("announced that A and B agreed to a truce": the inner clause has its own subject).
        auto consume = [&](std::size_t from, std::size_t to) {
            for (std::size_t k = from; k < to; ++k)
                if (const Mention* m = mention_at(s, k); m && !m->locative) return;
            for (std::size_t k = from; k < to; ++k) consumed_[k] = true;
        };
        auto emit_all = [&](int obj) {
            for (int sub : subjects) {
                emit(sub, relation, obj, negated, modality, index, s, pattern);
                fired = true;
            }
            if (relation == "accepted" && !negated && nodes_[obj].node.kind == "proposal")
                for (int reporter : reporters_of(s, c.b, false))
                    if (!same_side(reporter, subjects))
                        emit(reporter, "announced", obj, false, modality, index, s, "reported agreement");
        };
        const bool reciprocal = (c.e >= c.b + 2 && key(c.e - 2) == "each" && key(c.e - 1) == "other") ||
                                (c.e + 1 < last && ((key(c.e) == "each" && key(c.e + 1) == "other") ||
                                                   (key(c.e) == "the" && key(c.e + 1) == "other") ||
                                                   (key(c.e) == "one" && key(c.e + 1) == "another")));
        if (reciprocal && subjects.size() >= 2 && cue.object != ObjectKind::proposal) {
            // "both countries accused each other": every subject to every other one
            for (int a : subjects)
                for (int b : subjects) emit(a, relation, b, negated, modality, index, s, pattern + " (each other)");
            previous = &c;
            previous_subjects = subjects;
            continue;
        }
        if (relation == "met" && is(W::host_verb, lead)) {
            // "Oman hosted talks between the US and Iran": the host mediates; the parties meet (see above)
            std::size_t at = 0;
            const int prop = proposal_object(s, c.e, std::min(last, c.e + 4), at);
            const std::string type = prop == none ? "" : nodes_[prop].node.type;
            if (type == "meeting" || type == "peace_talks" || type == "nuclear_deal") {
                for (int sub : subjects) emit(sub, "mediated", prop, negated, modality, index, s, "hosted " + pattern);
                previous = &c;
                previous_subjects = subjects;
                continue;
            }
        }
        if (cue.object == ObjectKind::actor || cue.object == ObjectKind::none) {
            auto objects = cue.object == ObjectKind::none ? std::vector<int>{}
                                                          : actor_objects(s, c.e, std::min(last, c.e + 14), end_at);
            if (objects.empty() && cue.object == ObjectKind::none && subjects.size() >= 2) {
                // "A and B held a video call", "Russian, Ukrainian and Turkish delegations met": first-named to each other
                for (std::size_t k = 1; k < subjects.size(); ++k)
                    emit(subjects[0], relation, subjects[k], negated, modality, index, s, pattern + " (joint)");
                fired = true;
            }
            if (objects.empty() && relation == "warned")
                if (int target = warning_target(s, c.e, subjects); target != none) emit_all(target);
            for (int o : objects) emit_all(o);
        } else {
            std::size_t at = 0;
            int prop = proposal_object(s, c.e, std::min(last, c.e + 16), at);
            if (prop == none && (prop = gapped_proposal(s, c.b)) != none) at = c.e;
            // "Iran agreed.", "Hamas accepted it": a response with no object of its own answers the article's
            // latest measure (only responses; "Russia proposed." names nothing).
            const bool response = relation == "accepted" || relation == "rejected" ||
                                  relation == "welcomed" || relation == "supported";
            // "welcomed the announcement", "backed the move": the article's latest measure
            const bool event_anaphor = c.e + 1 < last && is_at(W::determiner, c.e) && is_at(W::event_anaphor, c.e + 1);
            if (prop == none && response && s.latest_proposal != none &&
                (c.e >= last || key(c.e) == "." || key(c.e) == "!" || key(c.e) == ";" || event_anaphor ||
                 (key(c.e) == "it" && (c.e + 1 >= last || !toks_[c.e + 1].word || key(c.e + 1) == "and")))) {
                prop = s.latest_proposal;
                at = c.e;
            }
            if (cue.object == ObjectKind::either) {
                std::size_t actor_end = 0;
                auto objects = actor_objects(s, c.e, std::min(last, c.e + 10), actor_end);
                const Mention* first_actor = nullptr;
                for (std::size_t i = c.e; i < std::min(last, c.e + 10) && !first_actor; ++i)
                    if (const Mention* m = mention_at(s, i); m && !m->locative) first_actor = m;
                const bool actor_first = !objects.empty() && first_actor && (prop == none || first_actor->b < at);
                // "welcomed Washington's offer": the possessed proposal is the object, not Washington
                // a coordinated owner ("the Turkish and Qatari plan") owns it too: test the list's last member
                const Mention* owner = actor_first ? mention_ending_before(s, actor_end) : nullptr;
                if (!owner || owner->e != actor_end) owner = first_actor;
                const bool owns_proposal = actor_first && prop != none &&
                                           (at <= owner->e + 3) &&
                                           (owner->e < last && (key(owner->e) == "'s" ||
                                                                owner->form == Form::adjective ||
                                                                at == owner->e));
                if (actor_first && !owns_proposal) {
                    for (int o : objects) emit_all(o);
                } else if (prop != none) {
                    emit_all(prop);
                    consume(c.e, at);
                }
            } else if (prop != none) {
                emit_all(prop);
                consume(c.e, at);
            }
        }
        if (!fired) note("no edge for '" + surface(c.b, c.e) + "' (" + relation + "): no " +
                         (cue.object == ObjectKind::actor ? "actor" : cue.object == ObjectKind::proposal ? "proposal" : "object") +
                         " after it");
        if (fired) {
            for (int sub : subjects)
                if (nodes_[sub].is_person) {
                    last_subject_person_ = sub;
                    break;
                }
        }
        previous = &c;
        previous_subjects = subjects;
    }
    if (edges_.size() == edges_before && s.cues.empty()) note("nothing: no relation cue");
    // The first person of a sentence is the default antecedent of the next "he"/"she".
    if (edges_.size() == edges_before) {
        for (const auto& m : s.mentions)
            if (m.person && m.pronoun.empty() && !m.nodes.empty() && nodes_[m.nodes[0]].is_person) {
                last_subject_person_ = m.nodes[0];
                break;
            }
    }
}

}  // namespace parley::ingest::detail
