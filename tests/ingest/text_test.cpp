// Text layer: normalisation keeps byte offsets of the original, tokens and sentence boundaries.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ingest/text.hpp"

namespace parley::ingest {
namespace {

const std::unordered_set<std::string> abbreviations = {"mr", "dr", "gen", "jan", "no", "st", "mrs"};

std::vector<std::string> sentences_of(const std::string& text) {
    const auto norm = normalize_text(text);
    const auto toks = tokenize(norm.text);
    std::vector<std::string> out;
    for (const auto& s : split_sentences(toks, abbreviations)) {
        const std::size_t b = norm.origin[toks[s.first].begin];
        const std::size_t e = norm.origin[toks[s.last - 1].end];
        out.push_back(text.substr(b, e - b));
    }
    return out;
}

TEST(Normalize, MapsTypographyToAsciiAndKeepsOriginalOffsets) {
    const std::string text = "\xE2\x80\x9CWe\xE2\x80\x99re ready\xE2\x80\x9D \xE2\x80\x94 Kyiv\xC2\xA0said";
    const auto n = normalize_text(text);
    EXPECT_EQ(n.text, "\"We're ready\" - Kyiv said");
    ASSERT_EQ(n.origin.size(), n.text.size() + 1);
    // "Kyiv" starts after the em dash (3 bytes) and a space in both texts, at different offsets
    const auto at = n.text.find("Kyiv");
    EXPECT_EQ(text.substr(n.origin[at], 4), "Kyiv");
    EXPECT_EQ(n.origin.back(), text.size());
}

TEST(Normalize, InvalidBytesBecomeReplacementWithoutCrashing) {
    const std::string text = "Kyiv \xFF\xFE said";
    const auto n = normalize_text(text);
    EXPECT_EQ(n.text, "Kyiv ?? said");
    EXPECT_EQ(n.origin.size(), n.text.size() + 1);
}

TEST(Tokenize, KeepsAbbreviationsAndSplitsPossessivesAndHyphens) {
    const auto toks = tokenize("The U.S.-drafted plan, Russia's reply and al-Sharaa's visit didn't end.");
    std::vector<std::string> keys;
    for (const auto& t : toks) keys.push_back(t.key);
    const std::vector<std::string> expected = {"the", "u.s.", "-", "drafted", "plan", ",", "russia", "'s", "reply",
                                               "and", "al", "-", "sharaa", "'s", "visit", "did", "n't", "end", "."};
    EXPECT_EQ(keys, expected);
    EXPECT_TRUE(toks[1].capitalized);
    EXPECT_TRUE(toks[1].all_caps);
    EXPECT_FALSE(toks[3].space_before);
}

TEST(Tokenize, FoldsAccentsInKeys) {
    const auto toks = tokenize("Erdo\xC4\x9F""an \xC3\x89lys\xC3\xA9""e");
    ASSERT_EQ(toks.size(), 2u);
    EXPECT_EQ(toks[0].key, "erdogan");
    EXPECT_EQ(toks[1].key, "elysee");
    EXPECT_TRUE(toks[1].capitalized);
}

TEST(Sentences, SurviveAbbreviationsAndKeepClosingQuotes) {
    const auto s = sentences_of(
        "U.S. envoy Steve Witkoff met Gen. Keith Kellogg on Jan. 5 in St. Petersburg. \"We agreed,\" he said. "
        "Mr. Smith left.");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0], "U.S. envoy Steve Witkoff met Gen. Keith Kellogg on Jan. 5 in St. Petersburg.");
    EXPECT_EQ(s[1], "\"We agreed,\" he said.");
    EXPECT_EQ(s[2], "Mr. Smith left.");
}

TEST(Sentences, LineBreaksSeparateSiteText) {
    const auto s = sentences_of("Recommended Stories\nHome | World\nPutin met Erdogan on Monday.");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0], "Recommended Stories");
    EXPECT_EQ(s[2], "Putin met Erdogan on Monday.");
}

TEST(Sentences, LongRunWithoutFullStopIsCutAndLinear) {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += "word ";
    const auto norm = normalize_text(text);
    const auto toks = tokenize(norm.text);
    const auto spans = split_sentences(toks, abbreviations, 120);
    ASSERT_EQ(toks.size(), 200000u);
    for (const auto& s : spans) EXPECT_LE(s.last - s.first, 120u);
    EXPECT_EQ(spans.back().last, toks.size());
}

TEST(Sentences, EmptyTextGivesNoSentence) {
    EXPECT_TRUE(sentences_of("").empty());
    EXPECT_TRUE(sentences_of("   \n\n ").empty());
}

}  // namespace
}  // namespace parley::ingest
