#pragma once
// Internal to the extractor: the state of one article's extraction and the passes over it. Split by pass:
// actors.cpp (names, titles, people, the mention finder), proposals.cpp (cue, proposal and marker spans;
// proposal nodes), quotes.cpp (quotations and their speakers), clauses.cpp (shallow grammar: mentions,
// coreference, coordination, subjects and objects), relations.cpp (the relation rules and edges) and
// extractor.cpp (the article loop, the output graph and the public Extractor).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/article.hpp"
#include "ingest/article_graph.hpp"
#include "ingest/dictionaries.hpp"
#include "ingest/text.hpp"

namespace parley::ingest::detail {

constexpr int none = -1;
// Word classes of cues/words.tsv the grammar asks about, looked up once per article (not per token).
enum W { adverb, be, determiner, first_person, honorific, locative, name_particle, not_name, org_anaphor, person_pronoun_object, person_pronoun_subject, place_breaker, plural_people, plural_states, possessive_pronoun, title_modifier, fronting, clause_opener, mediation, preposition, role_noun, event_anaphor, host_verb, purpose_head, deal_verb, accusation, object_stop, call_noun, subject_word, deal_noun, not_a_deal, word_class_count };
inline const char* const word_class_names[] = {"adverb", "be", "determiner", "first_person", "honorific", "locative", "name_particle", "not_name", "org_anaphor", "person_pronoun_object", "person_pronoun_subject", "place_breaker", "plural_people", "plural_states", "possessive_pronoun", "title_modifier", "fronting", "clause_opener", "mediation", "preposition", "role_noun", "event_anaphor", "host_verb", "purpose_head", "deal_verb", "accusation", "object_stop", "call_noun", "subject_word", "deal_noun", "not_a_deal"};

// The name a person is called by on second mention: the last word, or the one before a regnal number
// ("Leo" of "Pope Leo XIV"); empty for a one-word name.
inline std::string short_name(const std::string& name) {
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

inline bool ends_with_ing(const std::string& w) { return w.size() > 5 && w.compare(w.size() - 3, 3, "ing") == 0; }

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
    std::size_t head_e = 0;  // end of the first phrase: "proposal" in "proposal by Putin to resume talks"
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
    template <class M, class Compute>
    static std::optional<M> memoised(std::vector<Memo<M>>& memo, std::size_t i, std::size_t last, Compute compute) {
        if (i < memo.size() && memo[i].limit == last) return memo[i].match;
        auto found = compute();
        if (i < memo.size()) memo[i] = {last, found};
        return found;
    }
    std::size_t match_name(std::size_t i, std::size_t last) const;
    bool proper_noun_neighbour(std::size_t b, std::size_t e, std::size_t first, std::size_t last) const;
    void find_mentions(SentenceData& s);
    void remember_pairs(const SentenceData& s);
    std::optional<Mention> person_at(std::size_t i, SentenceData& s);
    std::size_t appositive(std::size_t i, std::size_t last, int person);
    int resolve_role(int owner, const std::string& title, const std::string& rank, bool leader_word);
    int office_holder(int owner, const std::string& title, bool leader_word);
    int cached_office_holder(int owner, const std::string& title, bool leader_word);
    bool is_press(int node) const;
    std::map<std::tuple<int, std::string, bool>, int> role_cache_;
    std::vector<int> recent_nodes(bool persons, std::size_t count) const;

    // --- proposals, cues, markers
    void find_spans(SentenceData& s);
    bool looks_like_noun(std::size_t i, const SentenceData& s) const;
    int proposal_node(const std::string& type, std::size_t b, std::size_t e, std::size_t name_b, std::size_t name_e,
                      bool anaphoric, const SentenceData& s);
    nlohmann::json proposal_attributes(const std::string& type, std::size_t b, std::size_t e, const SentenceData& s);

    // --- relations
    void find_quotes();
    void relations(std::size_t index, SentenceData& s);
    const Mention* mention_at(const SentenceData& s, std::size_t tok) const;
    bool proposal_at_or_after(const SentenceData& s, std::size_t from, std::size_t to) const;
    const Mention* mention_ending_before(const SentenceData& s, std::size_t tok) const;
    std::vector<int> resolve(const Mention& m, const SentenceData& s);
    int subject_antecedent(const Mention& pronoun, const SentenceData& s) const;
    int speaker_of_quote_at(std::size_t tok) const;
    int fronted_subject(const Mention& pronoun, const SentenceData& s) const;
    std::vector<int> main_clause_subjects(SentenceData& s, std::size_t before);
    bool speaks_for(const SentenceData& s, const Mention& m) const;
    bool refusal_before(const SentenceData& s, std::size_t cue_b) const;
    int warning_target(SentenceData& s, std::size_t from, const std::vector<int>& subjects);
    int gapped_proposal(const SentenceData& s, std::size_t cue_b) const;
    bool same_side(int node, const std::vector<int>& others) const;
    int counterpart(const Mention& possessive, SentenceData& s);
    void mediators(std::size_t index, SentenceData& s);
    void accusations(std::size_t index, SentenceData& s);
    void calls_between(std::size_t index, SentenceData& s);
    std::vector<int> reporters_of(SentenceData& s, std::size_t at, bool trailing);
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

}  // namespace parley::ingest::detail
