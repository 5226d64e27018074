-- GET /v1/edges under load (bench/http/run.sh, docs/benchmarks.md): the two per-read aggregates that
-- dominated a 50-fact page once 0004 was in, made cheap.
--
-- 1. A fact's distinct-article count is stored with the fact, kept by the writer's refresh of a touched
--    fact together with mention_count and first/last seen, instead of being counted over its evidence
--    (about 100 mentions a fact in the benchmark) on every read.
ALTER TABLE edges ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;  -- distinct articles among its evidence
UPDATE edges SET article_count = (SELECT count(DISTINCT article_id) FROM evidence WHERE evidence.edge_id = edges.id);

-- 2. A node's first/last seen (min/max over the dates of the facts it takes part in, listed with every node
--    a read returns) becomes four index seeks, instead of reading every fact of a busy node.
CREATE INDEX edges_source_first_seen ON edges (source_id, first_seen);
CREATE INDEX edges_source_last_seen ON edges (source_id, last_seen);
CREATE INDEX edges_target_first_seen ON edges (target_id, first_seen);
CREATE INDEX edges_target_last_seen ON edges (target_id, last_seen);
