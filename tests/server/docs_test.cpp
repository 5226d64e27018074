// docs/api.md is executable: every ```sh block's curl command is replayed against a server on the test
// corpus, and the fenced block after it (```json: a JSON excerpt the body must contain; ```http: status line,
// headers, then an optional JSON excerpt) is checked. Keeps the walkthrough true as the API evolves.

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server_fixture.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

struct Example {
    int line = 0;
    std::string command;
    std::string answer_kind;  // json | http
    std::string answer;
};

std::vector<Example> read_examples(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<Example> out;
    std::string line, fence;
    int number = 0;
    std::optional<Example> pending;
    std::string block;
    bool inside = false;
    int block_start = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("```", 0) == 0) {
            if (!inside) {
                inside = true;
                fence = line.substr(3);
                block.clear();
                block_start = number;
                continue;
            }
            inside = false;
            if (fence == "sh" && block.find("curl ") != std::string::npos) {
                pending = Example{block_start, block, "", ""};
            } else if ((fence == "json" || fence == "http") && pending) {
                pending->answer_kind = fence;
                pending->answer = block;
                out.push_back(*pending);
                pending.reset();
            }
            continue;
        }
        if (inside) block += line + "\n";
    }
    return out;
}

// Splits a one-line shell command into words, honouring '…' and "…" quoting.
std::vector<std::string> shell_words(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            const auto end = text.find(c, i + 1);
            word += text.substr(i + 1, end - i - 1);
            i = end;
            in_word = true;
        } else if (c == ' ' || c == '\n' || c == '\t') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(word);
    return words;
}

// Whether `actual` contains `expected`: objects by key (recursively), arrays as an ordered subsequence.
bool contains(const json& actual, const json& expected, std::string& why, const std::string& where = "$") {
    if (expected.is_object()) {
        if (!actual.is_object()) return why = where + " is not an object", false;
        for (const auto& [key, value] : expected.items()) {
            if (!actual.contains(key)) return why = where + "." + key + " is missing", false;
            if (!contains(actual[key], value, why, where + "." + key)) return false;
        }
        return true;
    }
    if (expected.is_array()) {
        if (!actual.is_array()) return why = where + " is not an array", false;
        std::size_t next = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            bool found = false;
            std::string ignored;
            for (; next < actual.size() && !found; ++next) found = contains(actual[next], expected[i], ignored);
            if (!found) return why = where + "[" + std::to_string(i) + "] not found (in order)", false;
        }
        return true;
    }
    if (actual != expected) return why = where + " is " + actual.dump() + ", expected " + expected.dump(), false;
    return true;
}

TEST(Docs, ApiWalkthroughAnswersAreTrue) {
    const auto path = std::filesystem::path(PARLEY_SOURCE_DIR) / "docs/api.md";
    ASSERT_TRUE(std::filesystem::exists(path));
    const auto examples = read_examples(path);
    ASSERT_GE(examples.size(), 15u);
    TestServer server;
    Client client(server.port);
    for (const auto& example : examples) {
        SCOPED_TRACE("docs/api.md:" + std::to_string(example.line) + ": " + example.command);
        const auto words = shell_words(example.command);
        http::verb method = http::verb::get;
        std::string target, body;
        std::vector<std::pair<std::string, std::string>> headers;
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (words[i] == "-X") method = http::string_to_verb(words[++i]);
            else if (words[i] == "-H") {
                const auto& h = words[++i];
                headers.emplace_back(h.substr(0, h.find(':')), h.substr(h.find(':') + 2));
            } else if (words[i] == "-d" || words[i] == "--data-binary") {
                body = words[++i];
                if (method == http::verb::get) method = http::verb::post;
            } else if (words[i].rfind("http://127.0.0.1:8080", 0) == 0) {
                target = words[i].substr(std::string("http://127.0.0.1:8080").size());
            }
        }
        ASSERT_FALSE(target.empty());
        auto reply = client.request(method, target, body, headers);
        std::string why;
        if (example.answer_kind == "json") {
            EXPECT_LT(reply.status, 300u) << reply.body;
            auto expected = json::parse(example.answer, nullptr, false);
            ASSERT_FALSE(expected.is_discarded()) << "the documented answer is not JSON";
            EXPECT_TRUE(contains(reply.json(), expected, why)) << why << "\nactual: " << reply.body;
            continue;
        }
        std::istringstream lines(example.answer);
        std::string line;
        std::getline(lines, line);
        EXPECT_EQ(line.substr(0, 12), "HTTP/1.1 " + std::to_string(reply.status)) << reply.body;
        while (std::getline(lines, line) && !line.empty()) {
            const auto colon = line.find(':');
            if (colon == std::string::npos) {
                EXPECT_FALSE(reply.header(line).empty()) << "header " << line << " missing";
            } else {
                EXPECT_EQ(reply.header(line.substr(0, colon)), line.substr(colon + 2)) << line;
            }
        }
        std::string rest((std::istreambuf_iterator<char>(lines)), std::istreambuf_iterator<char>());
        if (rest.find_first_not_of(" \n") != std::string::npos) {
            auto expected = json::parse(rest, nullptr, false);
            ASSERT_FALSE(expected.is_discarded()) << "the documented answer is not JSON";
            EXPECT_TRUE(contains(reply.json(), expected, why)) << why << "\nactual: " << reply.body;
        }
    }
}

}  // namespace
}  // namespace parley::testing

namespace parley::testing {
// Prints the corpus' node and edge ids (run with --gtest_also_run_disabled_tests when editing docs/api.md).
TEST(Docs, DISABLED_PrintCorpusIds) {
    TestServer server;
    Client client(server.port);
    const auto nodes = client.get("/v1/nodes?limit=1000").json();
    for (const auto& n : nodes["data"]) std::cout << "node " << n["id"] << " " << n["kind"] << " " << n["name"] << "\n";
    const auto edges = client.get("/v1/edges?limit=1000").json();
    for (const auto& e : edges["data"])
        std::cout << "edge " << e["id"] << " " << e["source"]["name"] << " " << e["relation"] << " " << e["target"]["name"] << "\n";
}
}  // namespace parley::testing
