#pragma once
// Text layer of extraction: Unicode normalisation with a map back to the original byte offsets,
// tokenisation and sentence splitting. Pure functions over values; every step is linear in the input.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace parley::ingest {

// Normalised text (curly quotes -> ASCII quotes, dashes -> '-', NBSP and other spaces -> ' ', ellipsis
// -> "...") plus, for each normalised byte, the byte offset of the original character it came from.
// origin has text.size() + 1 entries; the last one is the original length.
struct NormalizedText {
    std::string text;
    std::vector<std::uint32_t> origin;
};

NormalizedText normalize_text(std::string_view original);

// One token of normalised text. `key` is the matching form: ASCII lower case, Latin accents folded
// ("Erdoğan" -> "erdogan"), so dictionaries match regardless of case and accents.
struct Token {
    std::uint32_t begin = 0;  // byte offsets into NormalizedText::text
    std::uint32_t end = 0;
    std::string key;
    std::uint32_t id = 0;       // the key's id in the dictionaries' vocabulary; 0 when no phrase uses it
    bool word = false;          // letters or digits (else punctuation)
    bool capitalized = false;   // first letter is upper case
    bool all_caps = false;      // every letter upper case ("US", "NATO")
    bool space_before = true;   // false when glued to the previous token ("al" "-" "Sharaa")
    bool newline_before = false;
};

// Splits normalised text into tokens: words (with internal apostrophes, dotted abbreviations "U.S."
// and decimals kept whole), possessive "'s" and "n't" as their own tokens, hyphens and every other
// punctuation mark as one-character tokens.
std::vector<Token> tokenize(std::string_view normalized);

// Half-open token range of one sentence.
struct SentenceSpan {
    std::size_t first = 0;
    std::size_t last = 0;  // one past the final token
};

// Sentence boundaries: '.', '!' or '?' (with closing quotes and brackets kept in the sentence) unless the
// period ends a known abbreviation; every line break (headlines, menus, captions stand alone); and a cap
// of `max_tokens` so a text without full stops is cut into bounded runs.
std::vector<SentenceSpan> split_sentences(const std::vector<Token>& tokens,
                                          const std::unordered_set<std::string>& abbreviations,
                                          std::size_t max_tokens = 120);

// Folds one token's text to its matching key (see Token::key).
std::string fold_key(std::string_view word);

}  // namespace parley::ingest
