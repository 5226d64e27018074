#pragma once
// FixtureDictionaries: a temporary dictionaries folder with small actor tables written here and the
// project's own cue and proposal files copied from the source tree. Removed when it goes out of scope.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace parley::testing_support {

class FixtureDictionaries {
public:
    FixtureDictionaries() {
        namespace fs = std::filesystem;
        std::random_device rd;
        dir_ = fs::temp_directory_path() / ("parley-dict-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(dir_ / "actors");
        const fs::path src = fs::path(PARLEY_SOURCE_DIR) / "dictionaries";
        fs::copy(src / "cues", dir_ / "cues", fs::copy_options::recursive);
        fs::copy(src / "proposals", dir_ / "proposals", fs::copy_options::recursive);
        write("actors/states.tsv",
              "# name\taliases\tadjectives\tdemonyms\tmetonyms\n"
              "Russia\tRussian Federation\tRussian\tRussians\tMoscow|the Kremlin\n"
              "Ukraine\t\tUkrainian\tUkrainians\tKyiv|Kiev\n"
              "United States\tU.S.|US|USA|United States of America\tAmerican|U.S.|US\tAmericans\tWashington|the White House\n"
              "Turkey\tTürkiye\tTurkish\tTurks\tAnkara\n"
              "United Arab Emirates\tUAE\tEmirati\tEmiratis\tAbu Dhabi\n"
              "Jordan\t\tJordanian\tJordanians\tAmman\n"
              "Qatar\t\tQatari\tQataris\tDoha\n"
              "Italy\t\tItalian\tItalians\tRome\n"
              "Saudi Arabia\t\tSaudi\tSaudis\tRiyadh\n"
              "France\t\tFrench\t\tParis|the Élysée\n"
              "United Kingdom\tUK|U.K.|Britain\tBritish\tBritons\tLondon|Downing Street\n"
              "Israel\t\tIsraeli\tIsraelis\tJerusalem\n"
              "Iran\t\tIranian\tIranians\tTehran\n"
              "Oman\t\tOmani\t\tMuscat\n");
        write("actors/organizations.tsv",
              "# name\taliases\tcategory\tcountry\tadjectives\n"
              "NATO\tNorth Atlantic Treaty Organization\talliance\t\tNATO\n"
              "European Union\tEU\tintergovernmental\t\tEU\n"
              "United Nations\tUN|U.N.\tintergovernmental\t\tUN\n"
              "Hamas\t\tnon_state_armed\tPalestine\tHamas\n");
        // Palestine is referenced by Hamas, so it must exist as a state
        append("actors/states.tsv", "Palestine\tState of Palestine\tPalestinian\tPalestinians\tRamallah\n");
        write("actors/titles.tsv",
              "# phrase\ttitle\trank\n"
              "president\tPresident\thead_of_state\n"
              "prime minister\tPrime Minister\thead_of_government\n"
              "foreign minister\tForeign Minister\tminister\n"
              "deputy foreign minister\tDeputy Foreign Minister\tminister\n"
              "spokesman\tSpokesperson\tspokesperson\n"
              "envoy\tEnvoy\tenvoy\n"
              "secretary general\tSecretary General\tother\n"
              "emir\tEmir\thead_of_state\n");
        write("actors/people.tsv",
              "# name\taliases\ttitle\tof\tfrom\tto\n"
              "Vladimir Putin\tPutin\tPresident\tRussia\t2012-05-07\t\n"
              "Volodymyr Zelenskyy\tZelensky|Zelenskiy|Volodymyr Zelensky|Zelenskyy\tPresident\tUkraine\t2019-05-20\t\n"
              "Donald Trump\tTrump\tPresident\tUnited States\t2025-01-20\t\n"
              "Recep Tayyip Erdoğan\tErdogan|Erdoğan|Recep Tayyip Erdogan\tPresident\tTurkey\t2014-08-28\t\n"
              "Sergey Lavrov\tLavrov|Sergei Lavrov\tForeign Minister\tRussia\t2004-03-09\t\n"
              "Mark Rutte\tRutte\tSecretary General\tNATO\t2024-10-01\t\n");
    }
    ~FixtureDictionaries() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    FixtureDictionaries(const FixtureDictionaries&) = delete;
    FixtureDictionaries& operator=(const FixtureDictionaries&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    void write(const std::string& rel, const std::string& text) {
        std::ofstream(dir_ / rel, std::ios::binary | std::ios::trunc) << text;
    }
    void append(const std::string& rel, const std::string& text) {
        std::ofstream(dir_ / rel, std::ios::binary | std::ios::app) << text;
    }

private:
    std::filesystem::path dir_;
};

}  // namespace parley::testing_support
