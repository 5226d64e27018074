#include "ingest/extractor.hpp"

#include <cstdlib>

#include "ingest/dictionaries.hpp"

namespace parley::ingest {

Result<Dictionaries> load_dictionaries(const std::filesystem::path& dir) {
    if (!std::filesystem::is_directory(dir))
        return make_error(ErrorCode::io_error, "dictionaries folder not found: " + dir.string());
    return Dictionaries{};
}

Extractor::Extractor(std::shared_ptr<const Dictionaries> dictionaries) : dictionaries_(std::move(dictionaries)) {}

Result<Extractor> Extractor::load(const std::filesystem::path& dictionaries_dir) {
    auto dictionaries = load_dictionaries(dictionaries_dir);
    if (!dictionaries) return dictionaries.error();
    return Extractor(std::make_shared<const Dictionaries>(std::move(dictionaries).value()));
}

ArticleGraph Extractor::extract(const Article&) const { return {}; }

std::string Extractor::explain(const Article&) const { return "extraction not implemented yet\n"; }

std::filesystem::path default_dictionaries_dir() {
    if (const char* env = std::getenv("PARLEY_DICTIONARIES"); env && *env) return env;
    return PARLEY_DICTIONARIES_DIR;
}

}  // namespace parley::ingest
