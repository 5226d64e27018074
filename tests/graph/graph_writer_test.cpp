// GraphWriter on a real SQLite file, with ArticleGraph values built by hand (independent of the extractor):
// merge rules, re-ingest semantics, retraction, and all-or-nothing failure.

#include <gtest/gtest.h>

#include "graph/content_hash.hpp"
#include "graph/graph_writer.hpp"
#include "graph/node_keys.hpp"
#include "store/sqlite_graph_store.hpp"
#include "support/temp_dir.hpp"

namespace parley::graph {
namespace {

using ingest::Article;
using ingest::ArticleGraph;

Article article(std::string url, std::string text, std::string published = "2025-05-16") {
    return Article{"", std::move(url), "example.org", std::move(published), "Talks", std::move(text)};
}

ingest::Node node(std::string id, std::string kind, std::string name, std::vector<std::string> aliases = {}) {
    ingest::Node n;
    n.id = std::move(id);
    n.kind = std::move(kind);
    n.name = std::move(name);
    n.aliases = std::move(aliases);
    return n;
}

ingest::Node proposal(std::string id, std::string name, std::string type, nlohmann::json attributes = nlohmann::json::object()) {
    ingest::Node n = node(std::move(id), "proposal", std::move(name));
    n.type = std::move(type);
    n.attributes = std::move(attributes);
    return n;
}

// An edge whose evidence is the whole text of `a` (sentence 0).
ingest::Edge edge(const Article& a, std::string source, std::string relation, std::string target, bool negated = false) {
    ingest::Edge e;
    e.source = std::move(source);
    e.relation = std::move(relation);
    e.target = std::move(target);
    e.negated = negated;
    e.evidence = ingest::Evidence{0, 0, a.text.size(), a.text};
    return e;
}

class GraphWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = store::SqliteGraphStore::open(dir_ / "parley.db");
        ASSERT_TRUE(opened) << opened.error().message;
        store_ = std::move(*opened);
        writer_.emplace(*store_);
    }

    IngestSummary ingest_ok(const Article& a, const ArticleGraph& g) {
        auto result = writer_->ingest(a, g);
        EXPECT_TRUE(result) << result.error().message;
        return result ? *result : IngestSummary{};
    }

    std::int64_t scalar(std::string_view sql) {
        auto value = store_->connection().query_int64(sql);
        EXPECT_TRUE(value) << value.error().message;
        return value ? *value : -1;
    }

    std::string text(std::string_view sql) {
        auto statement = store_->connection().prepare(sql);
        EXPECT_TRUE(statement);
        if (!statement || !*(*statement)->step()) return "<no row>";
        return (*statement)->column_text(0);
    }

    // Russia rejected the 30-day ceasefire (the Istanbul article).
    std::pair<Article, ArticleGraph> istanbul(std::string text = "Moscow rejected the 30-day ceasefire on Friday.") {
        Article a = article("https://example.org/istanbul", std::move(text));
        ArticleGraph g;
        g.nodes = {node("n1", "state", "Russia", {"Moscow"}),
                   proposal("n2", "30-day ceasefire", "ceasefire", {{"duration_days", 30}})};
        g.edges = {edge(a, "n1", "rejected", "n2")};
        return {a, g};
    }

    testing::TempDir dir_;
    std::unique_ptr<store::SqliteGraphStore> store_;
    std::optional<GraphWriter> writer_;
};

TEST_F(GraphWriterTest, IngestWritesNodesFactsAndEvidence) {
    auto [a, g] = istanbul();
    const auto summary = ingest_ok(a, g);
    EXPECT_EQ(summary.outcome, IngestOutcome::created);
    EXPECT_EQ(summary.facts, 1u);
    EXPECT_EQ(summary.mentions, 1u);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes"), 2);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges"), 1);
    EXPECT_EQ(text("SELECT first_seen FROM edges"), "2025-05-16");
    EXPECT_EQ(text("SELECT sentence FROM evidence"), a.text);
    EXPECT_EQ(text("SELECT modality FROM evidence"), "asserted");
    EXPECT_EQ(text("SELECT content_hash FROM articles"), content_hash(a));
    EXPECT_EQ(text("SELECT alias FROM node_aliases"), "Moscow");
    EXPECT_EQ(*store_->revision(), 1);
}

TEST_F(GraphWriterTest, IdenticalReingestChangesNothing) {
    auto [a, g] = istanbul();
    const auto first = ingest_ok(a, g);
    const auto second = ingest_ok(a, g);
    EXPECT_EQ(second.outcome, IngestOutcome::unchanged);
    EXPECT_EQ(second.article_id, first.article_id);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence"), 1);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges"), 1);
    EXPECT_EQ(*store_->revision(), 1) << "an unchanged article must not bump the revision";
}

TEST_F(GraphWriterTest, ChangedTextReplacesEvidenceAndDropsUnsupportedFacts) {
    auto [a, g] = istanbul();
    ingest_ok(a, g);
    // A second article supports the same fact, so it must survive the first article's correction.
    Article other = article("https://example.org/other", "Russia rejected a 30-day ceasefire again.", "2025-05-20");
    ArticleGraph other_graph = g;
    other_graph.edges = {edge(other, "n1", "rejected", "n2")};
    ingest_ok(other, other_graph);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges"), 2);

    // The correction: Russia accepted talks instead; the ceasefire rejection now rests on `other` only.
    Article corrected = article(a.url, "Moscow accepted talks in Istanbul.");
    ArticleGraph corrected_graph;
    corrected_graph.nodes = {node("n1", "state", "Russia"), proposal("n2", "peace talks", "peace_talks")};
    corrected_graph.edges = {edge(corrected, "n1", "accepted", "n2")};
    const auto summary = ingest_ok(corrected, corrected_graph);
    EXPECT_EQ(summary.outcome, IngestOutcome::replaced);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 2);
    EXPECT_EQ(text("SELECT text FROM articles WHERE url = 'https://example.org/istanbul'"), corrected.text);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges WHERE relation = 'rejected'"), 1);
    EXPECT_EQ(text("SELECT first_seen FROM edges WHERE relation = 'rejected'"), "2025-05-20");
    EXPECT_EQ(scalar("SELECT count(*) FROM edges WHERE relation = 'accepted'"), 1);

    // Correct `other` too: the rejection loses its last evidence and the ceasefire node goes with it.
    Article other_corrected = article(other.url, "Russia accepted talks.", "2025-05-20");
    ArticleGraph other_corrected_graph = corrected_graph;
    other_corrected_graph.edges = {edge(other_corrected, "n1", "accepted", "n2")};
    ingest_ok(other_corrected, other_corrected_graph);
    EXPECT_EQ(scalar("SELECT count(*) FROM edges WHERE relation = 'rejected'"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE proposal_type = 'ceasefire'"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE name = 'Russia'"), 1);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges WHERE relation = 'accepted'"), 2);
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH 'ceasefire'"), 0);
}

TEST_F(GraphWriterTest, ArticlesWithoutUrlAreIdentifiedByContent) {
    auto [a, g] = istanbul();
    a.url.clear();
    EXPECT_EQ(ingest_ok(a, g).outcome, IngestOutcome::created);
    EXPECT_EQ(ingest_ok(a, g).outcome, IngestOutcome::unchanged);
    a.text += " Talks continue.";
    EXPECT_EQ(ingest_ok(a, g).outcome, IngestOutcome::created);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 2);
}

TEST_F(GraphWriterTest, PeopleMergeOnFullNamesAndAliasesButNeverOnABareSurname) {
    Article a = article("https://example.org/a", "Zelensky met Erdogan in Ankara.");
    ArticleGraph g;
    g.nodes = {node("n1", "person", "Volodymyr Zelenskyy", {"Volodymyr Zelensky", "Zelensky"}),
               node("n2", "person", "Recep Tayyip Erdogan", {"Erdogan"})};
    g.edges = {edge(a, "n1", "met", "n2")};
    ingest_ok(a, g);

    // A differently spelled full name that is a known alias merges; a bare surname as the only name does not.
    Article b = article("https://example.org/b", "Zelensky spoke with a man named Erdogan.");
    ArticleGraph h;
    h.nodes = {node("n1", "person", "Volodymyr Zelensky"), node("n2", "person", "Erdogan")};
    h.edges = {edge(b, "n1", "called", "n2")};
    ingest_ok(b, h);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE kind = 'person'"), 3);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE name = 'Volodymyr Zelenskyy'"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE name = 'Erdogan'"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM node_aliases WHERE alias = 'Zelensky' AND match_key IS NULL"), 1);
}

TEST_F(GraphWriterTest, StatesMergeThroughAliasesInEitherDirection) {
    Article a = article("https://example.org/a", "Turkey hosted talks.");
    ArticleGraph g;
    g.nodes = {node("n1", "state", "Turkey", {"Türkiye"}), proposal("n2", "peace talks", "peace_talks")};
    g.edges = {edge(a, "n1", "proposed", "n2")};
    ingest_ok(a, g);
    Article b = article("https://example.org/b", "Türkiye hosted talks.");
    ArticleGraph h = g;
    h.nodes[0] = node("n1", "state", "Türkiye");
    h.edges = {edge(b, "n1", "proposed", "n2")};
    ingest_ok(b, h);
    Article c = article("https://example.org/c", "The Turkish state hosted talks.");
    ArticleGraph k = g;
    k.nodes[0] = node("n1", "state", "Republic of Turkey", {"Turkey"});
    k.edges = {edge(c, "n1", "proposed", "n2")};
    ingest_ok(c, k);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE kind = 'state'"), 1);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges"), 3);
}

TEST_F(GraphWriterTest, ProposalsMergeOnTypeAndAttributes) {
    Article a = article("https://example.org/a", "Kyiv proposed a truce. Kyiv demanded a ceasefire.");
    ArticleGraph g;
    g.nodes = {node("n1", "state", "Ukraine"),
               proposal("n2", "30-day ceasefire", "ceasefire", {{"duration_days", 30}, {"parties", {"Ukraine", "Russia"}}}),
               proposal("n3", "the truce", "ceasefire", {{"parties", {"russia", "ukraine"}}, {"duration_days", 30.0}}),
               proposal("n4", "Gaza ceasefire", "ceasefire"), proposal("n5", "Kashmir ceasefire", "ceasefire")};
    g.edges = {edge(a, "n1", "proposed", "n2"), edge(a, "n1", "demanded", "n3"), edge(a, "n1", "welcomed", "n4"),
               edge(a, "n1", "welcomed", "n5")};
    ingest_ok(a, g);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE kind = 'proposal'"), 3)
        << "n2 and n3 are one measure; the attribute-less ceasefires stay apart by name";
}

TEST_F(GraphWriterTest, SymmetricRelationsAreOneFactNegationIsAnother) {
    Article a = article("https://example.org/a", "Putin and Trump spoke by phone; Trump did not call Xi.");
    ArticleGraph g;
    g.nodes = {node("n1", "person", "Vladimir Putin"), node("n2", "person", "Donald Trump"),
               node("n3", "person", "Xi Jinping")};
    g.edges = {edge(a, "n1", "called", "n2"), edge(a, "n2", "called", "n1"), edge(a, "n2", "called", "n3", true),
               edge(a, "n2", "called", "n3")};
    const auto summary = ingest_ok(a, g);
    EXPECT_EQ(summary.facts, 3u);
    EXPECT_EQ(summary.mentions, 4u);
    EXPECT_EQ(scalar("SELECT mention_count FROM edges WHERE negated = 0 AND mention_count = 2"), 2);
    EXPECT_EQ(scalar("SELECT count(*) FROM edges WHERE negated = 1"), 1);
}

TEST_F(GraphWriterTest, EdgeDatesOverrideThePublicationDate) {
    Article a = article("https://example.org/a", "In 2018 the United States withdrew from the deal.", "2025-05-16");
    ArticleGraph g;
    g.nodes = {node("n1", "state", "United States"), proposal("n2", "nuclear deal", "nuclear_deal")};
    g.edges = {edge(a, "n1", "rejected", "n2")};
    g.edges[0].date = "2018-05-08";
    g.edges[0].modality = "reported";
    ingest_ok(a, g);
    EXPECT_EQ(text("SELECT first_seen || ' ' || last_seen FROM edges"), "2018-05-08 2018-05-08");
    EXPECT_EQ(text("SELECT modality FROM evidence"), "reported");

    // A text that dates an act only by year or month keeps that precision; junk is refused.
    Article b = article("https://example.org/b", "The two leaders last met in 2019.");
    ArticleGraph h;
    h.nodes = {node("n1", "person", "Donald Trump"), node("n2", "person", "Vladimir Putin")};
    h.edges = {edge(b, "n1", "met", "n2")};
    h.edges[0].date = "2019";
    ingest_ok(b, h);
    EXPECT_EQ(text("SELECT first_seen FROM edges WHERE relation = 'met'"), "2019");
    h.edges[0].date = "2019-06";
    b.text += " ";
    ingest_ok(b, h);
    EXPECT_EQ(text("SELECT first_seen FROM edges WHERE relation = 'met'"), "2019-06");
    h.edges[0].date = "last June";
    auto refused = writer_->ingest(b, h);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("date 'last June'"), std::string::npos) << refused.error().message;
}

TEST_F(GraphWriterTest, InvalidGraphIsRefusedBeforeAnythingIsWritten) {
    auto [a, g] = istanbul();
    auto unknown = g;
    unknown.edges[0].target = "n9";
    auto result = writer_->ingest(a, unknown);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_NE(result.error().message.find("unknown target node 'n9'"), std::string::npos) << result.error().message;

    auto outside = g;
    outside.edges[0].evidence.end = a.text.size() + 5;
    result = writer_->ingest(a, outside);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("outside the text"), std::string::npos) << result.error().message;

    auto bad_kind = g;
    bad_kind.nodes[0].kind = "planet";
    EXPECT_FALSE(writer_->ingest(a, bad_kind));
    auto bad_modality = g;
    bad_modality.edges[0].modality = "maybe";
    EXPECT_FALSE(writer_->ingest(a, bad_modality));

    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 0);
    EXPECT_EQ(*store_->revision(), 0);
}

// A store whose session fails at the N-th evidence insert: the failure must undo the whole article.
class FailingStore final : public store::GraphStore {
public:
    FailingStore(store::GraphStore& inner, int fail_at) : inner_(inner), fail_at_(fail_at) {}
    Status write(const std::function<Status(store::GraphWriteSession&)>& work) override {
        return inner_.write([&](store::GraphWriteSession& session) {
            Session failing(session, fail_at_);
            return work(failing);
        });
    }
    Result<std::int64_t> revision() override { return inner_.revision(); }
    Result<store::StoreStats> stats() override { return inner_.stats(); }

private:
    class Session final : public store::GraphWriteSession {
    public:
        Session(store::GraphWriteSession& inner, int fail_at) : inner_(inner), left_(fail_at) {}
        Result<std::optional<store::StoredArticle>> find_article_by_url(std::string_view u) override { return inner_.find_article_by_url(u); }
        Result<std::optional<store::StoredArticle>> find_article_by_hash(std::string_view h) override { return inner_.find_article_by_hash(h); }
        Result<std::int64_t> insert_article(const store::ArticleRow& a) override { return inner_.insert_article(a); }
        Status update_article(std::int64_t id, const store::ArticleRow& a) override { return inner_.update_article(id, a); }
        Result<bool> delete_article(std::int64_t id) override { return inner_.delete_article(id); }
        Result<std::vector<std::int64_t>> delete_article_evidence(std::int64_t id) override { return inner_.delete_article_evidence(id); }
        Result<std::optional<std::int64_t>> find_node_by_merge_key(std::string_view k) override { return inner_.find_node_by_merge_key(k); }
        Result<std::optional<std::int64_t>> find_node_by_alias(std::string_view kind, std::string_view k) override { return inner_.find_node_by_alias(kind, k); }
        Result<std::int64_t> insert_node(const store::NodeRow& n) override { return inner_.insert_node(n); }
        Status add_alias(std::int64_t id, std::string_view a, std::string_view k) override { return inner_.add_alias(id, a, k); }
        Result<std::optional<std::int64_t>> find_edge(const store::EdgeKey& k) override { return inner_.find_edge(k); }
        Result<std::int64_t> upsert_edge(const store::EdgeKey& k, std::string_view t) override { return inner_.upsert_edge(k, t); }
        Status insert_evidence(const store::EvidenceRow& e) override {
            if (--left_ == 0) return make_error(ErrorCode::database_error, "disk I/O error (injected)");
            return inner_.insert_evidence(e);
        }
        Status refresh_edges(const std::vector<std::int64_t>& ids) override { return inner_.refresh_edges(ids); }

    private:
        store::GraphWriteSession& inner_;
        int left_;
    };

    store::GraphStore& inner_;
    int fail_at_;
};

TEST_F(GraphWriterTest, FailureHalfWayLeavesNothingHalfWritten) {
    auto [a, g] = istanbul();
    ingest_ok(a, g);
    const auto revision = *store_->revision();
    // A replacing re-ingest with two facts that fails on the second evidence row.
    Article changed = article(a.url, "Moscow rejected the ceasefire and proposed talks.");
    ArticleGraph changed_graph = g;
    changed_graph.nodes.push_back(proposal("n3", "peace talks", "peace_talks"));
    changed_graph.edges = {edge(changed, "n1", "rejected", "n2"), edge(changed, "n1", "proposed", "n3")};
    FailingStore failing(*store_, 2);
    auto result = GraphWriter(failing).ingest(changed, changed_graph);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("injected"), std::string::npos);
    EXPECT_EQ(text("SELECT text FROM articles"), a.text);
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes"), 2);
    EXPECT_EQ(*store_->revision(), revision);
}

TEST_F(GraphWriterTest, RemovingAnArticleRetractsItsFacts) {
    auto [a, g] = istanbul();
    const auto summary = ingest_ok(a, g);
    auto removed = writer_->remove_article(summary.article_id);
    ASSERT_TRUE(removed) << removed.error().message;
    EXPECT_EQ(removed->facts_touched, 1u);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM edges"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM node_aliases"), 0);

    auto again = writer_->remove_article(summary.article_id);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::not_found);
    auto by_url = writer_->remove_article_by_url("https://example.org/none");
    ASSERT_FALSE(by_url);
    EXPECT_EQ(by_url.error().code, ErrorCode::not_found);
}

TEST(NodeKeys, FoldingAndKeys) {
    EXPECT_EQ(fold_name("  The  United-States "), "united states");
    EXPECT_EQ(fold_name("Türkiye"), "t\xC3\xBCrkiye");
    EXPECT_EQ(alias_match_key("person", "Putin"), "");
    EXPECT_EQ(alias_match_key("person", "Vladimir Putin"), "vladimir putin");
    EXPECT_EQ(alias_match_key("state", "Moscow"), "moscow");
    EXPECT_EQ(alias_match_key("proposal", "the truce"), "");
    EXPECT_EQ(canonical_attributes(nlohmann::json{{"duration_days", 30.0}, {"parties", {"Ukraine", "Russia"}}}).dump(),
              R"({"duration_days":30,"parties":["russia","ukraine"]})");
}

TEST(ContentHash, Sha256KnownAnswers) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    Article x = article("u", "ab");
    Article y = x;
    y.title += "a";
    y.text = "b";
    EXPECT_NE(content_hash(x), content_hash(y)) << "field boundaries are part of the hash";
}

}  // namespace
}  // namespace parley::graph
