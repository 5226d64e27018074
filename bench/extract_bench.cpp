// extract_bench: extraction throughput (MB/s of article text on one core) and a linearity check.
// Usage: extract_bench [--dictionaries DIR] [--corpus FILE.ndjson] [--mb N]
//        extract_bench --print ARTICLE.json [--explain]   (one graph or its trace, without the full CLI)
// Reads the corpus when given (or ../shared/corpus/bulk/articles.ndjson when present), else generates text.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/extractor.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Synthetic newswire: sentences with actors, cues and proposals, varied so tries see realistic traffic.
std::string generated_text(std::size_t bytes) {
    static const char* parts[] = {
        "Russian President Vladimir Putin spoke by phone with U.S. President Donald Trump on Tuesday. ",
        "The Kremlin said Moscow was ready to discuss a 30-day ceasefire with Kyiv. ",
        "Ukrainian President Volodymyr Zelenskyy rejected the proposal, calling it a delay tactic. ",
        "European leaders welcomed the talks in Istanbul, a Turkish official said. ",
        "Water levels in the river fell sharply after a dry summer, officials said. ",
        "\"We will not accept any deal that ignores our security,\" the foreign minister told reporters. ",
        "Qatar and Egypt mediated the negotiations between Israel and Hamas over the hostage release. ",
        "Markets rose on Monday as investors weighed the prospects of new sanctions on Russia. ",
    };
    std::string out;
    out.reserve(bytes + 200);
    for (std::size_t i = 0; out.size() < bytes; ++i) {
        out += parts[(i * 7 + i / 8) % 8];
        if (i % 5 == 4) out += "\n";
    }
    return out;
}

double seconds_since(clock_type::time_point t) {
    return std::chrono::duration<double>(clock_type::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::string dictionaries;
    std::string corpus;
    std::string print;
    bool explain = false;
    double megabytes = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--dictionaries" && i + 1 < argc) dictionaries = argv[++i];
        else if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
        else if (a == "--mb" && i + 1 < argc) megabytes = std::atof(argv[++i]);
        else if (a == "--print" && i + 1 < argc) print = argv[++i];
        else if (a == "--explain") explain = true;
        else {
            std::cerr << "usage: extract_bench [--dictionaries DIR] [--corpus FILE.ndjson] [--mb N] [--print FILE]\n";
            return 2;
        }
    }
    auto extractor = parley::ingest::Extractor::load(
        dictionaries.empty() ? parley::ingest::default_dictionaries_dir() : std::filesystem::path(dictionaries));
    if (!extractor) {
        std::cerr << "extract_bench: " << extractor.error().message << "\n";
        return 1;
    }
    if (!print.empty()) {
        auto article = parley::ingest::parse_article(read_file(print));
        if (!article) {
            std::cerr << "extract_bench: " << article.error().message << "\n";
            return 1;
        }
        if (explain) std::cout << extractor->explain(*article);
        else std::cout << parley::ingest::to_json(extractor->extract(*article)).dump(1) << "\n";
        return 0;
    }

    // 1. Throughput over real articles (one core, dictionaries loaded once).
    if (corpus.empty()) {
        const char* candidate = "../shared/corpus/bulk/articles.ndjson";
        if (std::ifstream(candidate)) corpus = candidate;
    }
    std::vector<parley::ingest::Article> articles;
    std::size_t corpus_bytes = 0;
    if (!corpus.empty()) {
        std::ifstream in(corpus);
        std::string line;
        while (std::getline(in, line)) {
            auto a = parley::ingest::parse_article(line);
            if (!a) continue;
            corpus_bytes += a->text.size();
            articles.push_back(std::move(*a));
        }
    }
    if (articles.empty()) {
        std::cout << "corpus: generated text (no --corpus and no ../shared/corpus/bulk/articles.ndjson)\n";
        const std::string text = generated_text(static_cast<std::size_t>(megabytes * 1e6));
        for (std::size_t off = 0; off < text.size(); off += 4000) {
            parley::ingest::Article a;
            a.published = "2025-05-20";
            a.text = text.substr(off, 4000);
            corpus_bytes += a.text.size();
            articles.push_back(std::move(a));
        }
    } else {
        std::cout << "corpus: " << corpus << " (" << articles.size() << " articles)\n";
    }
    std::size_t edges = 0;
    auto t0 = clock_type::now();
    const std::clock_t c0 = std::clock();
    for (const auto& a : articles) edges += extractor->extract(a).edges.size();
    const double secs = seconds_since(t0);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    // CPU time is the figure that matters on a shared machine: wall time includes waiting for the core.
    std::printf("throughput: %.1f MB in %.2f s wall = %.2f MB/s; %.2f s CPU = %.2f MB/s per core (%zu articles, %zu edges)\n",
                corpus_bytes / 1e6, secs, corpus_bytes / 1e6 / secs, cpu, corpus_bytes / 1e6 / cpu, articles.size(), edges);

    // 2. Linearity: one article of 1 MB and one of 10 MB (no full stop in a tenth of it).
    auto time_one = [&](std::size_t bytes) {
        parley::ingest::Article a;
        a.published = "2025-05-20";
        a.text = generated_text(bytes);
        for (std::size_t i = a.text.size() / 2; i < a.text.size() / 2 + a.text.size() / 10; ++i)
            if (a.text[i] == '.' || a.text[i] == '\n') a.text[i] = ' ';
        // CPU time, like the throughput figure: on a shared machine wall time mostly measures the neighbours
        const std::clock_t c = std::clock();
        auto g = extractor->extract(a);
        (void)g;
        return static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC;
    };
    const double one = time_one(1000000);
    const double ten = time_one(10000000);
    std::printf("linearity: 1 MB article %.3f s CPU, 10 MB article %.3f s CPU, ratio %.1f (linear = 10)\n", one, ten,
                ten / one);
    return 0;
}
