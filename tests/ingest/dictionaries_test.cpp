// Dictionary loading: validation errors name file and line; the gazetteer is case-aware longest match.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/dictionaries.hpp"
#include "fixture_dictionaries.hpp"

namespace parley::ingest {
namespace {

namespace fs = std::filesystem;

TEST(Dictionaries, LoadsFixtureAndBuildsTries) {
    testing_support::FixtureDictionaries fx;
    auto d = load_dictionaries(fx.dir());
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_TRUE(d->actor_by_name.count("Russia"));
    EXPECT_TRUE(d->actor_by_name.count("Vladimir Putin"));
    const auto& putin = d->actors[d->actor_by_name.at("Vladimir Putin")];
    ASSERT_EQ(putin.offices.size(), 1u);
    EXPECT_TRUE(putin.holds(putin.offices[0], "2025-05-20"));
    EXPECT_FALSE(putin.holds(putin.offices[0], "1999-01-01"));
    EXPECT_FALSE(d->cues.empty());
    EXPECT_FALSE(d->proposals.empty());
}

TEST(Dictionaries, MalformedLineNamesFileAndLine) {
    testing_support::FixtureDictionaries fx;
    fx.append("actors/states.tsv", "Atlantis\tA|B\tAtlantean\tAtlanteans\tPoseidonia\textra\n");
    auto d = load_dictionaries(fx.dir());
    ASSERT_FALSE(d.ok());
    EXPECT_NE(d.error().message.find("states.tsv:"), std::string::npos) << d.error().message;
    EXPECT_NE(d.error().message.find("fields"), std::string::npos) << d.error().message;
}

TEST(Dictionaries, UnknownRelationAndBadDateAreErrors) {
    {
        testing_support::FixtureDictionaries fx;
        fx.append("cues/relations.tsv", "approve\tverb\tproposal\tapproved\n");
        auto d = load_dictionaries(fx.dir());
        ASSERT_FALSE(d.ok());
        EXPECT_NE(d.error().message.find("unknown relation 'approve'"), std::string::npos);
        EXPECT_NE(d.error().message.find("relations.tsv:"), std::string::npos);
    }
    {
        testing_support::FixtureDictionaries fx;
        fx.append("actors/people.tsv", "Jane Doe\t\tPresident\tRussia\t2025-13\t\n");
        auto d = load_dictionaries(fx.dir());
        ASSERT_FALSE(d.ok());
        EXPECT_NE(d.error().message.find("people.tsv:"), std::string::npos);
    }
    {
        testing_support::FixtureDictionaries fx;
        fx.append("actors/people.tsv", "Jane Doe\t\tPresident\tNowhere\t\t\n");
        auto d = load_dictionaries(fx.dir());
        ASSERT_FALSE(d.ok());
        EXPECT_NE(d.error().message.find("Nowhere"), std::string::npos);
    }
}

TEST(Dictionaries, MissingFolderIsAnError) {
    auto d = load_dictionaries("/nonexistent/parley-dictionaries");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, ErrorCode::io_error);
}

TEST(Gazetteer, LongestMatchWinsAndPhrasesFoldAccents) {
    testing_support::FixtureDictionaries fx;
    auto d = load_dictionaries(fx.dir());
    ASSERT_TRUE(d.ok()) << d.error().message;
    auto toks = tokenize("the United Arab Emirates and Erdogan");
    d->vocabulary.assign(toks);
    std::size_t longest = 0;
    d->actor_trie.match(toks, 1, toks.size(), [&](std::size_t end, const std::vector<std::uint32_t>&) {
        longest = std::max(longest, end);
    });
    EXPECT_EQ(longest, 4u);  // "United Arab Emirates", not "United"
    bool erdogan = false;
    d->actor_trie.match(toks, 5, toks.size(), [&](std::size_t, const std::vector<std::uint32_t>& p) {
        erdogan = d->actors[d->actor_phrases[p[0]].actor].name == "Recep Tayyip Erdoğan";
    });
    EXPECT_TRUE(erdogan);
}

TEST(PhraseTrie, GapSlotMatchesOneToThreeWords) {
    PhraseTrie trie;
    Vocabulary vocabulary;
    trie.add({"held", "a", "*", "call"}, 7, vocabulary);
    auto toks = tokenize("held a long phone call");
    vocabulary.assign(toks);
    std::vector<std::size_t> ends;
    trie.match(toks, 0, toks.size(), [&](std::size_t end, const std::vector<std::uint32_t>&) { ends.push_back(end); });
    ASSERT_EQ(ends.size(), 1u);
    EXPECT_EQ(ends[0], 5u);
}

}  // namespace
}  // namespace parley::ingest
