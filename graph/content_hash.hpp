#pragma once
// Content hashing for re-ingest decisions: an article whose hash is unchanged is not rewritten.

#include <string>
#include <string_view>

#include "ingest/article.hpp"

namespace parley::graph {

// SHA-256 of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

// The hash of what an article says (source, published, title, text), not of where it lives (url, id).
// Fields are length-prefixed, so moving bytes between fields changes the hash.
std::string content_hash(const ingest::Article& article);

}  // namespace parley::graph
