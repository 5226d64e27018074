#pragma once
// Extractor: turns an Article into an ArticleGraph using the dictionaries loaded once at start.
// Immutable after load, so one instance may serve many threads concurrently.
// Pure: no I/O besides reading the dictionaries in load(); no SQLite.

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "ingest/article.hpp"
#include "ingest/article_graph.hpp"

namespace parley::ingest {

struct Dictionaries;  // loaded actor, title and cue tables (ingest/dictionaries.hpp)

class Extractor {
public:
    // Loads every dictionary file under `dictionaries_dir`; a malformed line is an error naming file and line.
    static Result<Extractor> load(const std::filesystem::path& dictionaries_dir);

    ArticleGraph extract(const Article& article) const;

    // Human-readable trace per sentence: actors found, the pattern that fired per edge,
    // and why a sentence gave nothing.
    std::string explain(const Article& article) const;

private:
    explicit Extractor(std::shared_ptr<const Dictionaries> dictionaries);
    std::shared_ptr<const Dictionaries> dictionaries_;
    std::shared_ptr<std::vector<std::uint32_t>> class_bits_;  // word-class membership per vocabulary id
};

// The folder used when neither a flag nor PARLEY_DICTIONARIES names one.
std::filesystem::path default_dictionaries_dir();

}  // namespace parley::ingest
