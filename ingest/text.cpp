#include "ingest/text.hpp"

#include <cstring>

namespace parley::ingest {
namespace {

// Base letters of U+00C0..U+017F (upper case where the original is upper case); '#' = not a letter.
constexpr std::string_view latin_fold =
    "AAAAAAACEEEEIIIIDNOOOOO#OUUUUYTsaaaaaaaceeeeiiiidnooooo#ouuuuytyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJ"
    "jKkkLlLlLlLlLlNnNnNn?NnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for an invalid byte, decoded as U+FFFD).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        cp = 0xFFFD;
        return 1;
    }
    if (len == 1) {
        cp = c;
        return 1;
    }
    char32_t v = c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (b & 0x3F);
    }
    cp = v;
    return len;
}

// The ASCII replacement of a typographic character, or nullptr to keep it as it is.
const char* replacement(char32_t cp) {
    switch (cp) {
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x0060: case 0x00B4:
            return "'";
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
            return "\"";
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
            return "-";
        case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case '\t': case '\v': case '\f':
            return " ";
        case 0x2028: case 0x2029: case '\r':
            return "\n";
        case 0x200B: case 0x200C: case 0x200D: case 0xFEFF: case 0x00AD:
            return "";
        case 0x2026:
            return "...";
        case 0x2022: case 0x00B7: case 0x25CF: case 0x25AA:
            return "*";
        case 0xFFFD:
            return "?";
        default:
            if (cp >= 0x2000 && cp <= 0x200A) return " ";
            return nullptr;
    }
}

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool is_word_byte(unsigned char c) { return c >= 0x80 || is_ascii_alnum(c); }
bool is_space(unsigned char c) { return c == ' ' || c == '\n'; }
bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

}  // namespace

NormalizedText normalize_text(std::string_view original) {
    NormalizedText out;
    out.text.reserve(original.size());
    out.origin.reserve(original.size() + 1);
    for (std::size_t i = 0; i < original.size();) {
        char32_t cp = 0;
        const std::size_t len = decode(original, i, cp);
        const char* rep = replacement(cp);
        const auto at = static_cast<std::uint32_t>(i);
        if (rep) {
            for (const char* p = rep; *p; ++p) {
                out.text.push_back(*p);
                out.origin.push_back(at);
            }
        } else if (cp < 0x20 && cp != '\n') {
            out.text.push_back(' ');  // other control characters separate words
            out.origin.push_back(at);
        } else {
            for (std::size_t k = 0; k < len; ++k) {
                out.text.push_back(original[i + k]);
                out.origin.push_back(at);
            }
        }
        i += len;
    }
    out.origin.push_back(static_cast<std::uint32_t>(original.size()));
    return out;
}

std::string fold_key(std::string_view word) {
    std::string key;
    key.reserve(word.size());
    for (std::size_t i = 0; i < word.size();) {
        const auto c = static_cast<unsigned char>(word[i]);
        if (c < 0x80) {
            key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode(word, i, cp);
        if (cp >= 0xC0 && cp < 0x180 && latin_fold[cp - 0xC0] != '#' && latin_fold[cp - 0xC0] != '?') {
            const char b = latin_fold[cp - 0xC0];
            key.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
        } else {
            key.append(word.substr(i, len));
        }
        i += len;
    }
    return key;
}

namespace {

// Case of a word's letters: first letter upper, all letters upper.
void classify_case(std::string_view w, bool& capitalized, bool& all_caps) {
    bool first = true;
    bool any_letter = false;
    all_caps = true;
    capitalized = false;
    for (std::size_t i = 0; i < w.size();) {
        char32_t cp = 0;
        const std::size_t len = decode(w, i, cp);
        i += len;
        bool letter = false;
        bool upper = false;
        if (cp < 0x80) {
            letter = is_alpha(static_cast<unsigned char>(cp));
            upper = cp >= 'A' && cp <= 'Z';
        } else if (cp >= 0xC0 && cp < 0x180 && latin_fold[cp - 0xC0] != '#') {
            letter = true;
            const char b = latin_fold[cp - 0xC0];
            upper = b >= 'A' && b <= 'Z';
        } else if (cp >= 0x370) {
            letter = true;  // other scripts: treat as proper-noun material
            upper = true;
        }
        if (!letter) continue;
        any_letter = true;
        if (first) capitalized = upper;
        first = false;
        if (!upper) all_caps = false;
    }
    if (!any_letter) all_caps = false;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    tokens.reserve(s.size() / 5 + 1);
    bool space = true;
    bool newline = true;
    const std::size_t n = s.size();
    auto at = [&](std::size_t i) -> unsigned char { return i < n ? static_cast<unsigned char>(s[i]) : 0; };
    auto push = [&](std::size_t b, std::size_t e, bool word) {
        Token t;
        t.begin = static_cast<std::uint32_t>(b);
        t.end = static_cast<std::uint32_t>(e);
        t.word = word;
        t.space_before = space;
        t.newline_before = newline;
        const auto text = s.substr(b, e - b);
        t.key = fold_key(text);
        if (word) classify_case(text, t.capitalized, t.all_caps);
        tokens.push_back(std::move(t));
        space = newline = false;
    };
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = at(i);
        if (is_space(c)) {
            space = true;
            if (c == '\n') newline = true;
            ++i;
            continue;
        }
        if (c == '\'' && (at(i + 1) | 0x20) == 's' && !is_word_byte(at(i + 2)) && !tokens.empty() &&
            !space) {
            push(i, i + 2, false);  // possessive 's
            tokens.back().key = "'s";
            i += 2;
            continue;
        }
        if (!is_word_byte(c)) {
            if (c == '.' && at(i + 1) == '.' && at(i + 2) == '.') {
                push(i, i + 3, false);
                i += 3;
                continue;
            }
            push(i, i + 1, false);
            if (c == '\'' && !tokens.empty() && tokens.size() >= 2 && !tokens.back().space_before &&
                !tokens[tokens.size() - 2].key.empty() && tokens[tokens.size() - 2].key.back() == 's' &&
                !is_word_byte(at(i + 1)))
                tokens.back().key = "'s";  // plural possessive: "the Houthis' demand"
            ++i;
            continue;
        }
        // A word: letters and digits, internal apostrophes, dotted abbreviations, decimals.
        const std::size_t b = i;
        bool dotted = false;
        while (i < n) {
            const unsigned char d = at(i);
            if (is_word_byte(d)) {
                ++i;
                continue;
            }
            if (d == '\'' && is_word_byte(at(i + 1))) {
                if ((at(i + 1) | 0x20) == 's' && !is_word_byte(at(i + 2))) break;  // possessive follows
                if ((at(i + 1) | 0x20) == 't' && i > b && (at(i - 1) | 0x20) == 'n' && !is_word_byte(at(i + 2))) {
                    // "didn't" -> "did" + "n't"
                    if (i - 1 > b) {
                        push(b, i - 1, true);
                    }
                    push(i - 1, i + 2, false);
                    tokens.back().key = "n't";
                    i += 2;
                    goto next_token;
                }
                ++i;
                continue;
            }
            if ((d == '.' || d == ',') && i > b && is_digit(at(i - 1)) && is_digit(at(i + 1))) {
                ++i;
                continue;
            }
            // Dotted abbreviation "U.S." / "U.N.": single letters separated by periods.
            if (d == '.' && is_alpha(at(i - 1)) && (i - 1 == b || at(i - 2) == '.')) {
                if (is_alpha(at(i + 1)) && (at(i + 2) == '.')) {
                    dotted = true;
                    ++i;
                    continue;
                }
                if (dotted) {
                    ++i;  // the final period belongs to the abbreviation
                    break;
                }
            }
            break;
        }
        push(b, i, true);
    next_token:;
    }
    return tokens;
}

std::vector<SentenceSpan> split_sentences(const std::vector<Token>& tokens,
                                          const std::unordered_set<std::string>& abbreviations,
                                          std::size_t max_tokens) {
    std::vector<SentenceSpan> out;
    const std::size_t n = tokens.size();
    std::size_t first = 0;
    auto close = [&](std::size_t last) {
        if (last > first) out.push_back({first, last});
        first = last;
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (i > first && tokens[i].newline_before) close(i);
        if (i - first >= max_tokens) close(i);
        const std::string& k = tokens[i].key;
        if (k != "." && k != "!" && k != "?") continue;
        if (k == "." && i > 0 && !tokens[i].space_before) {
            const Token& prev = tokens[i - 1];
            if (abbreviations.count(prev.key)) continue;
            if (prev.word && prev.end - prev.begin == 1 && prev.capitalized) continue;  // an initial: "J. Smith"
        }
        std::size_t j = i + 1;
        while (j < n && !tokens[j].newline_before &&
               (((tokens[j].key == "\"" || tokens[j].key == "'") && !tokens[j].space_before) || tokens[j].key == ")" ||
                tokens[j].key == "]"))
            ++j;
        // A lower-case continuation means the period did not end the sentence ("approx. two").
        if (j < n && !tokens[j].newline_before && tokens[j].word && !tokens[j].capitalized &&
            !(tokens[j].key[0] >= '0' && tokens[j].key[0] <= '9'))
            continue;
        close(j);
        i = j - 1;
    }
    close(n);
    return out;
}

}  // namespace parley::ingest
