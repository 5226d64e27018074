#pragma once
// Renderings of the dashboard aggregates: JSON for the API and flat tables for CSV (RFC 4180, header row,
// CRLF), so Grafana's Infinity source, spreadsheets and Superset read the same columns. Pure functions,
// thread-safe, deterministic.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/stats.hpp"

namespace parley::graph {

// A flat table: column names and rows of JSON scalars (strings, integers, booleans, null).
struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<nlohmann::json>> rows;
};

// RFC 4180: header row, then one CRLF-terminated record per row; null is an empty field.
std::string to_csv(const Table& table);
// An array of objects keyed by column name.
nlohmann::json to_json(const Table& table);

// Long form (section, name, value): articles, nodes, facts, mentions, dates, then per kind/relation/outlet.
Table summary_table(const store::SummaryCounts& summary);
nlohmann::json summary_json(const store::SummaryCounts& summary);

// bucket, series, value
Table timeseries_table(const std::vector<SeriesPoint>& points);

// id, label, kind, facts, mentions, first_seen, last_seen
Table top_table(const std::vector<store::TopRow>& rows);

// Wide: actor_id, actor, actor_kind, then <stance>_count and <stance>_latest for every stance relation,
// then latest_stance, latest_date. The JSON nests the cells under "stances".
Table stance_table(const std::vector<StanceRow>& rows);
nlohmann::json stance_json(const std::vector<StanceRow>& rows);

// One row per contradiction with both sides' relation, date, sentence, article URL and outlet.
Table contradictions_table(const std::vector<Contradiction>& items);
nlohmann::json contradictions_json(const std::vector<Contradiction>& items);

}  // namespace parley::graph
