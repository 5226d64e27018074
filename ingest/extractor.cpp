#include "ingest/extractor.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "ingest/dictionaries.hpp"
#include "ingest/text.hpp"

namespace parley::ingest {
namespace {

constexpr int none = -1;
// Word classes of cues/words.tsv the grammar asks about, looked up once per article (not per token).
enum W { adverb, be, determiner, first_person, honorific, locative, name_particle, not_name, org_anaphor, person_pronoun_object, person_pronoun_subject, place_breaker, plural_people, plural_states, possessive_pronoun, title_modifier, fronting, clause_opener, mediation, preposition, role_noun, event_anaphor, host_verb, purpose_head, deal_verb, accusation, word_class_count };
const char* const word_class_names[] = {"adverb", "be", "determiner", "first_person", "honorific", "locative", "name_particle", "not_name", "org_anaphor", "person_pronoun_object", "person_pronoun_subject", "place_breaker", "plural_people", "plural_states", "possessive_pronoun", "title_modifier", "fronting", "clause_opener", "mediation", "preposition", "role_noun", "event_anaphor", "host_verb", "purpose_head", "deal_verb", "accusation"};

// The name a person is called by on second mention: the last word, or the one before a regnal number
// ("Leo" of "Pope Leo XIV"); empty for a one-word name.
std::string short_name(const std::string& name) {
    std::vector<std::string> words;
    for (std::size_t b = 0, e; b < name.size(); b = e + 1) {
        e = name.find(' ', b);
        if (e == std::string::npos) e = name.size();
        if (e > b) words.push_back(name.substr(b, e - b));
    }
    if (words.size() < 2) return {};
    const auto regnal = [](const std::string& w) {
        return w.find_first_not_of("IVXL") == std::string::npos;
    };
    if (regnal(words.back()) && words.size() >= 3) return words[words.size() - 2];
    return words.back();
}

bool ends_with_ing(const std::string& w) { return w.size() > 5 && w.compare(w.size() - 3, 3, "ing") == 0; }

constexpr int pronoun_speaker = -2;  // a quotation said by "he"/"she": resolved when the quote is read

// One actor reference in a sentence: a name, adjective, metonym, titled person, role phrase or pronoun.
struct Mention {
    std::size_t b = 0, e = 0;  // token range (absolute token indices)
    std::vector<int> nodes;    // article node indices; several for "the two sides"
    Form form = Form::name;
    bool locative = false;     // a place after "in", "at": a venue, never an actor of a relation
    bool person = false;
    std::string pronoun;       // he/she/him/her/his/we/i... resolved in the relation pass
};

struct ProposalMention {
    std::size_t b = 0, e = 0;
    int node = none;
    std::string nominal;  // relation given to a possessor ("Kyiv's proposal" -> proposed)
    bool generic_only = false;
};

// A selected span: relation cue, proposal phrase or veto (they compete; longest wins).
struct Span {
    std::size_t b = 0, e = 0;
    enum Kind { cue, proposal, veto } kind = cue;
    std::uint32_t id = 0;
    const std::vector<std::uint32_t>* alternatives = nullptr;  // every cue of this phrase, in file order
};

struct Marker {
    std::size_t b = 0, e = 0;
    std::string kind;
    std::uint32_t id = 0;
};

struct NodeRec {
    Node node;
    int actor = none;  // dictionary actor index
    bool is_person = false;
    std::vector<std::pair<int, std::string>> offices;  // (node of state/org, title) known from the text
    std::set<std::string> alias_keys;
};

struct SentenceData {
    std::size_t first = 0, last = 0;
    std::vector<Mention> mentions;
    std::vector<ProposalMention> proposals;
    std::vector<Span> cues;
    std::vector<Marker> markers;
    bool discard = false;
    std::string discard_why;
    int latest_proposal = none;  // the measure mentioned last up to the end of this sentence
};

struct Trace {
    std::vector<std::string> lines;
};

// The extraction of one article. Owns every per-article table; lives for one extract() call.
class ArticleRun {
public:
    ArticleRun(const Dictionaries& d, const std::vector<std::uint32_t>& class_bits, const Article& a, bool explain)
        : d_(d), class_bits_(class_bits), article_(a), explain_(explain) {
        for (int c = 0; c < word_class_count; ++c) classes_[c] = &d_.word_class(word_class_names[c]);
    }

    ArticleGraph run();
    std::string explanation() const { return explain_text_.str(); }

private:
    // --- text
    std::string surface(std::size_t b, std::size_t e) const;
    const std::string& key(std::size_t i) const { return toks_[i].key; }
    bool in(std::size_t i, std::size_t last) const { return i < last; }

    // --- actors
    int node_for_actor(std::uint32_t actor);
    int node_for_unknown_person(const std::string& name);
    int node_for_group(const std::string& kind, const std::string& name);
    void add_office(int person, int owner, const std::string& title);
    struct ActorMatch {
        std::size_t end = 0;
        const ActorPhrase* phrase = nullptr;
    };
    std::optional<ActorMatch> match_actor(std::size_t i, std::size_t last) const;
    std::optional<ActorMatch> match_actor_uncached(std::size_t i, std::size_t last) const;
    struct TitleMatch {
        std::size_t end = 0;
        std::string title;
        std::string rank;
    };
    std::optional<TitleMatch> match_title(std::size_t i, std::size_t last) const;
    std::optional<TitleMatch> match_title_uncached(std::size_t i, std::size_t last) const;
    template <class M>
    struct Memo {
        std::size_t limit = ~std::size_t{0};
        std::optional<M> match;
    };
    mutable std::vector<Memo<ActorMatch>> actor_memo_;
    mutable std::vector<Memo<TitleMatch>> title_memo_;
    std::size_t match_name(std::size_t i, std::size_t last) const;
    bool proper_noun_neighbour(std::size_t b, std::size_t e, std::size_t first, std::size_t last) const;
    void find_mentions(SentenceData& s);
    void remember_pairs(const SentenceData& s);
    std::optional<Mention> person_at(std::size_t i, SentenceData& s);
    std::size_t appositive(std::size_t i, std::size_t last, int person);
    int resolve_role(int owner, const std::string& title, const std::string& rank, bool leader_word);
    int office_holder(int owner, const std::string& title, bool leader_word);
    std::map<std::tuple<int, std::string, bool>, int> role_cache_;
    std::vector<int> recent_nodes(bool persons, std::size_t count) const;

    // --- proposals, cues, markers
    void find_spans(SentenceData& s);
    bool looks_like_noun(std::size_t i, const SentenceData& s) const;
    int proposal_node(const std::string& type, std::size_t b, std::size_t e, bool anaphoric, const SentenceData& s);
    nlohmann::json proposal_attributes(const std::string& type, std::size_t b, std::size_t e, const SentenceData& s);

    // --- relations
    void find_quotes();
    void relations(std::size_t index, SentenceData& s);
    const Mention* mention_at(const SentenceData& s, std::size_t tok) const;
    bool proposal_at_or_after(const SentenceData& s, std::size_t from, std::size_t to) const;
    const Mention* mention_ending_before(const SentenceData& s, std::size_t tok) const;
    std::vector<int> resolve(const Mention& m, const SentenceData& s);
    int subject_antecedent(const Mention& pronoun, const SentenceData& s) const;
    std::vector<int> main_clause_subjects(SentenceData& s, std::size_t before);
    bool refusal_before(const SentenceData& s, std::size_t cue_b) const;
    int warning_target(SentenceData& s, std::size_t from, const std::vector<int>& subjects);
    int gapped_proposal(const SentenceData& s, std::size_t cue_b) const;
    bool same_side(int node, const std::vector<int>& others) const;
    int counterpart(const Mention& possessive, SentenceData& s);
    void mediators(std::size_t index, SentenceData& s);
    void accusations(std::size_t index, SentenceData& s);
    std::string modality_of(const SentenceData& s, std::size_t b) const;
    std::vector<const Mention*> coordinated(const SentenceData& s, const Mention* head, bool leftwards) const;
    std::vector<int> subjects_of(SentenceData& s, const Span& cue, std::string& why);
    std::vector<int> actor_objects(SentenceData& s, std::size_t from, std::size_t limit, std::size_t& end_at);
    int proposal_object(SentenceData& s, std::size_t from, std::size_t limit, std::size_t& at);
    int possessor_before(SentenceData& s, std::size_t b, std::vector<int>* co_owners = nullptr);
    bool marker_between(const SentenceData& s, const std::string& kind, std::size_t b, std::size_t e) const;
    void emit(int src, const std::string& rel, int dst, bool negated, const std::string& modality, std::size_t sentence,
              const SentenceData& s, const std::string& pattern);
    void note(const std::string& line) {
        if (explain_) explain_text_ << "    " << line << "\n";
    }
    std::string node_label(int n) const { return n < 0 ? "?" : nodes_[n].node.name; }

    bool is(W c, const std::string& k) const { return classes_[c]->count(k) != 0; }
    // The same test for token i, by its vocabulary id: no string hashing in the hot loops.
    bool is_at(W c, std::size_t i) const {
        const auto id = toks_[i].id;
        return id != 0 && ((class_bits_[id] >> c) & 1u) != 0;
    }

    const Dictionaries& d_;
    const std::vector<std::uint32_t>& class_bits_;  // per vocabulary id: bit c set when the word is in class c
    const std::unordered_set<std::string>* classes_[word_class_count] = {};
    const Article& article_;
    bool explain_;
    std::ostringstream explain_text_;

    NormalizedText norm_;
    std::vector<Token> toks_;
    std::vector<SentenceData> sentences_;
    std::vector<NodeRec> nodes_;
    std::map<std::uint32_t, int> node_of_actor_;
    std::map<std::string, int> node_of_name_;     // unknown people, groups, locations by kind+name
    std::map<std::string, int> surname_;          // surname key -> person node seen in this article
    std::set<std::string> foreign_surnames_;      // last words of unknown proper names ("Michael Jordan")
    std::vector<int> person_order_;               // persons in order of mention (for coreference)
    std::vector<int> state_order_;
    std::vector<int> org_order_;
    int last_subject_person_ = none;
    std::vector<int> quote_speaker_;              // per token: node of the quote's speaker, or none
    std::vector<bool> in_quote_;
    std::vector<int> proposal_recent_;            // proposal nodes, most recent last
    std::vector<int> pair_[2];                    // the last pair of persons [0] / states [1] joined by "and"
    std::vector<Edge> edges_;
    std::set<std::tuple<int, std::string, int, bool>> edge_keys_;
    std::vector<bool> consumed_;                  // cue tokens taken by another cue's object span
    std::string year_;
};

// ------------------------------------------------------------------------------------------------ text

std::string ArticleRun::surface(std::size_t b, std::size_t e) const {
    if (b >= e) return {};
    return norm_.text.substr(toks_[b].begin, toks_[e - 1].end - toks_[b].begin);
}

// ------------------------------------------------------------------------------------------------ nodes

int ArticleRun::node_for_actor(std::uint32_t actor) {
    auto it = node_of_actor_.find(actor);
    if (it != node_of_actor_.end()) return it->second;
    const Actor& a = d_.actors[actor];
    NodeRec r;
    r.actor = static_cast<int>(actor);
    r.node.kind = a.kind == ActorKind::person ? "person" : a.kind == ActorKind::state ? "state" : "organization";
    r.node.name = a.name;
    r.is_person = a.kind == ActorKind::person;
    const int id = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(r));
    node_of_actor_[actor] = id;
    if (a.kind == ActorKind::person) {
        // Offices valid on the article's date give `represents` even when the text names no title.
        for (const auto& o : a.offices)
            if (a.holds(o, article_.published)) add_office(id, node_for_actor(o.of), o.title);
    }
    return id;
}

int ArticleRun::node_for_unknown_person(const std::string& name) {
    const std::string k = "person\t" + fold_key(name);
    auto it = node_of_name_.find(k);
    if (it != node_of_name_.end()) return it->second;
    NodeRec r;
    r.node.kind = "person";
    r.node.name = name;
    r.is_person = true;
    const int id = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(r));
    node_of_name_[k] = id;
    return id;
}

int ArticleRun::node_for_group(const std::string& kind, const std::string& name) {
    const std::string k = kind + "\t" + fold_key(name);
    auto it = node_of_name_.find(k);
    if (it != node_of_name_.end()) return it->second;
    NodeRec r;
    r.node.kind = kind;
    r.node.name = name;
    const int id = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(r));
    node_of_name_[k] = id;
    return id;
}

void ArticleRun::add_office(int person, int owner, const std::string& title) {
    if (person < 0 || owner < 0 || person == owner) return;
    if (nodes_[owner].is_person || nodes_[owner].node.kind == "proposal") return;
    for (auto& o : nodes_[person].offices)
        if (o.first == owner) {
            if (o.second.empty()) o.second = title;
            return;
        }
    nodes_[person].offices.emplace_back(owner, title);
}

// ------------------------------------------------------------------------------------------------ actors

std::optional<ArticleRun::ActorMatch> ArticleRun::match_actor(std::size_t i, std::size_t last) const {
    // Memoised per token: the grammar asks about the same token many times (names, titles, neighbours).
    if (i < actor_memo_.size() && actor_memo_[i].limit == last) return actor_memo_[i].match;
    auto found = match_actor_uncached(i, last);
    if (i < actor_memo_.size()) actor_memo_[i] = {last, found};
    return found;
}

std::optional<ArticleRun::ActorMatch> ArticleRun::match_actor_uncached(std::size_t i, std::size_t last) const {
    std::optional<ActorMatch> best;
    d_.actor_trie.match(toks_, i, last, [&](std::size_t end, const std::vector<std::uint32_t>& payloads) {
        if (best && best->end >= end) return;
        for (auto p : payloads) {
            const ActorPhrase& ap = d_.actor_phrases[p];
            bool ok = ap.case_rule.size() == end - i;
            for (std::size_t k = 0; ok && k < ap.case_rule.size(); ++k) {
                const Token& t = toks_[i + k];
                if (ap.case_rule[k] == 1 && !t.capitalized) ok = false;
                if (ap.case_rule[k] == 2 && !t.all_caps) ok = false;
            }
            if (!ok) continue;
            if (!best || best->end < end ||
                (d_.actors[ap.actor].kind == ActorKind::person &&
                 d_.actors[best->phrase->actor].kind != ActorKind::person))
                best = ActorMatch{end, &ap};
        }
    });
    return best;
}

std::optional<ArticleRun::TitleMatch> ArticleRun::match_title(std::size_t i, std::size_t last) const {
    if (i < title_memo_.size() && title_memo_[i].limit == last) return title_memo_[i].match;
    auto found = match_title_uncached(i, last);
    if (i < title_memo_.size()) title_memo_[i] = {last, found};
    return found;
}

std::optional<ArticleRun::TitleMatch> ArticleRun::match_title_uncached(std::size_t i, std::size_t last) const {
    // Modifiers ("first deputy", "senior", "interim") then a title of titles.tsv.
    std::size_t j = i;
    while (j < last && j - i < 3 && is_at(W::title_modifier, j) &&
           !(j + 1 < last && key(j + 1) == "of"))
        ++j;
    std::optional<TitleMatch> best;
    for (std::size_t start = j;; --start) {
        d_.title_trie.match(toks_, start, last, [&](std::size_t end, const std::vector<std::uint32_t>& payloads) {
            if (best && best->end >= end) return;
            const Title& t = d_.titles[payloads.front()];
            best = TitleMatch{end, t.title, t.rank};
        });
        if (best || start == i) break;
    }
    if (!best) return best;
    if (best->end > j || j == i) {
        // Keep the modifiers in the title as written: "First Deputy Foreign Minister".
        if (j > i) {
            std::string mod = surface(i, j);
            if (!mod.empty()) mod[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(mod[0])));
            best->title = mod + " " + best->title;
        }
        // "Foreign Minister for Legal and International Affairs": a "for" tail of lower-case words is part of it.
        std::size_t k = best->end;
        if (k + 1 < last && key(k) == "for" && !toks_[k + 1].capitalized) {
            std::size_t m = k + 1;
            while (m < last && toks_[m].word && (!toks_[m].capitalized || key(m) == "and") && m - k < 6 &&
                   key(m) != "the")
                ++m;
            if (m > k + 1) best->end = m;
        }
    }
    return best;
}

// An unknown person's name: capitalised words (with particles "bin", "al-", "von der"), 1-6 tokens.
std::size_t ArticleRun::match_name(std::size_t i, std::size_t last) const {
    std::size_t j = i;
    std::size_t end = i;
    while (j < last && j - i < 8) {
        const Token& t = toks_[j];
        if (t.word && t.capitalized && !is(W::not_name, t.key) && !t.all_caps) {
            if (j > i && !is(W::name_particle, t.key) && match_title(j, last) && !toks_[j].all_caps) break;
            if (j > i && match_actor(j, last)) break;  // "Prime Ministers Narendra Modi": the known name starts here
            ++j;
            end = j;
            continue;
        }
        if (t.word && t.all_caps && t.key.size() <= 4 && j > i && t.key != "us") {  // roman numerals: "Charles III"
            bool roman = t.key.find_first_not_of("ivxl") == std::string::npos;
            if (roman) {
                ++j;
                end = j;
                continue;
            }
        }
        if (j > i && t.word && is(W::name_particle, t.key) && !t.capitalized) {
            ++j;
            continue;
        }
        if (j > i && !t.space_before && (t.key == "-" || t.key == "'") && j + 1 < last && !toks_[j + 1].space_before) {
            ++j;
            continue;
        }
        if (j > i && t.word && is(W::name_particle, t.key)) {
            ++j;
            continue;
        }
        break;
    }
    return end;
}

// True when the actor phrase [b, e) is glued to another proper noun ("Washington Post", "Michael Jordan").
bool ArticleRun::proper_noun_neighbour(std::size_t b, std::size_t e, std::size_t first, std::size_t last) const {
    if (e < last) {
        const Token& n = toks_[e];
        if (n.word && n.capitalized && !is(W::not_name, n.key) && !match_title(e, last) && !match_actor(e, last))
            return true;
        if (n.word && is(W::place_breaker, n.key)) return true;
    }
    if (b > first) {
        const Token& p = toks_[b - 1];
        if (p.word && p.capitalized && !is(W::not_name, p.key) && !is(W::title_modifier, p.key) &&
            !(b - 1 == first) && !match_actor(b - 1, e) && !match_title(b - 1, b) &&
            !is(W::honorific, p.key))
            return true;
    }
    return false;
}

// The first node of a recent person (persons=true) or state, most recent first.
std::vector<int> ArticleRun::recent_nodes(bool persons, std::size_t count) const {
    std::vector<int> out;
    const auto& order = persons ? person_order_ : state_order_;
    std::size_t seen = 0;
    for (auto it = order.rbegin(); it != order.rend() && out.size() < count && seen++ < 200; ++it)
        if (std::find(out.begin(), out.end(), *it) == out.end()) out.push_back(*it);
    std::reverse(out.begin(), out.end());
    return out;
}

// "the Russian president", "Ukraine's foreign minister", "the emir", "the NATO chief": the person of this
// article (or of the dictionaries, by the article's date) who holds that office; else the owner itself.
int ArticleRun::resolve_role(int owner, const std::string& title, const std::string& /*rank*/, bool leader_word) {
    const std::string wanted = fold_key(title);
    auto fits = [&](const NodeRec& r) {
        for (const auto& o : r.offices) {
            if (owner >= 0 && o.first != owner) continue;
            if (leader_word || fold_key(o.second).find(wanted) != std::string::npos) return true;
        }
        return false;
    };
    std::size_t seen = 0;
    for (auto it = person_order_.rbegin(); it != person_order_.rend() && seen++ < 200; ++it)
        if (fits(nodes_[*it])) return *it;
    const auto cache_key = std::make_tuple(owner, wanted, leader_word);
    if (auto it = role_cache_.find(cache_key); it != role_cache_.end()) return it->second;
    const int found = office_holder(owner, title, leader_word);
    role_cache_.emplace(cache_key, found);
    return found;
}

// The dictionary person who holds `title` (or, for "leader", the top office) of `owner` on the article's date.
int ArticleRun::office_holder(int owner, const std::string& title, bool leader_word) {
    if (owner >= 0 && nodes_[owner].actor >= 0) {
        for (std::uint32_t a = 0; a < d_.actors.size(); ++a) {
            const Actor& act = d_.actors[a];
            if (act.kind != ActorKind::person) continue;
            for (const auto& o : act.offices) {
                if (static_cast<int>(o.of) != nodes_[owner].actor || !act.holds(o, article_.published)) continue;
                const bool head = leader_word && (o.title == "President" || o.title == "Prime Minister" ||
                                                  o.title == "Chancellor" || o.title == "King" || o.title == "Emir" ||
                                                  o.title == "Supreme Leader" || o.title == "Secretary General" ||
                                                  o.title == "Secretary-General");
                if (head || (!leader_word && fold_key(o.title) == fold_key(title))) return node_for_actor(a);
            }
        }
    }
    return leader_word ? owner : none;
}

// After a person: ", Russia's foreign minister," / ", the Kremlin spokesman," / ", deputy chairman of
// Russia's Security Council,". Records the office and returns the end of the appositive (or i).
std::size_t ArticleRun::appositive(std::size_t i, std::size_t last, int person) {
    if (i + 2 >= last || key(i) != ",") return i;
    std::size_t j = i + 1;
    if (key(j) == "the" || key(j) == "a" || key(j) == "an" || key(j) == "his" || key(j) == "her") ++j;
    int owner = none;
    if (auto am = match_actor(j, last); am && d_.actors[am->phrase->actor].kind != ActorKind::person) {
        owner = node_for_actor(am->phrase->actor);
        j = am->end;
        if (j < last && key(j) == "'s") ++j;
    }
    auto tm = match_title(j, last);
    if (!tm) return i;
    j = tm->end;
    // ", British Prime Minister Keir Starmer" is the next item of a list, not an appositive
    if (j < last && toks_[j].word && toks_[j].capitalized && !is_at(W::not_name, j)) return i;
    if (j + 1 < last && (key(j) == "of" || key(j) == "for" || key(j) == "at")) {
        std::size_t k = j + 1;
        if (k < last && key(k) == "the") ++k;
        if (auto am = match_actor(k, last); am && d_.actors[am->phrase->actor].kind != ActorKind::person) {
            const int o2 = node_for_actor(am->phrase->actor);
            std::size_t after = am->end;
            if (after < last && key(after) == "'s") {
                // "deputy chairman of Russia's Security Council": the office is the state's
                std::size_t m = after + 1;
                while (m < last && toks_[m].capitalized && m - after < 4) ++m;
                tm->title += " of the " + surface(after + 1, m);
                after = m;
            }
            if (owner < 0) owner = o2;
            j = after;
        }
    }
    if (owner < 0) return i;
    add_office(person, owner, tm->title);
    // A second office: "Finland's foreign minister and this year's chair of the OSCE".
    if (j + 1 < last && key(j) == "and") {
        for (std::size_t k = j + 1; k < last && k < j + 8; ++k) {
            if (key(k) == "of" && k + 1 < last) {
                std::size_t m = k + 1;
                if (m < last && key(m) == "the") ++m;
                if (auto am = match_actor(m, last); am && d_.actors[am->phrase->actor].kind != ActorKind::person) {
                    std::string t2 = surface(j + 1, k);
                    auto pos = t2.rfind(' ');
                    t2 = pos == std::string::npos ? t2 : t2.substr(pos + 1);
                    add_office(person, node_for_actor(am->phrase->actor),
                               t2 == "chair" ? "Chairperson-in-Office" : t2);
                    j = am->end;
                }
                break;
            }
        }
    }
    if (j < last && key(j) == ",") ++j;
    return j;
}

// A person at token i: "[owner['s]] [title] [honorific] Name [, appositive,]" or a role phrase.
std::optional<Mention> ArticleRun::person_at(std::size_t i, SentenceData& s) {
    const std::size_t last = s.last;
    std::size_t j = i;
    int owner = none;
    if (key(j) == "the" && j + 1 < last) ++j;
    const bool had_the = j > i;
    std::size_t owner_end = j;
    if (auto am = match_actor(j, last); am && d_.actors[am->phrase->actor].kind != ActorKind::person) {
        owner = static_cast<int>(am->phrase->actor);
        owner_end = am->end;
        j = am->end;
        if (j < last && key(j) == "'s") ++j;
    }
    // "his Turkish counterpart, Hakan Fidan"
    bool counterpart = false;
    std::optional<TitleMatch> tm;
    if (j < last && (key(j) == "counterpart" || key(j) == "counterparts")) {
        counterpart = true;
        tm = TitleMatch{j + 1, "counterpart", "other"};
    } else if (!(j < last && (key(j) == "leader" || key(j) == "chief" || key(j) == "head"))) {
        tm = match_title(j, last);
    }
    // "the leader", "the Russian leader", "the NATO chief": a role noun that is not in titles.tsv.
    bool leader_word = false;
    if (!tm && j < last && (key(j) == "leader" || key(j) == "chief" || key(j) == "head") &&
        (had_the || owner >= 0) && !(j + 1 < last && key(j + 1) == "of")) {
        leader_word = true;
        tm = TitleMatch{j + 1, "leader", "other"};
    }
    if (!tm) return std::nullopt;
    if (!tm->title.empty() && owner < 0 && !had_the && !toks_[j].capitalized && i == j) {
        // a lower-case title without owner needs a name right after ("envoy Steve Witkoff")
    }
    std::size_t k = tm->end;
    bool comma = false;
    if (k < last && key(k) == "," && (counterpart || owner >= 0)) {
        comma = true;
        ++k;
    }
    while (k < last && is_at(W::honorific, k) && toks_[k].capitalized && k + 1 < last && toks_[k + 1].capitalized)
        ++k;
    int person = none;
    std::size_t end = k;
    if (!leader_word) {
        if (auto am = match_actor(k, last); am && d_.actors[am->phrase->actor].kind == ActorKind::person) {
            person = node_for_actor(am->phrase->actor);
            end = am->end;
        } else if (std::size_t ne = match_name(k, last); ne > k) {
            // the title must be written as a title (capitalised, or with an owner / counterpart)
            if (toks_[j].capitalized || owner >= 0 || counterpart || k == tm->end) {
                auto found = surname_.find(key(ne - 1));
                std::string name = surface(k, ne);
                if (ne - k == 1 && found != surname_.end()) {
                    person = found->second;
                } else {
                    person = node_for_unknown_person(name);
                }
                end = ne;
            }
        }
    }
    if (person == none && comma) {
        end = tm->end;
    }
    if (person != none) {
        if (owner >= 0) add_office(person, node_for_actor(static_cast<std::uint32_t>(owner)),
                                   counterpart ? "counterpart" : tm->title);
        Mention m;
        m.b = i;
        m.e = end;
        m.nodes = {person};
        m.person = true;
        const std::size_t after = appositive(end, last, person);
        m.e = after > end && after <= last ? (key(after - 1) == "," ? after - 1 : after) : end;
        return m;
    }
    // A role phrase without a name refers back: "the Russian president", "the emir".
    if (had_the || owner >= 0) {
        if (tm->end < last && toks_[tm->end].capitalized && !is_at(W::not_name, tm->end) &&
            toks_[tm->end].word)
            return std::nullopt;
        if (counterpart) return std::nullopt;
        const int owner_node = owner >= 0 ? node_for_actor(static_cast<std::uint32_t>(owner)) : none;
        if (!had_the && owner < 0) return std::nullopt;
        if (owner < 0 && !had_the) return std::nullopt;
        const int who = resolve_role(owner_node, tm->title, tm->rank, leader_word);
        if (who == none) {
            if (owner_node == none) return std::nullopt;
            Mention m;
            m.b = i;
            m.e = owner_end;
            m.nodes = {owner_node};
            m.form = Form::name;
            return m;
        }
        Mention m;
        m.b = i;
        m.e = tm->end;
        m.nodes = {who};
        m.person = nodes_[who].is_person;
        return m;
    }
    return std::nullopt;
}

void ArticleRun::find_mentions(SentenceData& s) {
    const std::size_t first = s.first, last = s.last;
    for (std::size_t i = first; i < last;) {
        const Token& t = toks_[i];
        if (!t.word) {
            ++i;
            continue;
        }
        // "the two leaders", "both sides", "the parties": the pair named last ("talks between A and B"),
        // else the last two persons or states of the article.
        {
            std::size_t j = i;
            if (key(j) == "the" && j + 1 < last) ++j;
            const bool counted = (key(j) == "two" || key(j) == "both") && j + 1 < last;
            const bool bare = !counted && j > i && (key(j) == "parties" || key(j) == "delegations" || key(j) == "sides");
            if (bare) --j;  // "the parties": the same as "the two parties"
            if (counted || (bare && pair_[1].size() == 2)) {
                const bool people = is_at(W::plural_people, j + 1);
                const bool states = is_at(W::plural_states, j + 1);
                if (people || states) {
                    auto nodes = pair_[people ? 0 : 1].size() == 2 ? pair_[people ? 0 : 1] : recent_nodes(people, 2);
                    if (states && nodes.size() < 2) nodes = recent_nodes(false, 2);
                    if (nodes.size() == 2) {
                        Mention m;
                        m.b = i;
                        m.e = j + 2;
                        m.nodes = nodes;
                        m.person = people;
                        s.mentions.push_back(m);
                        i = j + 2;
                        continue;
                    }
                }
            }
        }
        const auto direct = match_actor(i, last);
        const bool known_person = direct && d_.actors[direct->phrase->actor].kind == ActorKind::person;
        if (auto pm = known_person ? std::nullopt : person_at(i, s)) {
            for (int n : pm->nodes)
                if (nodes_[n].is_person) {
                    person_order_.push_back(n);
                    if (auto last_name = short_name(nodes_[n].node.name); !last_name.empty())
                        surname_[fold_key(last_name)] = n;
                    for (const auto& o : nodes_[n].offices)
                        if (nodes_[o.first].node.kind == "state") state_order_.push_back(o.first);
                }
            s.mentions.push_back(*pm);
            i = pm->e;
            continue;
        }
        if (auto am = direct) {
            const ActorPhrase& ap = *am->phrase;
            const Actor& a = d_.actors[ap.actor];
            const bool single_name = am->end - i == 1 && (ap.form == Form::name || ap.form == Form::alias);
            if (a.kind != ActorKind::person &&
                (proper_noun_neighbour(i, am->end, first, last) ||
                 (single_name && foreign_surnames_.count(key(i))))) {
                if (t.capitalized) {
                    // part of another proper name: remember its last word ("Michael Jordan" -> Jordan)
                    std::size_t ne = match_name(i, last);
                    if (ne > i + 1) foreign_surnames_.insert(key(ne - 1));
                    if (single_name && i > first && toks_[i - 1].capitalized && toks_[i - 1].word)
                        foreign_surnames_.insert(key(i));
                    i = std::max(ne, i + 1);
                } else {
                    ++i;
                }
                continue;
            }
            Mention m;
            m.b = i;
            m.e = am->end;
            m.form = ap.form;
            const bool after_place_word = (i > first && is_at(W::locative, i - 1)) ||
                                          (i > first + 1 && key(i - 1) == "the" && is_at(W::locative, i - 2));
            if (ap.form == Form::metonym && after_place_word && a.kind == ActorKind::state) {
                m.nodes = {node_for_group("location", surface(key(i) == "the" ? i + 1 : i, am->end))};
                m.locative = true;
            } else {
                const int n = node_for_actor(ap.actor);
                m.nodes = {n};
                m.person = a.kind == ActorKind::person;
                m.locative = after_place_word && ap.form != Form::adjective;
                if (m.person) {
                    person_order_.push_back(n);
                    const std::size_t after = appositive(am->end, last, n);
                    if (after > am->end) m.e = key(after - 1) == "," ? after - 1 : after;
                    for (const auto& o : nodes_[n].offices)
                        if (nodes_[o.first].node.kind == "state") state_order_.push_back(o.first);
                } else if (a.kind == ActorKind::state && !m.locative) {
                    state_order_.push_back(n);
                } else if (a.kind == ActorKind::organization) {
                    org_order_.push_back(n);
                }
            }
            s.mentions.push_back(m);
            i = m.e;
            continue;
        }
        // Surname of a person named earlier in the article ("Zelenskyy", "Fidan").
        if (t.capitalized) {
            auto it = surname_.find(t.key);
            if (it != surname_.end() && !(i + 1 < last && toks_[i + 1].capitalized && toks_[i + 1].word)) {
                Mention m;
                m.b = i;
                m.e = i + 1;
                m.nodes = {it->second};
                m.person = true;
                person_order_.push_back(it->second);
                s.mentions.push_back(m);
                ++i;
                continue;
            }
            // An unknown name with an appositive title: "Sufian Qudah, the Jordanian foreign ministry spokesman,"
            std::size_t ne = match_name(i, last);
            if (ne > i + 1 && ne < last && key(ne) == ",") {
                const int before = static_cast<int>(nodes_.size());
                const int person = node_for_unknown_person(surface(i, ne));
                const std::size_t after = appositive(ne, last, person);
                if (after > ne) {
                    Mention m;
                    m.b = i;
                    m.e = key(after - 1) == "," ? after - 1 : after;
                    m.nodes = {person};
                    m.person = true;
                    person_order_.push_back(person);
                    surname_[key(ne - 1)] = person;
                    s.mentions.push_back(m);
                    i = m.e;
                    continue;
                }
                if (static_cast<int>(nodes_.size()) > before && nodes_[person].offices.empty()) {
                    nodes_.pop_back();  // not a person after all
                    node_of_name_.erase("person\t" + fold_key(surface(i, ne)));
                }
            }
            if (ne > i + 1) {
                foreign_surnames_.insert(key(ne - 1));
                i = ne;
                continue;
            }
        }
        // "the alliance", "the bloc": the organization named last.
        // "the group", "the movement": the armed group or party named last (Hamas, Hezbollah), never a news agency.
        if (is(W::org_anaphor, t.key) && i > first && key(i - 1) == "the") {
            const bool movement = t.key == "group" || t.key == "movement" || t.key == "militia";
            int found = none;
            std::size_t seen = 0;  // bounded like every other look-back: long texts stay linear
            for (auto it = org_order_.rbegin(); it != org_order_.rend() && found == none && seen++ < 200; ++it) {
                const auto& category = nodes_[*it].actor >= 0 ? d_.actors[nodes_[*it].actor].category : std::string();
                if (category == "media" || category == "company") continue;
                if (movement && category != "non_state_armed" && category != "political_party") continue;
                found = *it;
            }
            if (found != none) {
                Mention m;
                m.b = i - 1;
                m.e = i + 1;
                m.nodes = {found};
                s.mentions.push_back(m);
                ++i;
                continue;
            }
        }
        // Pronouns are resolved in the relation pass, in reading order.
        if (is(W::person_pronoun_subject, t.key) || is(W::person_pronoun_object, t.key) ||
            is(W::first_person, t.key) || t.key == "his") {
            Mention m;
            m.b = i;
            m.e = i + 1;
            m.pronoun = t.key;
            m.person = true;
            s.mentions.push_back(m);
        }
        ++i;
    }
    remember_pairs(s);
}

// "A and B", "between A and B": two persons or two states joined by "and" become the article's current pair.
void ArticleRun::remember_pairs(const SentenceData& s) {
    for (std::size_t k = 0; k + 1 < s.mentions.size(); ++k) {
        const Mention& a = s.mentions[k];
        const Mention& b = s.mentions[k + 1];
        if (a.nodes.size() != 1 || b.nodes.size() != 1 || a.nodes[0] == b.nodes[0] || !a.pronoun.empty() ||
            !b.pronoun.empty() || b.b < a.e || b.b > a.e + 2 || key(a.e) != "and")
            continue;
        const bool people = nodes_[a.nodes[0]].is_person && nodes_[b.nodes[0]].is_person;
        auto collective = [&](int n) {  // a state or an organization such as Hamas
            return nodes_[n].node.kind == "state" || nodes_[n].node.kind == "organization";
        };
        const bool states = collective(a.nodes[0]) && collective(b.nodes[0]);
        if (people || states) pair_[people ? 0 : 1] = {a.nodes[0], b.nodes[0]};
        if (people) {
            // "He Lifeng and Scott Bessent ... the two delegations": the states the two people serve
            auto state_of = [&](int person) {
                for (const auto& o : nodes_[person].offices)
                    if (nodes_[o.first].node.kind == "state") return o.first;
                return none;
            };
            const int sa = state_of(a.nodes[0]), sb = state_of(b.nodes[0]);
            if (sa != none && sb != none && sa != sb) pair_[1] = {sa, sb};
        }
    }
}

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
int ArticleRun::proposal_node(const std::string& type, std::size_t b, std::size_t e, bool anaphoric,
                              const SentenceData& s) {
    auto attrs = proposal_attributes(type, b, e, s);
    if (anaphoric && type == "other" && !proposal_recent_.empty()) return proposal_recent_.back();
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
    std::string name;
    if (attrs.contains("duration_days")) name += std::to_string(attrs["duration_days"].get<int>()) + "-day ";
    if (attrs.contains("duration_hours")) name += std::to_string(attrs["duration_hours"].get<int>()) + "-hour ";
    if (attrs.contains("unconditional")) name += "unconditional ";
    std::string phrase = surface(b, e);
    if (phrase.size() > 80) phrase = phrase.substr(0, 80);
    name += type == "other" ? phrase : phrase;
    r.node.name = name;
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
        if (p + 1 < props.size()) {
            const ProposalCue& nc = d_.proposals[props[p + 1].id];
            const std::size_t gap_b = e, gap_e = props[p + 1].b;
            bool linked = false;
            if (gap_b == gap_e) linked = generic != nc.type.empty();  // "ceasefire proposal", "proposal" "talks"
            else if (gap_e - gap_b <= 9 && (key(gap_b) == "for" || key(gap_b) == "to" || key(gap_b) == "of" ||
                                             key(gap_b) == "on" || key(gap_b) == "that" || key(gap_b) == "with"))
                linked = generic || nc.type.empty();
            else if (generic && gap_e - gap_b <= 16 && (key(gap_b) == "by" || key(gap_b) == "from"))
                // "the proposal by Trump's envoy, Steve Witkoff, for a temporary ceasefire"
                for (std::size_t k = gap_b + 2; k < gap_e && !linked; ++k)
                    linked = key(k) == "for" && key(k - 1) == ",";
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
        const bool concluded = b > first + 1 && (key(b - 1) == "a" || key(b - 1) == "an") && is_at(W::deal_verb, b - 2);
        const bool anaphoric = concluded ||
                               (b > first && (key(b - 1) == "the" || key(b - 1) == "this" || key(b - 1) == "that" ||
                                              key(b - 1) == "'s" || is_at(W::possessive_pronoun, b - 1)));
        if (generic) {
            if (nominal != "proposed" && !anaphoric) continue;  // "a deal", "a call" alone is no measure
            if (nominal == "demanded") continue;
            type = "other";
        }
        ProposalMention pm;
        pm.b = b;
        pm.e = e;
        pm.nominal = nominal;
        pm.generic_only = generic;
        pm.node = proposal_node(type, b, e, generic && anaphoric, s);
        s.proposals.push_back(pm);
    }
    if (!proposal_recent_.empty()) s.latest_proposal = proposal_recent_.back();
}

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
        if (m.b < quote_speaker_.size() && quote_speaker_[m.b] == pronoun_speaker && last_subject_person_ != none)
            return {last_subject_person_};
        if (m.b < quote_speaker_.size() && quote_speaker_[m.b] >= 0) return {quote_speaker_[m.b]};
        return {};
    }
    if (p == "he" || p == "she" || p == "his" || (p == "her" && m.e < s.last && !toks_[m.e].word)) {
        if (int antecedent = subject_antecedent(m, s); antecedent != none) return {antecedent};
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
        // "Saudi Arabia, Qatar and the Gulf Cooperation Council (GCC) praised": the list ends before the parenthesis
        if (m->b > s.first + 1 && key(m->b - 1) == "(")
            if (const Mention* named = mention_ending_before(s, m->b - 1); named && named->e == m->b - 1) m = named;
        auto list = coordinated(s, m, true);
        const Mention* head = list.front();
        if (head->b > s.first && is_at(W::preposition, head->b - 1)) {
            const std::string& p = key(head->b - 1);
            // "with Russia refusing to discuss": an absolute clause whose subject is the actor
            const bool absolute = p == "with" && m->e == k && ends_with_ing(key(cue.b));
            // "officials from the two countries agreed", "a spokesperson for the Chinese embassy said"
            const bool spokesman = (p == "from" || p == "of" || p == "for") && head->b >= s.first + 2 &&
                                   is_at(W::role_noun, head->b - 2);
            if (!absolute && !spokesman) {
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
        std::vector<int> accusers;
        if (in_quote_[i]) {
            const int speaker = quote_speaker_[i] == pronoun_speaker ? last_subject_person_ : quote_speaker_[i];
            if (speaker != none) accusers = {speaker};
        } else {
            for (const auto& m : s.markers)
                if (m.kind == "report" && m.b < i) {
                    accusers = main_clause_subjects(s, m.b);
                    break;
                }
        }
        for (int accuser : accusers)
            for (int violator : violators)
                if (!same_side(violator, {accuser}))
                    emit(accuser, "criticized", violator, false, "reported", index, s, "accusation '" + key(i) + "'");
    }
}

// The first clause subject of the sentence: the nearest actor from the start that no preposition governs.
std::vector<int> ArticleRun::main_clause_subjects(SentenceData& s, std::size_t before) {
    for (std::size_t i = s.first; i < before; ++i) {
        const Mention* m = mention_at(s, i);
        if (!m || m->b != i) continue;
        i = m->e - 1;
        if (m->locative || (m->b > s.first && is_at(W::preposition, m->b - 1))) continue;
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
            if (int holder = office_holder(next->nodes[0], title, false); holder != none) return holder;
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
    // "proposal by X", "offer from X"
    for (const auto& p : s.proposals) {
        if (p.nominal != "proposed" || p.e + 1 >= last) continue;
        if (key(p.e) != "by" && key(p.e) != "from") continue;
        if (const Mention* m = mention_at(s, p.e + 1); m && m->b == p.e + 1) {
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

}  // namespace

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
