#pragma once
// Dictionaries: the actor, title and cue tables read from dictionaries/ (see dictionaries/README.md).

#include <filesystem>

#include "core/result.hpp"

namespace parley::ingest {

struct Dictionaries {
    // Filled by the extraction work: states, organizations, people with offices, titles, cues.
};

Result<Dictionaries> load_dictionaries(const std::filesystem::path& dir);

}  // namespace parley::ingest
