#pragma once
// UTF-8 helpers shared by the article parser and the text normaliser.

#include <cstddef>
#include <optional>
#include <string_view>

namespace parley::ingest {

// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate, truncated), or nullopt if valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace parley::ingest
