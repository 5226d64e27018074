#include "ingest/dictionaries.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ingest/utf8.hpp"

namespace parley::ingest {
namespace {

namespace fs = std::filesystem;

const std::unordered_set<std::string> relations = {
    "called",  "met",       "proposed", "demanded", "accepted", "rejected", "welcomed", "supported",
    "praised", "criticized", "urged",   "warned",   "sanctioned", "announced", "mediated"};
const std::unordered_set<std::string> proposal_types = {
    "ceasefire", "peace_agreement", "peace_talks", "memorandum", "sanctions", "prisoner_exchange", "meeting",
    "security_guarantees", "military_aid", "humanitarian_aid", "troop_withdrawal", "hostage_release",
    "trade_deal", "tariffs", "nuclear_deal", "resolution", "election", "referendum", "territorial_arrangement",
    "other"};
const std::unordered_set<std::string> marker_kinds = {"negation", "future",  "conditional", "hypothetical",
                                                      "report",   "veto",    "discard"};

// One record of a TSV file: its fields and where it came from (for error messages).
struct Record {
    std::vector<std::string> fields;
    std::string where;  // "file:line"
};

Error bad(const std::string& where, const std::string& what) {
    return make_error(ErrorCode::invalid_input, where + ": " + what);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    if (s.empty()) out.emplace_back();
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \r");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \r");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> values(const std::string& field) {
    std::vector<std::string> out;
    if (field.empty()) return out;
    for (auto& v : split(field, '|')) {
        auto t = trim(v);
        if (!t.empty()) out.push_back(t);
    }
    return out;
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

// Reads a TSV file: comments and blank lines skipped; each record must have between min and max fields.
Result<std::vector<Record>> read_tsv(const fs::path& path, std::size_t min_fields, std::size_t max_fields,
                                     bool required) {
    std::vector<Record> out;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (!required) return out;
        return make_error(ErrorCode::io_error, path.string() + ": cannot open dictionary file");
    }
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string where = path.filename().string() + ":" + std::to_string(number);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
        if (find_invalid_utf8(line))
            return bad(path.string() + ":" + std::to_string(number), "not valid UTF-8");
        auto fields = split(line, '\t');
        for (auto& f : fields) f = trim(f);
        if (fields.size() < min_fields || fields.size() > max_fields)
            return bad(path.string() + ":" + std::to_string(number),
                       "expected " + (min_fields == max_fields ? std::to_string(max_fields)
                                                               : std::to_string(min_fields) + " to " +
                                                                     std::to_string(max_fields)) +
                           " tab-separated fields, got " + std::to_string(fields.size()));
        fields.resize(max_fields);
        if (fields[0].empty()) return bad(path.string() + ":" + std::to_string(number), "first field is empty");
        out.push_back({std::move(fields), where});
    }
    return out;
}

// Expands "meet|met|meets with" into every token-key sequence it stands for.
std::vector<std::vector<std::string>> expand(const std::string& pattern) {
    std::vector<std::vector<std::string>> out{{}};
    std::istringstream in(pattern);
    std::string slot;
    while (in >> slot) {
        std::vector<std::vector<std::string>> next;
        for (const auto& alt : split(slot, '|')) {
            const auto keys = alt == "*" ? std::vector<std::string>{"*"} : phrase_keys(alt);
            for (const auto& prefix : out) {
                auto p = prefix;
                p.insert(p.end(), keys.begin(), keys.end());
                next.push_back(std::move(p));
            }
        }
        out = std::move(next);
        if (out.size() > 4096) break;  // a runaway pattern; the rest would only repeat
    }
    return out;
}

std::uint8_t case_rule_of(std::string_view word) {
    std::size_t letters = 0;
    for (unsigned char c : word)
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++letters;
    const auto toks = tokenize(word);
    if (toks.empty() || !toks[0].word) return 0;
    const bool cap = toks[0].capitalized;
    const bool all = toks[0].all_caps;
    if (all && letters >= 2 && letters <= 3) return 2;  // "US", "EU", "UN": never "us", "Un"
    return cap ? 1 : 0;
}

}  // namespace

bool Actor::holds(const Office& office, const std::string& date) const {
    if (date.empty()) return office.to.empty();
    if (!office.from.empty() && date < office.from) return false;
    if (!office.to.empty() && date > office.to) return false;
    return true;
}

std::uint32_t Vocabulary::intern(const std::string& key) {
    return ids_.emplace(key, static_cast<std::uint32_t>(ids_.size() + 1)).first->second;
}

std::uint32_t Vocabulary::find(const std::string& key) const {
    auto it = ids_.find(key);
    return it == ids_.end() ? 0 : it->second;
}

void Vocabulary::assign(std::vector<Token>& tokens) const {
    for (auto& t : tokens) t.id = find(t.key);
}

void PhraseTrie::add(const std::vector<std::string>& keys, std::uint32_t payload, Vocabulary& vocabulary) {
    if (nodes_.empty()) nodes_.emplace_back();
    std::uint32_t cur = 0;
    for (const auto& k : keys) {
        if (k == "*") {
            if (!nodes_[cur].gap) {
                nodes_[cur].gap = static_cast<std::uint32_t>(nodes_.size());
                nodes_.emplace_back();
            }
            cur = nodes_[cur].gap;
            continue;
        }
        const auto word = vocabulary.intern(k);
        auto it = nodes_[cur].next.find(word);
        if (it == nodes_[cur].next.end()) {
            const auto id = static_cast<std::uint32_t>(nodes_.size());
            nodes_[cur].next.emplace(word, id);
            nodes_.emplace_back();
            cur = id;
        } else {
            cur = it->second;
        }
    }
    if (cur != 0) nodes_[cur].payloads.push_back(payload);
}

std::vector<std::string> phrase_keys(std::string_view phrase) {
    std::vector<std::string> out;
    const auto norm = normalize_text(phrase);
    for (auto& t : tokenize(norm.text)) out.push_back(std::move(t.key));
    return out;
}

bool Dictionaries::is(const std::string& word_class, const std::string& key) const {
    auto it = words.find(word_class);
    return it != words.end() && it->second.count(key);
}

const std::unordered_set<std::string>& Dictionaries::word_class(const std::string& name) const {
    static const std::unordered_set<std::string> none;
    auto it = words.find(name);
    return it == words.end() ? none : it->second;
}

namespace {

// Registers one surface form of an actor in the trie. A leading "the" is dropped: the extractor
// treats determiners itself, and "the Kremlin" must match "Kremlin" too.
void add_actor_phrase(Dictionaries& d, std::uint32_t actor, Form form, const std::string& phrase) {
    const auto norm = normalize_text(phrase);
    auto toks = tokenize(norm.text);
    if (!toks.empty() && toks[0].key == "the") toks.erase(toks.begin());
    if (toks.empty()) return;
    ActorPhrase ap;
    ap.actor = actor;
    ap.form = form;
    std::vector<std::string> keys;
    for (const auto& t : toks) {
        keys.push_back(t.key);
        ap.case_rule.push_back(case_rule_of(norm.text.substr(t.begin, t.end - t.begin)));
    }
    d.actor_trie.add(keys, static_cast<std::uint32_t>(d.actor_phrases.size()), d.vocabulary);
    d.actor_phrases.push_back(std::move(ap));
}

Result<std::uint32_t> new_actor(Dictionaries& d, ActorKind kind, const std::string& name, const std::string& where) {
    if (d.actor_by_name.count(name)) {
        const auto id = d.actor_by_name[name];
        if (d.actors[id].kind == kind && kind == ActorKind::person) return id;  // another office line
        return bad(where, "'" + name + "' is already defined");
    }
    const auto id = static_cast<std::uint32_t>(d.actors.size());
    d.actors.push_back(Actor{kind, name, {}, ~0u, {}});
    d.actor_by_name.emplace(name, id);
    return id;
}

Status load_states(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 1, 5, false);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        auto id = new_actor(d, ActorKind::state, r.fields[0], path.string() + r.where.substr(r.where.find(':')));
        if (!id) return id.error();
        add_actor_phrase(d, *id, Form::name, r.fields[0]);
        for (const auto& v : values(r.fields[1])) add_actor_phrase(d, *id, Form::alias, v);
        for (const auto& v : values(r.fields[2])) add_actor_phrase(d, *id, Form::adjective, v);
        for (const auto& v : values(r.fields[3])) add_actor_phrase(d, *id, Form::demonym, v);
        for (const auto& v : values(r.fields[4])) add_actor_phrase(d, *id, Form::metonym, v);
    }
    return ok_status();
}

Status load_organizations(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 1, 5, false);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        const std::string where = path.string() + r.where.substr(r.where.find(':'));
        auto id = new_actor(d, ActorKind::organization, r.fields[0], where);
        if (!id) return id.error();
        d.actors[*id].category = r.fields[2];
        if (!r.fields[3].empty()) {
            auto it = d.actor_by_name.find(r.fields[3]);
            if (it == d.actor_by_name.end() || d.actors[it->second].kind != ActorKind::state)
                return bad(where, "country '" + r.fields[3] + "' is not a state of states.tsv");
            d.actors[*id].country = it->second;
        }
        add_actor_phrase(d, *id, Form::name, r.fields[0]);
        for (const auto& v : values(r.fields[1])) add_actor_phrase(d, *id, Form::alias, v);
        for (const auto& v : values(r.fields[4])) add_actor_phrase(d, *id, Form::adjective, v);
    }
    return ok_status();
}

Status load_titles(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 2, 3, false);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        if (r.fields[1].empty()) return bad(path.string() + r.where.substr(r.where.find(':')), "title is empty");
        d.title_trie.add(phrase_keys(r.fields[0]), static_cast<std::uint32_t>(d.titles.size()), d.vocabulary);
        d.titles.push_back({r.fields[1], r.fields[2]});
    }
    return ok_status();
}

Status load_people(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 1, 6, false);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        const std::string where = path.string() + r.where.substr(r.where.find(':'));
        auto id = new_actor(d, ActorKind::person, r.fields[0], where);
        if (!id) return id.error();
        add_actor_phrase(d, *id, Form::name, r.fields[0]);
        for (const auto& v : values(r.fields[1])) add_actor_phrase(d, *id, Form::alias, v);
        const auto& title = r.fields[2];
        const auto& of = r.fields[3];
        if (title.empty() != of.empty()) return bad(where, "title and of must both be given or both be empty");
        for (std::size_t f : {4u, 5u})
            if (!r.fields[f].empty() && !is_date(r.fields[f]))
                return bad(where, "date '" + r.fields[f] + "' is not YYYY-MM-DD");
        if (title.empty()) continue;
        auto it = d.actor_by_name.find(of);
        if (it == d.actor_by_name.end() || d.actors[it->second].kind == ActorKind::person)
            return bad(where, "'" + of + "' is not a state or organization of the dictionaries");
        d.actors[*id].offices.push_back({title, it->second, r.fields[4], r.fields[5]});
    }
    return ok_status();
}

Status load_cues(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 4, 4, true);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        const std::string where = path.string() + r.where.substr(r.where.find(':'));
        Cue cue;
        cue.relation = r.fields[0];
        if (!relations.count(cue.relation)) return bad(where, "unknown relation '" + cue.relation + "'");
        if (r.fields[1] == "verb") cue.kind = CueKind::verb;
        else if (r.fields[1] == "noun") cue.kind = CueKind::noun;
        else return bad(where, "kind must be verb or noun, got '" + r.fields[1] + "'");
        const auto& o = r.fields[2];
        if (o == "actor") cue.object = ObjectKind::actor;
        else if (o == "proposal") cue.object = ObjectKind::proposal;
        else if (o == "either") cue.object = ObjectKind::either;
        else if (o == "none") cue.object = ObjectKind::none;
        else return bad(where, "object must be actor, proposal, either or none, got '" + o + "'");
        cue.pattern = r.fields[3];
        cue.origin = r.where;
        if (cue.pattern.empty()) return bad(where, "pattern is empty");
        const auto id = static_cast<std::uint32_t>(d.cues.size());
        for (const auto& keys : expand(cue.pattern)) d.cue_trie.add(keys, id, d.vocabulary);
        d.cues.push_back(std::move(cue));
    }
    return ok_status();
}

Status load_markers(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 2, 2, true);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        const std::string where = path.string() + r.where.substr(r.where.find(':'));
        if (!marker_kinds.count(r.fields[0])) return bad(where, "unknown marker kind '" + r.fields[0] + "'");
        if (r.fields[1].empty()) return bad(where, "pattern is empty");
        const auto id = static_cast<std::uint32_t>(d.marker_kinds.size());
        for (const auto& keys : expand(r.fields[1])) d.marker_trie.add(keys, id, d.vocabulary);
        d.marker_kinds.push_back(r.fields[0]);
        d.marker_patterns.push_back(r.fields[1] + " (" + r.where + ")");
    }
    return ok_status();
}

Status load_words(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 2, 2, true);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        auto& set = d.words[r.fields[0]];
        for (const auto& v : values(r.fields[1])) {
            set.insert(fold_key(v));
            d.vocabulary.intern(fold_key(v));
        }
    }
    return ok_status();
}

Status load_proposals(Dictionaries& d, const fs::path& path) {
    auto recs = read_tsv(path, 3, 3, true);
    if (!recs) return recs.error();
    for (const auto& r : *recs) {
        const std::string where = path.string() + r.where.substr(r.where.find(':'));
        ProposalCue p;
        p.type = r.fields[0] == "-" ? "" : r.fields[0];
        if (!p.type.empty() && !proposal_types.count(p.type))
            return bad(where, "unknown proposal type '" + r.fields[0] + "'");
        p.nominal = r.fields[1] == "-" ? "" : r.fields[1];
        if (!p.nominal.empty() && !relations.count(p.nominal))
            return bad(where, "unknown relation '" + p.nominal + "'");
        p.pattern = r.fields[2];
        p.origin = r.where;
        if (p.pattern.empty()) return bad(where, "pattern is empty");
        const auto id = static_cast<std::uint32_t>(d.proposals.size());
        for (const auto& keys : expand(p.pattern)) d.proposal_trie.add(keys, id, d.vocabulary);
        d.proposals.push_back(std::move(p));
    }
    return ok_status();
}

}  // namespace

Result<Dictionaries> load_dictionaries(const fs::path& dir) {
    if (!fs::is_directory(dir)) return make_error(ErrorCode::io_error, "dictionaries folder not found: " + dir.string());
    Dictionaries d;
    for (auto step : {std::pair{&load_states, "actors/states.tsv"},
                      std::pair{&load_organizations, "actors/organizations.tsv"},
                      std::pair{&load_titles, "actors/titles.tsv"}, std::pair{&load_people, "actors/people.tsv"},
                      std::pair{&load_cues, "cues/relations.tsv"}, std::pair{&load_markers, "cues/markers.tsv"},
                      std::pair{&load_words, "cues/words.tsv"},
                      std::pair{&load_proposals, "proposals/proposals.tsv"}}) {
        if (auto st = step.first(d, dir / step.second); !st) return st.error();
    }
    return d;
}

}  // namespace parley::ingest
