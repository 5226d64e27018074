// Actors of an article: nodes, dictionary names, titles, unknown people with their titles, and the mention finder.
#include <algorithm>

#include "ingest/article_run.hpp"

namespace parley::ingest::detail {

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

// Memoised per token: the grammar asks about the same token many times (names, titles, neighbours).
std::optional<ArticleRun::ActorMatch> ArticleRun::match_actor(std::size_t i, std::size_t last) const {
    return memoised(actor_memo_, i, last, [&] { return match_actor_uncached(i, last); });
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
    return memoised(title_memo_, i, last, [&] { return match_title_uncached(i, last); });
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
    return cached_office_holder(owner, title, leader_word);
}

// office_holder, asked once per article for each office: it scans every dictionary person.
int ArticleRun::cached_office_holder(int owner, const std::string& title, bool leader_word) {
    const auto cache_key = std::make_tuple(owner, fold_key(title), leader_word);
    if (auto it = role_cache_.find(cache_key); it != role_cache_.end()) return it->second;
    const int found = office_holder(owner, title, leader_word);
    role_cache_.emplace(cache_key, found);
    return found;
}

// News outlets and companies report news; they are not the group a text refers back to, nor announcers.
bool ArticleRun::is_press(int node) const {
    const int actor = nodes_[node].actor;
    return actor >= 0 && (d_.actors[actor].category == "media" || d_.actors[actor].category == "company");
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
            const bool bare = !counted && j > i &&
                              (key(j) == "parties" || key(j) == "delegations" || key(j) == "sides" || key(j) == "leaders");
            if (bare) --j;  // "the parties": the same as "the two parties"
            if (counted || (bare && pair_[key(j + 1) == "leaders" ? 0 : 1].size() == 2)) {
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
            // "in Muscat and Rome": a place coordinated with a venue is a venue too
            const bool after_venue = i > first + 1 && key(i - 1) == "and" && !s.mentions.empty() &&
                                     s.mentions.back().locative && s.mentions.back().e == i - 1;
            const bool after_place_word = (i > first && is_at(W::locative, i - 1)) || after_venue ||
                                          (i > first + 1 && key(i - 1) == "the" && is_at(W::locative, i - 2));
            if (ap.form == Form::metonym && after_place_word && a.kind == ActorKind::state) {
                m.nodes = {node_for_group("location", surface(key(i) == "the" ? i + 1 : i, am->end))};
                m.locative = true;
            } else {
                const int n = node_for_actor(ap.actor);
                m.nodes = {n};
                m.person = a.kind == ActorKind::person;
                m.locative = after_place_word && ap.form != Form::adjective && a.kind != ActorKind::person;  // "extended gratitude to Trump"
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
                if (is_press(*it)) continue;
                const auto& category = nodes_[*it].actor >= 0 ? d_.actors[nodes_[*it].actor].category : std::string();
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
        // "his Russian and US counterparts" names two people, not the pair of states
        if (b.e < s.last && is_at(W::plural_people, b.e)) continue;
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
            if (sa != none && sb != none && sa != sb && pair_[1].empty()) pair_[1] = {sa, sb};
        }
    }
}

}  // namespace parley::ingest::detail
