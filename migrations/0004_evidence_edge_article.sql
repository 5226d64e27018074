-- Covering index for per-fact article counts (GET /v1/edges lists `article_count` for every fact):
-- count(DISTINCT article_id) over one edge's evidence becomes an index-only range scan instead of a
-- row lookup per mention, which bench/http/run.sh showed to dominate the page's cost.
CREATE INDEX evidence_edge_article ON evidence (edge_id, article_id);
