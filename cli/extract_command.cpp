// `parley extract FILE|-`: one article -> the graph JSON of ontology.md §3 on stdout, no database.
// With `-`, reads NDJSON articles on stdin and prints one graph per line.

#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "ingest/extractor.hpp"

namespace parley::cli {
namespace {

struct ExtractOptions {
    std::string input;
    std::string dictionaries;
    bool explain = false;
};

Result<ingest::Article> read_article_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::io_error, path + ": cannot open file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string content = buffer.str();
    const bool plain = path.size() > 4 && path.substr(path.size() - 4) == ".txt";
    auto article = plain ? ingest::article_from_plain_text(content, path) : ingest::parse_article(content);
    if (!article) return make_error(article.error().code, path + ": " + article.error().message);
    return article;
}

int run_extract(const ExtractOptions& options) {
    auto extractor = ingest::Extractor::load(options.dictionaries.empty() ? ingest::default_dictionaries_dir()
                                                                          : std::filesystem::path(options.dictionaries));
    if (!extractor) {
        std::cerr << "parley extract: " << extractor.error().message << "\n";
        return exit_failure;
    }
    if (options.input == "-") {
        std::string line;
        std::size_t line_number = 0;
        int status = exit_ok;
        while (std::getline(std::cin, line)) {
            ++line_number;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto article = ingest::parse_article(line);
            if (!article) {
                std::cerr << "parley extract: stdin line " << line_number << ": " << article.error().message << "\n";
                std::cout << nlohmann::json{{"error", article.error().message}, {"line", line_number}}.dump() << "\n";
                status = exit_failure;
                continue;
            }
            std::cout << ingest::to_json(extractor->extract(*article)).dump() << "\n";
        }
        return status;
    }
    auto article = read_article_file(options.input);
    if (!article) {
        std::cerr << "parley extract: " << article.error().message << "\n";
        return article.error().code == ErrorCode::io_error ? exit_failure : exit_usage;
    }
    if (options.explain) {
        std::cout << extractor->explain(*article);
    } else {
        std::cout << ingest::to_json(extractor->extract(*article)).dump(1) << "\n";
    }
    return exit_ok;
}

}  // namespace

void register_extract(CLI::App& app) {
    auto options = std::make_shared<ExtractOptions>();
    auto* cmd = app.add_subcommand("extract", "Extract one article's graph as JSON (no database)");
    cmd->add_option("input", options->input, "Article JSON file, plain .txt file, or - for NDJSON on stdin")
        ->required();
    cmd->add_option("--dictionaries", options->dictionaries, "Dictionaries folder")->envname("PARLEY_DICTIONARIES");
    cmd->add_flag("--explain", options->explain, "Show per sentence the actors, the patterns that fired and why not");
    cmd->callback([options] { set_exit_code(run_extract(*options)); });
}

}  // namespace parley::cli
