// `parley ingest INPUT...`: articles -> extraction -> the graph in the database, one transaction per article.
// Inputs: FILE.json (one article object, or an array of them), FILE.ndjson / FILE.jsonl (one article per
// line), FILE.txt (plain text, first line the title), `-` (NDJSON on stdin). Each article is reported on
// its own line; a bad article or line is reported and skipped, never losing the good ones.

#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "graph/graph_writer.hpp"
#include "ingest/extractor.hpp"
#include "ingest/utf8.hpp"
#include "store/sqlite_graph_store.hpp"

namespace parley::cli {
namespace {

struct IngestOptions {
    std::string db;
    std::string dictionaries;
    std::vector<std::string> inputs;
    bool quiet = false;
};

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Feeds articles to extraction and the writer, and keeps the per-outcome tally for the summary.
class Ingestor {
public:
    Ingestor(graph::GraphWriter& writer, const ingest::Extractor& extractor, bool quiet)
        : writer_(writer), extractor_(extractor), quiet_(quiet) {}

    void input(const std::string& path) {
        if (path == "-") return lines(std::cin, "stdin");
        std::error_code ignored;
        if (std::filesystem::is_directory(path, ignored)) return fail(path, "is a directory, not an article file");
        std::ifstream in(path, std::ios::binary);
        if (!in) return fail(path, "cannot open file");
        if (ends_with(path, ".ndjson") || ends_with(path, ".jsonl")) return lines(in, path);
        std::ostringstream buffer;
        buffer << in.rdbuf();
        if (in.bad()) return fail(path, "read error");
        const std::string content = buffer.str();
        if (ends_with(path, ".txt")) return article(path, ingest::article_from_plain_text(content, path));
        json_document(path, content);
    }

    bool any_failed() const { return failed_ > 0; }

    void print_summary(std::ostream& out, std::int64_t revision) const {
        out << "ingested " << (created_ + replaced_ + unchanged_ + failed_) << " articles: " << created_
            << " created, " << replaced_ << " replaced, " << unchanged_ << " unchanged, " << failed_
            << " failed; graph revision " << revision << "\n";
    }

private:
    // One JSON document: an article object, or an array of them (each reported as FILE[i]).
    void json_document(const std::string& path, const std::string& content) {
        const auto first = content.find_first_not_of(" \t\r\n");
        if (first == std::string::npos || content[first] != '[') return article(path, ingest::parse_article(content));
        if (auto bad = ingest::find_invalid_utf8(content))
            return fail(path, "input is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
        const auto parsed = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
        if (parsed.is_discarded()) return fail(path, "input is not valid JSON");
        for (std::size_t i = 0; i < parsed.size(); ++i)
            article(path + "[" + std::to_string(i) + "]", ingest::article_from_json(parsed[i]));
    }

    void lines(std::istream& in, const std::string& name) {
        std::string line;
        std::size_t number = 0;
        while (std::getline(in, line)) {
            ++number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.find_first_not_of(" \t") == std::string::npos) continue;
            article(name + ":" + std::to_string(number), ingest::parse_article(line));
        }
        if (in.bad()) fail(name, "read error after line " + std::to_string(number));
    }

    void article(const std::string& label, Result<ingest::Article> parsed) {
        if (!parsed) return fail(label, parsed.error().message);
        ingest::ArticleGraph extracted;
        try {
            extracted = extractor_.extract(*parsed);
        } catch (const std::exception& e) {  // an extractor bug must not cost the rest of the batch
            return fail(label, std::string("extraction failed: ") + e.what());
        }
        auto written = writer_.ingest(*parsed, extracted);
        if (!written) return fail(label, written.error().message);
        switch (written->outcome) {
            case graph::IngestOutcome::created: ++created_; break;
            case graph::IngestOutcome::replaced: ++replaced_; break;
            case graph::IngestOutcome::unchanged: ++unchanged_; break;
        }
        if (quiet_) return;
        std::cout << label << ": " << graph::to_string(written->outcome) << " article " << written->article_id;
        if (written->outcome != graph::IngestOutcome::unchanged)
            std::cout << " (" << written->facts << " facts, " << written->mentions << " mentions)";
        std::cout << "\n";
    }

    void fail(const std::string& label, const std::string& message) {
        ++failed_;
        std::cerr << "parley ingest: " << label << ": " << message << "\n";
    }

    graph::GraphWriter& writer_;
    const ingest::Extractor& extractor_;
    bool quiet_;
    std::size_t created_ = 0, replaced_ = 0, unchanged_ = 0, failed_ = 0;
};

int run_ingest(const IngestOptions& options) {
    auto store = store::SqliteGraphStore::open(options.db);
    if (!store) return report_error("ingest", store.error());
    auto extractor = ingest::Extractor::load(options.dictionaries.empty() ? ingest::default_dictionaries_dir()
                                                                          : std::filesystem::path(options.dictionaries));
    if (!extractor) return report_error("ingest", extractor.error());

    graph::GraphWriter writer(**store);
    Ingestor ingestor(writer, *extractor, options.quiet);
    for (const auto& input : options.inputs) ingestor.input(input);

    auto revision = (*store)->revision();
    if (!revision) return report_error("ingest", revision.error());
    ingestor.print_summary(std::cout, *revision);
    return ingestor.any_failed() ? exit_failure : exit_ok;
}

}  // namespace

void register_ingest(CLI::App& app) {
    auto options = std::make_shared<IngestOptions>();
    auto* cmd = app.add_subcommand(
        "ingest",
        "Extract articles and merge them into the database (one transaction per article)\n"
        "  FILE.json     one article object {id,url,source,published,title,text}, or an array of them\n"
        "  FILE.ndjson   one article per line (also .jsonl); - reads NDJSON from stdin\n"
        "  FILE.txt      plain text, the first non-empty line is the title\n"
        "Re-ingesting an article with the same URL and content changes nothing; changed content replaces it.\n"
        "Exit code 1 when any input failed (the others are still ingested), 2 on usage errors.");
    add_database_option(*cmd, options->db);
    cmd->add_option("inputs", options->inputs, "Article files, or - for NDJSON on stdin")->required();
    cmd->add_option("--dictionaries", options->dictionaries, "Dictionaries folder")->envname("PARLEY_DICTIONARIES");
    cmd->add_flag("-q,--quiet", options->quiet, "Print only errors and the summary");
    cmd->callback([options] { set_exit_code(run_ingest(*options)); });
}

}  // namespace parley::cli
