// Tabular exports, both zip bundles of RFC 4180 CSV (comma, CRLF, header row, UTF-8):
// `csv` (nodes.csv, edges.csv, evidence.csv for spreadsheets and dashboards) and `neo4j`
// (typed headers for `neo4j-admin database import full`, with a README holding the command).

#include <cctype>
#include <memory>
#include <set>
#include <string>

#include <zip.h>

#include "graph/export_detail.hpp"

namespace parley::graph::detail {
namespace {

// Evidence columns both bundles share; the article it came from is added by each bundle its own way.
std::vector<Field> evidence_fields(const EvidenceRecord& e) {
    return {
        {"edge_id", "int", std::to_string(e.edge_id)},
        {"sentence_index", "int", std::to_string(e.sentence_index)},
        {"start", "int", std::to_string(e.start)},
        {"end", "int", std::to_string(e.end)},
        {"modality", "string", e.modality},
        {"date", "date", e.date},
        {"sentence", "string", e.sentence},
    };
}

// Leading columns, then one per field.
std::vector<std::string> header(std::vector<std::string> leading, const std::vector<Field>& schema) {
    for (const auto& f : schema) leading.emplace_back(f.name);
    return leading;
}
std::vector<std::string> row(std::vector<std::string> leading, const std::vector<Field>& fields) {
    for (const auto& f : fields) leading.push_back(f.value);
    return leading;
}

// neo4j-admin header "name:type" (strings untyped); its date type refuses malformed values, so those go empty.
std::vector<std::string> neo4j_header(std::vector<std::string> leading, const std::vector<Field>& schema) {
    for (const auto& f : schema) {
        std::string column(f.name);
        if (f.type == "int") column += ":int";
        if (f.type == "boolean") column += ":boolean";
        if (f.type == "date") column += ":date";
        if (f.type == "list") column += ":string[]";
        leading.push_back(std::move(column));
    }
    return leading;
}
std::vector<std::string> neo4j_row(std::vector<std::string> leading, const std::vector<Field>& fields) {
    for (const auto& f : fields) leading.push_back(f.type == "date" && !is_iso_date(f.value) ? "" : f.value);
    return leading;
}

// "organization" -> "Organization": Neo4j labels are conventionally capitalised.
std::string neo4j_label(std::string_view kind) {
    std::string label;
    for (const char c : kind) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') label += c;
    }
    if (label.empty()) return "Entity";
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    return "Entity;" + label;
}

// "proposed" -> "PROPOSED": relationship types are conventionally upper snake case.
std::string neo4j_type(std::string_view relation) {
    std::string type;
    for (const char c : relation) {
        type += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                                                            : '_';
    }
    return type.empty() ? "RELATED" : type;
}

std::string csv_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    append_csv_row(out, head);
    for (const auto& r : rows) append_csv_row(out, r);
    return out;
}

constexpr std::string_view neo4j_readme =
    "Parley graph for neo4j-admin (Neo4j 5). Stop the target database, then from this folder:\n"
    "\n"
    "  neo4j-admin database import full --overwrite-destination --multiline-fields=true \\\n"
    "    --nodes=entities.csv --nodes=articles.csv --nodes=evidence.csv \\\n"
    "    --relationships=facts.csv --relationships=evidence_in_article.csv neo4j\n"
    "\n"
    "Nodes: (:Entity:Person|State|Organization|Proposal|Location|Group), (:Article), (:Evidence).\n"
    "Facts: (:Entity)-[:PROPOSED|MET|REJECTED|...]->(:Entity) with edge_id, negated, mention_count,\n"
    "first_seen, last_seen; each (:Evidence {edge_id}) holds one sentence and -[:IN_ARTICLE]->(:Article).\n"
    "Example: MATCH (a)-[f:PROPOSED]->(p:Proposal) MATCH (e:Evidence {edge_id: f.edge_id})-[:IN_ARTICLE]->(art)\n"
    "         RETURN a.name, p.name, e.sentence, art.url\n";

struct ZipSourceDeleter {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct ZipArchiveDeleter {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipSource = std::unique_ptr<zip_source_t, ZipSourceDeleter>;
using ZipArchive = std::unique_ptr<zip_t, ZipArchiveDeleter>;

// libzip's errors are internal faults here: the input is our own in-memory text.
Error zip_failure(std::string_view step, zip_error_t* error) {
    return make_error(ErrorCode::internal, "zip: " + std::string(step) + ": " + zip_error_strerror(error));
}

}  // namespace

std::string csv_field(std::string_view raw) {
    const std::string text = valid_utf8(raw);
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += csv_field(fields[i]);
    }
    out += "\r\n";
}

Result<std::string> make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
    zip_error_t error;
    zip_error_init(&error);
    struct ErrorFini {
        zip_error_t* error;
        ~ErrorFini() { zip_error_fini(error); }
    } error_fini{&error};
    // The archive's backing store is this in-memory source; we keep it past zip_close to read the bytes.
    ZipSource buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) return zip_failure("create buffer", &error);
    ZipArchive archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
    if (!archive) return zip_failure("open", &error);
    zip_source_keep(buffer.get());  // the archive now shares ownership of the buffer
    for (const auto& [name, content] : files) {
        zip_source_t* entry = zip_source_buffer(archive.get(), content.data(), content.size(), 0);
        if (!entry) return zip_failure("entry " + name, zip_get_error(archive.get()));
        const zip_int64_t index = zip_file_add(archive.get(), name.c_str(), entry, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(entry);  // not taken by the archive on failure
            return zip_failure("add " + name, zip_get_error(archive.get()));
        }
        // 1980-01-01 00:00, the DOS epoch: fixed so the same slice gives the same bytes.
        zip_file_set_dostime(archive.get(), static_cast<zip_uint64_t>(index), 0, (1 << 5) | 1, 0);
    }
    if (zip_close(archive.get()) < 0) return zip_failure("close", zip_get_error(archive.get()));
    (void)archive.release();  // zip_close freed it

    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer.get(), &stat) < 0 || zip_source_open(buffer.get()) < 0) {
        return zip_failure("read back", zip_source_error(buffer.get()));
    }
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_source_read(buffer.get(), bytes.data(), bytes.size());
    zip_source_close(buffer.get());
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
        return zip_failure("read back", zip_source_error(buffer.get()));
    }
    return bytes;
}

Result<std::string> render_csv_bundle(const GraphSlice& slice, const ExportMeta&) {
    const auto totals = node_totals(slice);
    std::map<std::int64_t, std::string> names;
    std::vector<std::vector<std::string>> nodes;
    for (const auto& n : slice.nodes) {
        names[n.id] = n.name;
        nodes.push_back(row({std::to_string(n.id)}, node_fields(n, totals.at(n.id))));
    }
    std::vector<std::vector<std::string>> edges;
    for (const auto& e : slice.edges) {
        edges.push_back(row({std::to_string(e.id), std::to_string(e.source_id), names[e.source_id],
                             std::to_string(e.target_id), names[e.target_id]},
                            edge_fields(e)));
    }
    std::vector<std::vector<std::string>> evidence;
    for (const auto& e : slice.evidence) {
        auto r = row({std::to_string(e.id)}, evidence_fields(e));
        r.insert(r.end(), {std::to_string(e.article_id), e.article_title, e.article_url, e.article_source});
        evidence.push_back(std::move(r));
    }
    auto evidence_head = header({"id"}, evidence_fields({}));
    evidence_head.insert(evidence_head.end(), {"article_id", "article_title", "article_url", "article_source"});
    return make_zip({
        {"nodes.csv", csv_table(header({"id"}, node_fields({}, {})), nodes)},
        {"edges.csv",
         csv_table(header({"id", "source_id", "source_name", "target_id", "target_name"}, edge_fields({})), edges)},
        {"evidence.csv", csv_table(evidence_head, evidence)},
    });
}

Result<std::string> render_neo4j_bundle(const GraphSlice& slice, const ExportMeta&) {
    const auto totals = node_totals(slice);
    std::vector<std::vector<std::string>> entities;
    for (const auto& n : slice.nodes) {
        entities.push_back(neo4j_row({std::to_string(n.id), neo4j_label(n.kind)}, node_fields(n, totals.at(n.id))));
    }
    std::vector<std::vector<std::string>> facts;
    for (const auto& e : slice.edges) {
        facts.push_back(neo4j_row(
            {std::to_string(e.source_id), std::to_string(e.target_id), neo4j_type(e.relation), std::to_string(e.id)},
            edge_fields(e)));
    }
    std::vector<std::vector<std::string>> evidence;
    std::vector<std::vector<std::string>> in_article;
    std::vector<std::vector<std::string>> articles;
    std::set<std::int64_t> seen_articles;
    for (const auto& e : slice.evidence) {
        evidence.push_back(neo4j_row({std::to_string(e.id), "Evidence"}, evidence_fields(e)));
        in_article.push_back({std::to_string(e.id), std::to_string(e.article_id), "IN_ARTICLE"});
        if (seen_articles.insert(e.article_id).second) {
            articles.push_back({std::to_string(e.article_id), "Article", e.article_title, e.article_url, e.article_source});
        }
    }
    return make_zip({
        {"entities.csv", csv_table(neo4j_header({"node_id:ID(Entity)", ":LABEL"}, node_fields({}, {})), entities)},
        {"facts.csv",
         csv_table(neo4j_header({":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "edge_id:long"}, edge_fields({})),
                   facts)},
        {"articles.csv", csv_table({"article_id:ID(Article)", ":LABEL", "title", "url", "outlet"}, articles)},
        {"evidence.csv", csv_table(neo4j_header({"evidence_id:ID(Evidence)", ":LABEL"}, evidence_fields({})), evidence)},
        {"evidence_in_article.csv", csv_table({":START_ID(Evidence)", ":END_ID(Article)", ":TYPE"}, in_article)},
        {"README.txt", std::string(neo4j_readme)},
    });
}

}  // namespace parley::graph::detail
