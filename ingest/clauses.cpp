// Shallow grammar over a sentence's mentions: lookup, coreference, coordination, subjects and objects.
#include <algorithm>

#include "ingest/article_run.hpp"

namespace parley::ingest::detail {

// ------------------------------------------------------------------------------------------------ relations

const Mention* ArticleRun::mention_at(const SentenceData& s, std::size_t tok) const {
    for (const auto& m : s.mentions)
        if (m.b <= tok && tok < m.e) return &m;
    return nullptr;
}

const Mention* ArticleRun::mention_ending_before(const SentenceData& s, std::size_t tok) const {
    const Mention* best = nullptr;
    for (const auto& m : s.mentions)
        if (m.e <= tok && (!best || m.e > best->e)) best = &m;
    return best;
}

std::vector<int> ArticleRun::resolve(const Mention& m, const SentenceData& s) {
    (void)s;
    if (m.pronoun.empty()) return m.nodes;
    const std::string& p = m.pronoun;
    if (is(W::first_person, p)) {
        if (const int speaker = speaker_of_quote_at(m.b); speaker != none) return {speaker};
        return {};
    }
    if (p == "he" || p == "she" || p == "his" || (p == "her" && m.e < s.last && !toks_[m.e].word)) {
        if (int antecedent = subject_antecedent(m, s); antecedent != none) return {antecedent};
        if (int named = fronted_subject(m, s); named != none) return {named};
        if (last_subject_person_ != none) return {last_subject_person_};
        if (!person_order_.empty()) return {person_order_.back()};
        return {};
    }
    if (p == "him" || p == "her") {
        std::size_t seen = 0;
        for (auto it = person_order_.rbegin(); it != person_order_.rend() && seen++ < 200; ++it)
            if (*it != last_subject_person_) return {*it};
    }
    return {};
}

// A "he"/"she" inside a sentence whose clause subject is a named person refers to that person: "Trump has
// claimed that he brokered the truce", "Putin told Trump he would pause strikes" (not the object Trump), "the
// American leader's claim that he ...". The nearest preceding person in subject or possessor position wins.
// A possessive "his"/"her" may also point at an object: "thanked Trump for his leadership".
int ArticleRun::subject_antecedent(const Mention& pronoun, const SentenceData& s) const {
    const bool possessive = pronoun.pronoun == "his" || pronoun.pronoun == "her";
    int found = none;
    for (const auto& m : s.mentions) {
        if (m.b >= pronoun.b) break;
        if (!m.pronoun.empty() || m.locative || m.nodes.size() != 1 || !nodes_[m.nodes[0]].is_person) continue;
        const bool possessor = m.e < s.last && key(m.e) == "'s";
        const bool subject_position = m.b == s.first || is_at(W::clause_opener, m.b - 1);
        if (possessor || subject_position || possessive) found = m.nodes[0];
    }
    return found;
}

// "In his comments, Trump denied ...": a pronoun in an opening phrase points at the person right after its comma.
int ArticleRun::fronted_subject(const Mention& pronoun, const SentenceData& s) const {
    std::size_t comma = pronoun.e;
    while (comma < s.last && key(comma) != ",") {
        if (key(comma) == "." || key(comma) == ";" || key(comma) == "\"") return none;
        ++comma;
    }
    for (std::size_t k = s.first; k < pronoun.b; ++k)
        if (key(k) == ",") return none;  // the pronoun is not in the opening phrase
    if (const Mention* next = mention_at(s, comma + 1);
        next && next->b == comma + 1 && next->pronoun.empty() && next->nodes.size() == 1 && nodes_[next->nodes[0]].is_person)
        return next->nodes[0];
    return none;
}

// The speaker of the quotation holding token `tok`, or none; a quotation said by "he"/"she" is the last
// subject person's.
int ArticleRun::speaker_of_quote_at(std::size_t tok) const {
    if (tok >= quote_speaker_.size()) return none;
    const int speaker = quote_speaker_[tok];
    if (speaker == pronoun_speaker) return last_subject_person_;
    return speaker >= 0 ? speaker : none;
}

// The coordinated list around `head`: "A, B and C" (mentions separated only by commas and "and").
std::vector<const Mention*> ArticleRun::coordinated(const SentenceData& s, const Mention* head, bool leftwards) const {
    std::vector<const Mention*> list{head};
    const Mention* cur = head;
    bool joined = false;
    // where the current member starts: a state word glued before a titled person belongs to the person's
    // title ("U.S. Treasury Secretary Scott Bessent")
    auto start_of = [&](const Mention* member) {
        std::size_t b = member->b;
        if (!member->person) return b;
        for (const auto& m : s.mentions)
            if (m.e == b && !m.person && m.pronoun.empty()) return m.b;
        for (std::size_t k = b; k-- > s.first && k + 3 >= b;)
            if (auto am = match_actor(k, s.last); am && am->end >= b && am->end < member->e) return k;
        // "Trump's Middle East envoy Steve Witkoff": the owner's name opens the title
        for (std::size_t k = b; k-- > s.first && k + 5 >= b;) {
            if (!toks_[k].word && key(k) != "'s") break;
            if (key(k) == "'s" && k > s.first)
                for (const auto& m : s.mentions)
                    if (m.e == k && m.pronoun.empty()) return m.b;
        }
        return b;
    };
    while (true) {
        const Mention* next = nullptr;
        const std::size_t cur_b = start_of(cur);
        for (const auto& m : s.mentions) {
            if (leftwards ? m.e > cur_b || m.e + 3 < cur_b : m.b < cur->e || m.b > cur->e + 3) continue;
            const std::size_t gb = leftwards ? m.e : cur->e, ge = leftwards ? cur_b : m.b;
            bool only_links = gb < ge;
            bool has_and = false;
            for (std::size_t k = gb; k < ge && only_links; ++k) {
                if (key(k) == "and") has_and = true;
                only_links = key(k) == "," || key(k) == "and" || key(k) == "the" || key(k) == "\"";
            }
            if (!only_links) continue;
            joined = joined || has_and;
            next = &m;
            if (!leftwards && has_and) {
                list.push_back(next);
                return list;  // "A, B and C": the list ends at the member after "and"
            }
            break;
        }
        if (!next || next->locative || (leftwards && !next->pronoun.empty())) break;
        list.push_back(next);
        cur = next;
        if (list.size() > 12) break;
    }
    // "Russia, EU chief Kallas said", "According to him, Russia offered": no "and", so no list
    if (list.size() > 1 && !joined) return {head};
    if (leftwards) std::reverse(list.begin(), list.end());
    return list;
}

bool ArticleRun::marker_between(const SentenceData& s, const std::string& kind, std::size_t b, std::size_t e) const {
    for (const auto& m : s.markers)
        if (m.kind == kind && m.b >= b && m.b < e) return true;
    return false;
}

// The owner of the noun phrase ending at `b`; `co_owners` gets the others of a coordinated owner
// ("the U.S. and European demand": the United States and the EU both demand).
int ArticleRun::possessor_before(SentenceData& s, std::size_t b, std::vector<int>* co_owners) {
    if (b <= s.first) return none;
    std::size_t k = b;
    // skip lower-case modifiers between possessor and head: "Israel's latest offer", "the U.S.-drafted"
    for (int skip = 0; skip < 3 && k > s.first; ++skip) {
        const std::size_t p = k - 1;
        if (key(p) == "'s") {
            if (const Mention* m = mention_ending_before(s, p); m && m->e == p && !m->locative) {
                auto r = resolve(*m, s);
                return r.empty() ? none : r[0];
            }
            return none;
        }
        if (is_at(W::possessive_pronoun, p) && key(p) != "its") {
            for (auto& m : s.mentions)
                if (m.b == p) {
                    auto r = resolve(m, s);
                    return r.empty() ? none : r[0];
                }
            return none;
        }
        if (const Mention* m = mention_ending_before(s, k); m && m->e == k && !m->locative) {
            if (m->form == Form::adjective || m->form == Form::alias || m->form == Form::name ||
                m->form == Form::metonym) {
                // "the U.S. proposal", "the Russian memorandum", but not "Ukraine accepted a proposal"
                if (m->form != Form::adjective && !(m->b > s.first && (key(m->b - 1) == "the" || key(m->b - 1) == "a")))
                    return none;
                auto r = resolve(*m, s);
                if (co_owners && !r.empty()) {
                    const auto list = coordinated(s, m, true);
                    for (std::size_t j = 0; j + 1 < list.size(); ++j)
                        if (!list[j]->locative)
                            for (int n : resolve(*list[j], s)) co_owners->push_back(n);
                }
                return r.empty() ? none : r[0];
            }
            return none;
        }
        // "U.S.-drafted": hyphenated participle after the actor
        if (p >= 2 && toks_[p].word && key(p - 1) == "-" && !toks_[p].space_before) {
            k = p - 1;
            if (const Mention* m = mention_ending_before(s, k); m && m->e == k) {
                auto r = resolve(*m, s);
                return r.empty() ? none : r[0];
            }
            return none;
        }
        if (!toks_[p].word || toks_[p].capitalized || is_at(W::determiner, p)) return none;
        k = p;  // a lower-case modifier: keep looking left
    }
    return none;
}

bool ArticleRun::proposal_at_or_after(const SentenceData& s, std::size_t from, std::size_t to) const {
    for (const auto& p : s.proposals)
        if (p.b >= from && p.b < to) return true;
    return false;
}

std::vector<int> ArticleRun::subjects_of(SentenceData& s, const Span& cue, std::string& why) {
    // Walk left to the nearest eligible actor; coordinated predicates ("condemned X and called for Y")
    // reuse the subject of the previous cue.
    std::size_t k = cue.b;
    while (k > s.first && (is_at(W::adverb, k - 1) || key(k - 1) == "not" || key(k - 1) == "n't")) --k;
    std::size_t limit = cue.b > s.first + 40 ? cue.b - 40 : s.first;
    for (std::size_t i = k; i-- > limit;) {
        if (key(i) == ";" || key(i) == ":") break;
        const Mention* m = mention_at(s, i);
        if (!m) continue;
        if (m->locative) {
            i = m->b;
            continue;
        }
        // the owner of a proposal in an object ("declined Trump's proposal, urging ...") is not a clause subject
        if (m->e + 1 < cue.b && key(m->e) == "'s" && proposal_at_or_after(s, m->e + 1, m->e + 4)) {
            i = m->b;
            continue;
        }
        // "Kim Jong Un's powerful sister has rejected": the possessor's relative or aide acts, not the possessor
        if (m->e + 1 < cue.b && key(m->e) == "'s" && m->person)
            for (std::size_t j = m->e + 1; j < std::min(cue.b, m->e + 4); ++j)
                if (is_at(W::role_noun, j)) {
                    why = "the subject is " + surface(m->b, j + 1) + ", not a named actor";
                    return {};
                }
        // "Saudi Arabia, Qatar and the Gulf Cooperation Council (GCC) praised": the list ends before the parenthesis
        if (m->b > s.first + 1 && key(m->b - 1) == "(")
            if (const Mention* named = mention_ending_before(s, m->b - 1); named && named->e == m->b - 1) m = named;
        auto list = coordinated(s, m, true);
        const Mention* head = list.front();
        if (head->b > s.first && is_at(W::preposition, head->b - 1)) {
            const std::string& p = key(head->b - 1);
            // "with Russia refusing to discuss": an absolute clause whose subject is the actor
            const bool absolute = p == "with" && m->e == k && ends_with_ing(key(cue.b));
            if (!absolute && !speaks_for(s, *head)) {
                i = head->b;
                continue;
            }
        }
        // a possessor of a noun phrase ("Israel's security cabinet") still acts; a possessed noun
        // that is a proposal ("Egypt's plan") is not an actor
        std::vector<int> out;
        for (const Mention* mm : list)
            for (int n : resolve(*mm, s)) out.push_back(n);
        if (out.empty()) {
            why = "subject pronoun '" + key(m->b) + "' unresolved";
            return {};
        }
        return out;
    }
    // A fronted adverbial clause takes the main clause's subject: "Hours after holding a call with B, A said ...",
    // "Speaking to reporters on Monday, A rejected ...".
    bool fronted = cue.b > s.first && (ends_with_ing(key(cue.b)) || is_at(W::fronting, s.first));
    for (std::size_t i = s.first; i < cue.b && fronted; ++i) fronted = key(i) != ",";
    for (std::size_t i = cue.e; fronted && i < std::min(s.last, cue.e + 25); ++i) {
        if (key(i) == "." || key(i) == ";" || key(i) == ":") break;
        if (key(i) != ",") continue;
        for (std::size_t j = i + 1; j < std::min(s.last, i + 3); ++j) {
            const Mention* m = mention_at(s, j);
            if (!m || m->locative || m->b != j) continue;
            std::vector<int> out;
            for (const Mention* mm : coordinated(s, m, false))
                for (int n : resolve(*mm, s)) out.push_back(n);
            if (!out.empty()) return out;
        }
        break;
    }
    why = "no actor before the cue";
    return {};
}


// "officials from the two countries agreed", "a spokesperson for the Chinese embassy said", "delegations of
// Russia and Ukraine concluded": an actor after a role noun and "from"/"of"/"for" acts through its people.
bool ArticleRun::speaks_for(const SentenceData& s, const Mention& m) const {
    if (m.b < s.first + 2) return false;
    const std::string& p = key(m.b - 1);
    return (p == "from" || p == "of" || p == "for") && is_at(W::role_noun, m.b - 2);
}

// The first clause subject of the sentence: the nearest actor from the start that no preposition governs.
std::vector<int> ArticleRun::main_clause_subjects(SentenceData& s, std::size_t before) {
    for (std::size_t i = s.first; i < before; ++i) {
        const Mention* m = mention_at(s, i);
        if (!m || m->b != i) continue;
        i = m->e - 1;
        if (m->locative || (m->b > s.first && is_at(W::preposition, m->b - 1) && !speaks_for(s, *m))) continue;
        if (m->e < before && key(m->e) == "'s") continue;  // "Israel's offer ...": the possessor is not the subject
        std::vector<int> out;
        for (const Mention* mm : coordinated(s, m, false))
            for (int n : resolve(*mm, s)) out.push_back(n);
        return out;
    }
    return {};
}

// "will never accept", "cannot accept", "would not accept": a negation with a modal or "never" right before.
bool ArticleRun::refusal_before(const SentenceData& s, std::size_t cue_b) const {
    const std::size_t from = cue_b >= s.first + 4 ? cue_b - 4 : s.first;
    for (std::size_t k = from; k < cue_b; ++k)
        if (key(k) == "never" || key(k) == "cannot" || key(k) == "can't" || key(k) == "won't" ||
            ((key(k) == "will" || key(k) == "would" || key(k) == "can" || key(k) == "could") && k + 1 < cue_b &&
             (key(k + 1) == "not" || key(k + 1) == "n't" || key(k + 1) == "never")))
            return true;
    return false;
}

// "warned that Moscow would pay a price": with no direct object, the first other actor of the complement
// clause is the one warned. The clause ends at ", and", ", but" or ";" (a new clause with its own subject).
int ArticleRun::warning_target(SentenceData& s, std::size_t from, const std::vector<int>& subjects) {
    bool complement = false;
    for (std::size_t k = from; k < std::min(s.last, from + 4) && !complement; ++k) complement = key(k) == "that";
    if (!complement) return none;
    for (std::size_t i = from; i < std::min(s.last, from + 30); ++i) {
        if (key(i) == ";" || (key(i) == "," && i + 1 < s.last && (key(i + 1) == "and" || key(i + 1) == "but"))) break;
        const Mention* m = mention_at(s, i);
        if (!m || m->b != i) continue;
        i = m->e - 1;
        if (m->locative || !m->pronoun.empty() || (m->e < s.last && key(m->e) == "'s")) continue;
        for (int n : resolve(*m, s))
            if (!same_side(n, subjects)) return n;
    }
    return none;
}

// "a 30-day ceasefire the U.S. had pitched", "the plan that Kyiv rejected": the subject right after a
// proposal phrase, with no object of its own, takes that proposal as object.
int ArticleRun::gapped_proposal(const SentenceData& s, std::size_t cue_b) const {
    std::size_t k = cue_b;
    while (k > s.first && (is_at(W::adverb, k - 1) || key(k - 1) == "had" || key(k - 1) == "has" ||
                           key(k - 1) == "have"))
        --k;
    const Mention* m = mention_ending_before(s, k);
    if (!m || m->e != k || m->locative) return none;
    std::size_t head = m->b;
    if (head > s.first && key(head - 1) == "the") --head;  // "a ceasefire the U.S. had pitched"
    if (head > s.first && (key(head - 1) == "that" || key(head - 1) == "which")) --head;
    for (const auto& p : s.proposals)
        if (p.e == head) return p.node;
    return none;
}

// "urged his Russian counterpart": the holder, in the named state, of the possessor's own office.
int ArticleRun::counterpart(const Mention& possessive, SentenceData& s) {
    const Mention* next = mention_at(s, possessive.e);
    if (!next || next->person || next->nodes.size() != 1) return none;
    if (key(next->e - 1) != "counterpart" && (next->e >= s.last || key(next->e) != "counterpart")) return none;
    const auto owner = resolve(possessive, s);
    if (owner.size() != 1 || !nodes_[owner[0]].is_person) return none;
    for (const auto& [state, title] : nodes_[owner[0]].offices)
        if (state != next->nodes[0] && !title.empty())
            if (int holder = cached_office_holder(next->nodes[0], title, false); holder != none) return holder;
    return none;
}

// Whether `node` is one of `others`, represents one of them, is represented by one, or serves the same
// state or organization as one ("Witkoff warned ... by Trump's deadline": not a warning to Trump).
bool ArticleRun::same_side(int node, const std::vector<int>& others) const {
    auto owners = [&](int n) {
        std::set<int> out{n};
        for (const auto& o : nodes_[n].offices) out.insert(o.first);
        return out;
    };
    const auto mine = owners(node);
    for (int o : others)
        for (int owner : owners(o))
            if (mine.count(owner)) return true;
    return false;
}

std::vector<int> ArticleRun::actor_objects(SentenceData& s, std::size_t from, std::size_t limit, std::size_t& end_at) {
    for (std::size_t i = from; i < limit; ++i) {
        // the object phrase ends at a comma: "to broker peace, a White House official said" has no actor object
        if (key(i) == "." || key(i) == ";" || key(i) == ",") break;
        for (const auto& c : s.cues)
            if (c.b == i && c.kind == Span::cue) return {};
        const Mention* m = mention_at(s, i);
        if (!m) continue;
        // a locative is a venue; a possessive pronoun is not the object but its owner ("met his counterpart, B")
        const bool possessive = is(W::possessive_pronoun, m->pronoun) && m->e < limit && toks_[m->e].word &&
                                !(m->pronoun == "her" && (is_at(W::preposition, m->e) || is_at(W::clause_opener, m->e)));
        if (possessive) {
            if (int c = counterpart(*m, s); c != none) {
                end_at = m->e;
                return {c};
            }
            i = m->e - 1;
            continue;
        }
        if (m->locative) {
            i = m->e - 1;
            continue;
        }
        if (m->form == Form::adjective && !m->person) {
            // "two Israeli ministers, A and B": the named people are the objects; so is the titled person
            // right after a quote mark: 'thanked US "Vice President JD Vance'
            for (std::size_t k = m->e; k < std::min(limit, m->e + 3); ++k)
                if (key(k) == "," || key(k) == "\"") {
                    if (const Mention* p = mention_at(s, k + 1); p && p->person) m = p;
                    break;
                }
        }
        auto list = coordinated(s, m, false);
        std::vector<int> out;
        for (const Mention* mm : list)
            if (!mm->locative)
                for (int n : resolve(*mm, s)) out.push_back(n);
        end_at = list.back()->e;
        return out;
    }
    return {};
}

int ArticleRun::proposal_object(SentenceData& s, std::size_t from, std::size_t limit, std::size_t& at) {
    int cues_crossed = 0;
    for (std::size_t i = from; i < limit; ++i) {
        if (key(i) == "." || key(i) == ";") break;
        if (marker_between(s, "report", i, i + 1)) break;
        // the object comes before an adverbial ("offered a positive assessment at the end of the talks"),
        // unless an infinitive follows it ("agreed during talks in Istanbul to exchange prisoners")
        if (is_at(W::object_stop, i)) {
            std::size_t k = i + 1;
            while (k < limit && key(k) != "to" && key(k) != "," && key(k) != ".") ++k;
            if (k >= limit || key(k) != "to") break;
            i = k;
            continue;
        }
        for (const auto& c : s.cues)
            if (c.b == i && c.kind == Span::cue) ++cues_crossed;
        if (cues_crossed > 1) break;
        for (const auto& p : s.proposals)
            if (p.b == i) {
                at = i;
                return p.node;
            }
    }
    return none;
}

}  // namespace parley::ingest::detail
