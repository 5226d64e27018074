#pragma once
// Dictionaries: the actor, title, cue and proposal tables read from dictionaries/ (see dictionaries/README.md
// and dictionaries/cues/README.md), compiled into token tries for longest-match lookup.
// Built once by load_dictionaries(); immutable afterwards, so any number of threads may read it.
// Loading fails with an error naming the file and line of the first malformed record.

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"
#include "ingest/text.hpp"

namespace parley::ingest {

enum class ActorKind { state, organization, person };

// How a dictionary phrase names its actor: "Russia" (name), "Russian" (adjective), "the Kremlin" (metonym)...
enum class Form { name, alias, adjective, demonym, metonym };

struct Office {
    std::string title;
    std::uint32_t of = 0;  // actor index of the state or organization
    std::string from;      // YYYY-MM-DD or empty
    std::string to;        // YYYY-MM-DD or empty (still in office)
};

struct Actor {
    ActorKind kind = ActorKind::state;
    std::string name;
    std::string category;          // organizations only
    std::uint32_t country = ~0u;   // organizations: the state a domestic body belongs to
    std::vector<Office> offices;   // people only
    bool holds(const Office& office, const std::string& date) const;
};

struct Title {
    std::string title;  // canonical ("Foreign Minister")
    std::string rank;   // head_of_state, minister, spokesperson, ...
};

enum class CueKind { verb, noun };
enum class ObjectKind { actor, proposal, either, none };

// One relation cue line of cues/relations.tsv.
struct Cue {
    std::string relation;
    CueKind kind = CueKind::verb;
    ObjectKind object = ObjectKind::actor;
    std::string pattern;  // the phrase as written in the file (shown by explain mode)
    std::string origin;   // "relations.tsv:12"
};

// One proposal phrase of proposals/proposals.tsv.
struct ProposalCue {
    std::string type;    // ontology proposal type, or empty for a generic head ("plan", "proposal")
    std::string nominal; // relation implied for its possessor: proposed (a plan), demanded (a demand)...
    std::string pattern;
    std::string origin;
};

// Every token key that some dictionary phrase or word class uses, numbered from 1. Tokens of an article
// are looked up once (Token::id); phrase matching then compares integers, not strings.
class Vocabulary {
public:
    std::uint32_t intern(const std::string& key);
    std::uint32_t find(const std::string& key) const;  // 0 when unknown
    std::size_t size() const { return ids_.size(); }
    void assign(std::vector<Token>& tokens) const;

private:
    std::unordered_map<std::string, std::uint32_t> ids_;
};

// Token trie over Token::id sequences. A "*" slot in a phrase matches a gap of 1..5 tokens.
// Each match reports the end token and the payload ids attached to the phrase.
class PhraseTrie {
public:
    void add(const std::vector<std::string>& keys, std::uint32_t payload, Vocabulary& vocabulary);
    // Calls visit(end, payloads) for every phrase matching tokens[begin, end) with end <= limit.
    template <class Visit>
    void match(const std::vector<Token>& tokens, std::size_t begin, std::size_t limit, Visit&& visit) const {
        if (nodes_.empty()) return;
        walk(tokens, 0, begin, limit, visit);
    }
    bool empty() const { return nodes_.size() <= 1; }

private:
    struct Node {
        std::unordered_map<std::uint32_t, std::uint32_t> next;  // token id -> child
        std::uint32_t gap = 0;  // child reached through a "*" slot, 0 if none
        std::vector<std::uint32_t> payloads;
    };
    template <class Visit>
    void walk(const std::vector<Token>& tokens, std::uint32_t node, std::size_t pos, std::size_t limit,
              Visit& visit) const {
        const Node& nd = nodes_[node];
        if (!nd.payloads.empty() && node != 0) visit(pos, nd.payloads);
        if (pos < limit && tokens[pos].id != 0) {
            auto it = nd.next.find(tokens[pos].id);
            if (it != nd.next.end()) walk(tokens, it->second, pos + 1, limit, visit);
        }
        if (nd.gap)
            for (std::size_t skip = 1; skip <= 5 && pos + skip <= limit; ++skip)
                walk(tokens, nd.gap, pos + skip, limit, visit);
    }
    std::vector<Node> nodes_;
};

// A phrase that names an actor, with how its tokens must be written (case-aware matching:
// "US" must be upper case, "Turkey" capitalised, "of" anything).
struct ActorPhrase {
    std::uint32_t actor = 0;
    Form form = Form::name;
    std::vector<std::uint8_t> case_rule;  // per token: 0 any, 1 capitalised, 2 all capitals
};

struct Dictionaries {
    Vocabulary vocabulary;  // ids of every key the tries and word classes below use

    std::vector<Actor> actors;
    std::unordered_map<std::string, std::uint32_t> actor_by_name;  // canonical name -> index
    std::vector<ActorPhrase> actor_phrases;
    PhraseTrie actor_trie;

    std::vector<Title> titles;
    PhraseTrie title_trie;  // payload: index into titles

    std::vector<Cue> cues;
    PhraseTrie cue_trie;  // payload: index into cues

    // Markers: negation, future, conditional, hypothetical, report, veto, discard (cues/markers.tsv).
    std::vector<std::string> marker_kinds;
    std::vector<std::string> marker_patterns;
    PhraseTrie marker_trie;  // payload: index into marker_kinds

    std::vector<ProposalCue> proposals;
    PhraseTrie proposal_trie;

    // Word classes of cues/words.tsv (abbreviation, honorific, name_particle, ...): class -> keys.
    std::unordered_map<std::string, std::unordered_set<std::string>> words;
    bool is(const std::string& word_class, const std::string& key) const;
    const std::unordered_set<std::string>& word_class(const std::string& name) const;
};

// Reads actors/*.tsv (a missing actor file is an empty table), cues/*.tsv and proposals/*.tsv.
Result<Dictionaries> load_dictionaries(const std::filesystem::path& dir);

// Splits a dictionary phrase into token keys the way article text is tokenised ("al-Sharaa" -> al - sharaa).
std::vector<std::string> phrase_keys(std::string_view phrase);

}  // namespace parley::ingest
