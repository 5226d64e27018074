#include "graph/stats_render.hpp"

#include "graph/export_detail.hpp"

namespace parley::graph {

namespace {

using nlohmann::json;

std::string field_text(const json& value) {
    if (value.is_null()) return {};
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

// Empty dates are absent values, not empty strings, in both renderings.
json date_or_null(const std::string& date) { return date.empty() ? json(nullptr) : json(date); }

void add_name_counts(Table& table, const char* section, const std::vector<store::NameCount>& counts) {
    for (const auto& c : counts) table.rows.push_back({section, c.name, c.count});
}

json name_counts_json(const std::vector<store::NameCount>& counts) {
    json out = json::object();
    for (const auto& c : counts) out[c.name] = c.count;
    return out;
}

// The columns both renderings of one stance mention share, prefixed for the contradiction rows.
void add_mention(std::vector<json>& row, const store::StanceMention& m) {
    row.insert(row.end(), {m.relation, date_or_null(m.date), m.sentence, m.article_url, m.outlet, m.evidence_id});
}
constexpr std::array<const char*, 6> mention_columns = {"relation", "date", "sentence", "article_url", "outlet",
                                                        "evidence_id"};

json mention_json(const store::StanceMention& m) {
    return {{"relation", m.relation},       {"date", date_or_null(m.date)},
            {"modality", m.modality},       {"evidence_id", m.evidence_id},
            {"edge_id", m.edge_id},         {"sentence", m.sentence},
            {"article_id", m.article_id},   {"article_title", m.article_title},
            {"article_url", m.article_url}, {"outlet", m.outlet}};
}

}  // namespace

std::string to_csv(const Table& table) {
    std::string out;
    auto append_row = [&out](const auto& fields, auto&& text_of) {
        for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + detail::csv_field(text_of(fields[i]));
        out += "\r\n";  // RFC 4180 line break
    };
    append_row(table.columns, [](const std::string& s) { return s; });
    for (const auto& row : table.rows) append_row(row, field_text);
    return out;
}

json to_json(const Table& table) {
    json out = json::array();
    for (const auto& row : table.rows) {
        json object = json::object();
        for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) object[table.columns[i]] = row[i];
        out.push_back(std::move(object));
    }
    return out;
}

Table summary_table(const store::SummaryCounts& s) {
    Table table{{"section", "name", "value"}, {}};
    table.rows = {{"total", "articles", s.articles},
                  {"total", "nodes", s.nodes},
                  {"total", "facts", s.facts},
                  {"total", "mentions", s.mentions},
                  {"date", "first", date_or_null(s.first_date)},
                  {"date", "last", date_or_null(s.last_date)}};
    add_name_counts(table, "nodes_by_kind", s.nodes_by_kind);
    add_name_counts(table, "facts_by_relation", s.facts_by_relation);
    add_name_counts(table, "outlet", s.outlets);
    return table;
}

json summary_json(const store::SummaryCounts& s) {
    json outlets = json::array();
    for (const auto& o : s.outlets) outlets.push_back({{"outlet", o.name}, {"articles", o.count}});
    return {{"articles", s.articles},
            {"nodes", s.nodes},
            {"facts", s.facts},
            {"mentions", s.mentions},
            {"nodes_by_kind", name_counts_json(s.nodes_by_kind)},
            {"facts_by_relation", name_counts_json(s.facts_by_relation)},
            {"first_date", date_or_null(s.first_date)},
            {"last_date", date_or_null(s.last_date)},
            {"outlets", outlets}};
}

Table timeseries_table(const std::vector<SeriesPoint>& points) {
    Table table{{"bucket", "series", "value"}, {}};
    for (const auto& p : points) table.rows.push_back({p.bucket, p.series, p.value});
    return table;
}

Table top_table(const std::vector<store::TopRow>& rows) {
    Table table{{"id", "label", "kind", "facts", "mentions", "first_seen", "last_seen"}, {}};
    for (const auto& r : rows)
        table.rows.push_back({r.id == 0 ? json(nullptr) : json(r.id), r.label, r.kind, r.facts, r.mentions,
                              date_or_null(r.first_seen), date_or_null(r.last_seen)});
    return table;
}

Table stance_table(const std::vector<StanceRow>& rows) {
    Table table{{"actor_id", "actor", "actor_kind"}, {}};
    for (const auto relation : stance_relations) {
        table.columns.push_back(std::string(relation) + "_count");
        table.columns.push_back(std::string(relation) + "_latest");
    }
    table.columns.insert(table.columns.end(), {"latest_stance", "latest_date"});
    for (const auto& r : rows) {
        std::vector<json> row{r.actor_id, r.actor, r.actor_kind};
        for (const auto& cell : r.cells) {
            row.push_back(cell.count);
            row.push_back(date_or_null(cell.latest));
        }
        row.push_back(r.latest_stance);
        row.push_back(date_or_null(r.latest_date));
        table.rows.push_back(std::move(row));
    }
    return table;
}

json stance_json(const std::vector<StanceRow>& rows) {
    json out = json::array();
    for (const auto& r : rows) {
        json stances = json::object();
        for (std::size_t i = 0; i < stance_relations.size(); ++i)
            stances[std::string(stance_relations[i])] = {{"count", r.cells[i].count},
                                                         {"latest", date_or_null(r.cells[i].latest)}};
        out.push_back({{"actor_id", r.actor_id},
                       {"actor", r.actor},
                       {"actor_kind", r.actor_kind},
                       {"stances", stances},
                       {"latest_stance", r.latest_stance},
                       {"latest_date", date_or_null(r.latest_date)}});
    }
    return out;
}

Table contradictions_table(const std::vector<Contradiction>& items) {
    Table table{{"actor_id", "actor", "actor_kind", "proposal_id", "proposal", "proposal_type"}, {}};
    for (const char* side : {"support_", "opposition_"})
        for (const char* column : mention_columns) table.columns.push_back(std::string(side) + column);
    for (const auto& c : items) {
        const auto& s = c.support;
        std::vector<json> row{s.actor_id, s.actor, s.actor_kind, s.proposal_id, s.proposal, s.proposal_type};
        add_mention(row, c.support);
        add_mention(row, c.opposition);
        table.rows.push_back(std::move(row));
    }
    return table;
}

json contradictions_json(const std::vector<Contradiction>& items) {
    json out = json::array();
    for (const auto& c : items) {
        const auto& s = c.support;
        out.push_back({{"actor", {{"id", s.actor_id}, {"name", s.actor}, {"kind", s.actor_kind}}},
                       {"proposal", {{"id", s.proposal_id}, {"name", s.proposal}, {"type", s.proposal_type}}},
                       {"support", mention_json(c.support)},
                       {"opposition", mention_json(c.opposition)}});
    }
    return out;
}

}  // namespace parley::graph
