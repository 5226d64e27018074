// The `parley` binary as a user runs it: real processes, a real database file per test, exit codes and
// messages on good and bad input, and nothing half-written when an input is refused.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"

namespace parley {
namespace {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string quote(const std::string& arg) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

class CliTest : public ::testing::Test {
protected:
    // Runs parley with `args` in the test's directory; `stdin_text` is fed to its standard input.
    Outcome parley(const std::vector<std::string>& args, const std::string& stdin_text = "", const std::string& env = "") {
        write("stdin.txt", stdin_text);
        std::string command = "cd " + quote(dir_.path().string()) + " && " + env + " " + quote(PARLEY_EXE);
        for (const auto& arg : args) command += " " + quote(arg);
        command += " < stdin.txt > stdout.txt 2> stderr.txt";
        const int status = std::system(command.c_str());
        Outcome run;
        run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        run.out = slurp(dir_ / "stdout.txt");
        run.err = slurp(dir_ / "stderr.txt");
        return run;
    }

    void write(const std::string& name, const std::string& content) {
        std::ofstream out(dir_ / name, std::ios::binary);
        out << content;
    }

    nlohmann::json stats(const std::string& db = "parley.db") {
        const Outcome run = parley({"stats", "--json", "--db", db});
        EXPECT_EQ(run.exit_code, 0) << run.err;
        auto parsed = nlohmann::json::parse(run.out, nullptr, false);
        EXPECT_FALSE(parsed.is_discarded()) << run.out;
        return parsed;
    }

    static std::string article_json(const std::string& url, const std::string& text) {
        return nlohmann::json{{"id", url}, {"url", url}, {"source", "example.org"}, {"published", "2025-05-16"},
                              {"title", "Talks"}, {"text", text}}
            .dump();
    }

    testing::TempDir dir_;
};

constexpr const char* sentence = "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul.";

TEST_F(CliTest, EverySubcommandHasHelpAndTheDatabaseOption) {
    for (const char* command : {"ingest", "migrate", "stats"}) {
        const Outcome run = parley({command, "--help"});
        EXPECT_EQ(run.exit_code, 0) << command;
        EXPECT_NE(run.out.find("--db"), std::string::npos) << command << ": " << run.out;
        EXPECT_NE(run.out.find("PARLEY_DB"), std::string::npos) << command;
    }
    EXPECT_EQ(parley({"extract", "--help"}).exit_code, 0);
    EXPECT_EQ(parley({"--help"}).exit_code, 0);
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
    EXPECT_EQ(parley({}).exit_code, 2);
    EXPECT_EQ(parley({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(parley({"ingest"}).exit_code, 2) << "inputs are required";
    EXPECT_EQ(parley({"stats", "--no-such-flag"}).exit_code, 2);
}

TEST_F(CliTest, IngestThenReingestIsIdempotent) {
    write("a.json", article_json("https://example.org/a", sentence));
    Outcome run = parley({"ingest", "a.json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("a.json: created article 1"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("1 created, 0 replaced, 0 unchanged, 0 failed"), std::string::npos) << run.out;
    const auto before = stats();
    EXPECT_EQ(before["articles"], 1);

    run = parley({"ingest", "a.json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("a.json: unchanged article 1"), std::string::npos) << run.out;
    EXPECT_EQ(stats(), before) << "identical re-ingest must change nothing, not even the revision";

    write("a.json", article_json("https://example.org/a", std::string(sentence) + " Kyiv welcomed the proposal."));
    run = parley({"ingest", "a.json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("a.json: replaced article 1"), std::string::npos) << run.out;
    EXPECT_EQ(stats()["articles"], 1);
}

TEST_F(CliTest, BadInputsAreNamedAndNothingIsHalfWritten) {
    write("bad.json", "{\"url\": \"https://example.org/x\", \"text\": ");
    write("notext.json", R"({"url": "https://example.org/y", "title": "No body"})");
    write("latin1.json", "{\"url\": \"https://example.org/z\", \"text\": \"Caf\xE9 talks\"}");
    write("empty.json", R"({"url": "https://example.org/e", "text": "   "})");
    write("empty.txt", "\n\n");
    struct Case {
        const char* file;
        const char* message;
    };
    std::filesystem::create_directory(dir_ / "folder.json");
    for (const Case& c : {Case{"missing.json", "missing.json: cannot open file"},
                          Case{"folder.json", "folder.json: is a directory"},
                          Case{"bad.json", "bad.json: input is not valid JSON"},
                          Case{"notext.json", "notext.json: field 'text' is missing"},
                          Case{"latin1.json", "latin1.json: input is not valid UTF-8"},
                          Case{"empty.json", "empty.json: field 'text' is empty"},
                          Case{"empty.txt", "empty.txt: text is empty"}}) {
        const Outcome run = parley({"ingest", c.file});
        EXPECT_EQ(run.exit_code, 1) << c.file;
        EXPECT_NE(run.err.find(std::string("parley ingest: ") + c.message), std::string::npos)
            << c.file << ": " << run.err;
        EXPECT_NE(run.out.find("0 created, 0 replaced, 0 unchanged, 1 failed"), std::string::npos) << run.out;
    }
    const auto counts = stats();
    EXPECT_EQ(counts["articles"], 0);
    EXPECT_EQ(counts["nodes"], 0);
    EXPECT_EQ(counts["revision"], 0);
}

TEST_F(CliTest, OneBadLineNeverLosesTheGoodOnes) {
    const std::string feed = article_json("https://example.org/1", sentence) + "\n" + "{not json}\n\n" +
                             R"({"url": "https://example.org/2"})" + "\n" +
                             article_json("https://example.org/3", "Ukraine rejected the Russian memorandum.") + "\r\n";
    write("feed.ndjson", feed);
    const Outcome run = parley({"ingest", "feed.ndjson"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("feed.ndjson:2: input is not valid JSON"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("feed.ndjson:4: field 'text' is missing"), std::string::npos) << run.err;
    EXPECT_NE(run.out.find("feed.ndjson:1: created"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("feed.ndjson:5: created"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("2 created, 0 replaced, 0 unchanged, 2 failed"), std::string::npos) << run.out;
    EXPECT_EQ(stats()["articles"], 2);
}

TEST_F(CliTest, ReadsStdinPlainTextArraysAndTheEnvironmentDatabase) {
    Outcome run = parley({"ingest", "-"}, article_json("https://example.org/s", sentence) + "\n", "PARLEY_DB=env.db");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("stdin:1: created"), std::string::npos) << run.out;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "env.db"));

    write("note.txt", "Istanbul talks\n\nUkraine and Russia met in Istanbul.\n");
    write("two.json", "[" + article_json("https://example.org/t1", sentence) + "," + R"({"title": "no text"})" + "]");
    run = parley({"ingest", "--db", "env.db", "note.txt", "two.json"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("note.txt: created"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("two.json[0]: created"), std::string::npos) << run.out;
    EXPECT_NE(run.err.find("two.json[1]: field 'text' is missing"), std::string::npos) << run.err;
    EXPECT_EQ(stats("env.db")["articles"], 3);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "parley.db")) << "--db and PARLEY_DB must be honoured";
}

TEST_F(CliTest, MigrateReportsVersionsAndRefusesNewerFiles) {
    Outcome run = parley({"migrate", "--db", "m.db"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("m.db: migrated schema version 0 -> "), std::string::npos) << run.out;
    run = parley({"migrate", "--db", "m.db"});
    EXPECT_NE(run.out.find("up to date"), std::string::npos) << run.out;

    ASSERT_EQ(std::system(("sqlite3 " + quote((dir_ / "m.db").string()) + " 'PRAGMA user_version = 999'").c_str()), 0);
    for (const std::vector<std::string>& args : {std::vector<std::string>{"migrate", "--db", "m.db"},
                                                  std::vector<std::string>{"stats", "--db", "m.db"},
                                                  std::vector<std::string>{"ingest", "--db", "m.db", "-"}}) {
        run = parley(args);
        EXPECT_EQ(run.exit_code, 1) << args[0];
        EXPECT_NE(run.err.find("schema version 999, newer than this parley binary supports"), std::string::npos)
            << args[0] << ": " << run.err;
    }
}

TEST_F(CliTest, StatsNeverCreatesADatabase) {
    const Outcome run = parley({"stats", "--db", "nothing.db"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("nothing.db"), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "nothing.db"));
}

}  // namespace
}  // namespace parley
