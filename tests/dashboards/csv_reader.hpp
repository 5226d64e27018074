#pragma once
// A strict RFC 4180 reader for tests: parses what the service writes back into rows, so CSV output is
// checked by reading it, not by comparing strings. Fails (nullopt) on a bare LF, a stray quote or a record
// whose width differs from the header's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::testing {

using CsvRows = std::vector<std::vector<std::string>>;

inline std::optional<CsvRows> parse_csv(std::string_view text) {
    CsvRows rows;
    std::vector<std::string> record;
    std::string field;
    std::size_t i = 0;
    auto end_field = [&] { record.push_back(std::move(field)); field.clear(); };
    while (i < text.size()) {
        if (text[i] == '"') {
            if (!field.empty()) return std::nullopt;  // a quote inside an unquoted field
            for (++i;; ++i) {
                if (i >= text.size()) return std::nullopt;  // unterminated
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; continue; }
                    ++i;
                    break;
                }
                field += text[i];
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\r') return std::nullopt;
            continue;
        }
        if (text[i] == ',') { end_field(); ++i; continue; }
        if (text[i] == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') return std::nullopt;
            end_field();
            if (!rows.empty() && record.size() != rows.front().size()) return std::nullopt;
            rows.push_back(std::move(record));
            record.clear();
            i += 2;
            continue;
        }
        if (text[i] == '\n') return std::nullopt;  // records end with CRLF
        field += text[i++];
    }
    if (!field.empty() || !record.empty()) return std::nullopt;  // the last record must end with CRLF too
    return rows;
}

}  // namespace parley::testing
