// libFuzzer target: arbitrary bytes as an article's text (and, through parse_article, as article JSON).
// The extractor must never crash, hang or grow without bound; invalid UTF-8 is refused by the parser and
// still fed raw to the text layer, which must survive it.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/extractor.hpp"

namespace {

const parley::ingest::Extractor& extractor() {
    static const auto* instance = [] {
        auto e = parley::ingest::Extractor::load(parley::ingest::default_dictionaries_dir());
        if (!e) std::abort();  // a fuzzing run without dictionaries is a set-up error
        return new parley::ingest::Extractor(std::move(e).value());
    }();
    return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    parley::ingest::Article article;
    article.published = "2025-05-20";
    article.text = input;
    (void)extractor().extract(article);
    if (auto parsed = parley::ingest::parse_article(input)) (void)extractor().extract(*parsed);
    return 0;
}
