// SqliteGraphStore round trips on a real file: rows in, rows out, revision, rollback, pruning, FTS.

#include <gtest/gtest.h>

#include "store/sqlite_graph_store.hpp"
#include "support/temp_dir.hpp"

namespace parley::store {
namespace {

class GraphStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = SqliteGraphStore::open(dir_ / "parley.db");
        ASSERT_TRUE(opened) << opened.error().message;
        store_ = std::move(*opened);
    }

    std::int64_t scalar(std::string_view sql) {
        auto value = store_->connection().query_int64(sql);
        EXPECT_TRUE(value) << value.error().message;
        return value ? *value : -1;
    }

    // One article with one fact (Turkey proposed talks) and its evidence; returns the edge id.
    std::int64_t write_one_fact(const std::string& url, const std::string& date) {
        std::int64_t edge_id = 0;
        auto status = store_->write([&](GraphWriteSession& session) -> Status {
            auto article = session.insert_article(ArticleRow{url, "example.org", date, "Title", "Turkey proposed talks.", "h-" + url});
            if (!article) return article.error();
            auto turkey = session.find_node_by_merge_key("state:turkey");
            if (!turkey) return turkey.error();
            std::int64_t turkey_id = 0;
            if (*turkey) {
                turkey_id = **turkey;
            } else {
                auto inserted = session.insert_node(NodeRow{"state", "Turkey", "", "{}", "state:turkey"});
                if (!inserted) return inserted.error();
                turkey_id = *inserted;
            }
            auto talks = session.find_node_by_merge_key("proposal:peace_talks");
            if (!talks) return talks.error();
            std::int64_t talks_id = 0;
            if (*talks) {
                talks_id = **talks;
            } else {
                auto inserted = session.insert_node(NodeRow{"proposal", "peace talks", "peace_talks", "{}", "proposal:peace_talks"});
                if (!inserted) return inserted.error();
                talks_id = *inserted;
            }
            auto edge = session.upsert_edge(EdgeKey{turkey_id, "proposed", talks_id, false}, "");
            if (!edge) return edge.error();
            edge_id = *edge;
            if (auto st = session.insert_evidence(EvidenceRow{edge_id, *article, 0, 0, 22, "Turkey proposed talks.",
                                                              "asserted", date, "proposed"});
                !st)
                return st;
            return session.refresh_edges({edge_id});
        });
        EXPECT_TRUE(status) << status.error().message;
        return edge_id;
    }

    testing::TempDir dir_;
    std::unique_ptr<SqliteGraphStore> store_;
};

TEST_F(GraphStoreTest, FactRoundTripsWithCountsAndDates) {
    const auto first = write_one_fact("https://example.org/1", "2025-05-16");
    const auto second = write_one_fact("https://example.org/2", "2025-05-11");
    EXPECT_EQ(first, second) << "same (source, relation, target, negated) is one edge";

    auto statement = store_->connection().prepare(
        "SELECT mention_count, first_seen, last_seen FROM edges WHERE id = ?");
    ASSERT_TRUE(statement);
    ASSERT_TRUE((*statement)->bind(1, first));
    ASSERT_TRUE(*(*statement)->step());
    EXPECT_EQ((*statement)->column_int64(0), 2);
    EXPECT_EQ((*statement)->column_text(1), "2025-05-11");
    EXPECT_EQ((*statement)->column_text(2), "2025-05-16");

    auto stats = store_->stats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->articles, 2);
    EXPECT_EQ(stats->nodes, 2);
    EXPECT_EQ(stats->edges, 1);
    EXPECT_EQ(stats->evidence, 2);
    EXPECT_EQ(stats->nodes_by_kind.at("state"), 1);
    EXPECT_EQ(stats->edges_by_relation.at("proposed"), 1);
    EXPECT_EQ(stats->revision, 2);
}

TEST_F(GraphStoreTest, LookupsFindWhatWasWritten) {
    write_one_fact("https://example.org/1", "2025-05-16");
    auto status = store_->write([&](GraphWriteSession& session) -> Status {
        auto by_url = session.find_article_by_url("https://example.org/1");
        if (!by_url) return by_url.error();
        EXPECT_TRUE(by_url->has_value());
        EXPECT_EQ((*by_url)->content_hash, "h-https://example.org/1");
        auto by_hash = session.find_article_by_hash("h-https://example.org/1");
        if (!by_hash) return by_hash.error();
        EXPECT_FALSE(by_hash->has_value()) << "hash lookup is only for articles without URL";
        auto missing = session.find_article_by_url("");
        if (!missing) return missing.error();
        EXPECT_FALSE(missing->has_value());

        auto turkey = session.find_node_by_merge_key("state:turkey");
        if (!turkey || !*turkey) return make_error(ErrorCode::internal, "no turkey");
        if (auto st = session.add_alias(**turkey, "Türkiye", "turkiye"); !st) return st;
        if (auto st = session.add_alias(**turkey, "Ankara", ""); !st) return st;
        if (auto st = session.add_alias(**turkey, "Türkiye", "turkiye"); !st) return st;  // idempotent
        auto by_alias = session.find_node_by_alias("state", "turkiye");
        if (!by_alias) return by_alias.error();
        EXPECT_EQ(*by_alias, *turkey);
        auto wrong_kind = session.find_node_by_alias("person", "turkiye");
        if (!wrong_kind) return wrong_kind.error();
        EXPECT_FALSE(wrong_kind->has_value());
        auto display_only = session.find_node_by_alias("state", "ankara");
        if (!display_only) return display_only.error();
        EXPECT_FALSE(display_only->has_value()) << "an alias without match key is never merged on";
        return ok_status();
    });
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(scalar("SELECT count(*) FROM node_aliases"), 2);
}

TEST_F(GraphStoreTest, FailedWorkRollsBackEverythingAndKeepsTheRevision) {
    write_one_fact("https://example.org/1", "2025-05-16");
    const auto revision = *store_->revision();
    auto status = store_->write([&](GraphWriteSession& session) -> Status {
        auto article = session.insert_article(ArticleRow{"https://example.org/2", "", "", "", "Text.", "h2"});
        if (!article) return article.error();
        auto node = session.insert_node(NodeRow{"state", "Egypt", "", "{}", "state:egypt"});
        if (!node) return node.error();
        return make_error(ErrorCode::invalid_input, "edge 3 names unknown node n9");
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().message, "edge 3 names unknown node n9");
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes WHERE name = 'Egypt'"), 0);
    EXPECT_EQ(*store_->revision(), revision);
    EXPECT_FALSE(store_->connection().in_transaction());
}

TEST_F(GraphStoreTest, ConstraintViolationIsAnErrorNotACrash) {
    auto status = store_->write([&](GraphWriteSession& session) -> Status {
        auto node = session.insert_node(NodeRow{"planet", "Mars", "", "{}", "planet:mars"});
        if (!node) return node.error();
        return ok_status();
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::conflict);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes"), 0);
}

TEST_F(GraphStoreTest, ReadOnlyWorkDoesNotBumpTheRevision) {
    const auto before = *store_->revision();
    ASSERT_TRUE(store_->write([](GraphWriteSession& session) -> Status {
        auto found = session.find_article_by_url("https://example.org/none");
        if (!found) return found.error();
        return ok_status();
    }));
    EXPECT_EQ(*store_->revision(), before);
}

TEST_F(GraphStoreTest, RemovingTheLastEvidencePrunesEdgeAndOrphanNodes) {
    write_one_fact("https://example.org/1", "2025-05-16");
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH 'turkey'"), 1);
    auto status = store_->write([&](GraphWriteSession& session) -> Status {
        auto article = session.find_article_by_url("https://example.org/1");
        if (!article || !*article) return make_error(ErrorCode::internal, "article missing");
        auto edges = session.delete_article_evidence((*article)->id);
        if (!edges) return edges.error();
        EXPECT_EQ(edges->size(), 1u);
        auto deleted = session.delete_article((*article)->id);
        if (!deleted) return deleted.error();
        EXPECT_TRUE(*deleted);
        auto again = session.delete_article((*article)->id);
        if (!again) return again.error();
        EXPECT_FALSE(*again);
        return session.refresh_edges(*edges);
    });
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(scalar("SELECT count(*) FROM edges"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM nodes"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH 'turkey'"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'turkey'"), 0);
}

TEST_F(GraphStoreTest, ArticleDeleteCascadesToEvidenceAndItsIndex) {
    write_one_fact("https://example.org/1", "2025-05-16");
    ASSERT_TRUE(store_->connection().exec("DELETE FROM articles"));
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH 'turkey'"), 0);
}

}  // namespace
}  // namespace parley::store
