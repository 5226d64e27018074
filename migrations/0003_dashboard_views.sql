-- Read-only views for dashboards and for tools that open the file directly (Grafana's SQLite source,
-- Metabase, Datasette, the sqlite3 shell): readable names instead of ids, NULL instead of '' for unknown
-- dates. The service's own aggregates (/v1/stats/*, /v1/stance, /v1/contradictions) query these views too,
-- so what a dashboard sees and what the API returns cannot drift apart. docs/dashboards.md documents them.

-- One row per mention (evidence row): the fact with both endpoints named, the sentence and its article.
CREATE VIEW v_mentions AS
SELECT
  ev.id                     AS evidence_id,
  e.id                      AS edge_id,
  NULLIF(ev.date, '')       AS date,
  s.id                      AS source_id,
  s.name                    AS source,
  s.kind                    AS source_kind,
  e.relation                AS relation,
  t.id                      AS target_id,
  t.name                    AS target,
  t.kind                    AS target_kind,
  CASE WHEN t.kind = 'proposal' THEN t.proposal_type
       WHEN s.kind = 'proposal' THEN s.proposal_type END AS proposal_type,
  e.negated                 AS negated,
  ev.modality               AS modality,
  ev.sentence               AS sentence,
  a.id                      AS article_id,
  a.title                   AS article_title,
  a.url                     AS article_url,
  a.source                  AS outlet
FROM evidence ev
JOIN edges e ON e.id = ev.edge_id
JOIN nodes s ON s.id = e.source_id
JOIN nodes t ON t.id = e.target_id
JOIN articles a ON a.id = ev.article_id;

-- One row per distinct fact (source, relation, target, negated) with names and its first/last mention date.
CREATE VIEW v_facts AS
SELECT
  e.id                      AS fact_id,
  s.id                      AS source_id,
  s.name                    AS source,
  s.kind                    AS source_kind,
  e.relation                AS relation,
  t.id                      AS target_id,
  t.name                    AS target,
  t.kind                    AS target_kind,
  NULLIF(t.proposal_type, '') AS proposal_type,
  e.negated                 AS negated,
  NULLIF(e.title, '')       AS title,
  NULLIF(e.first_seen, '')  AS first_seen,
  NULLIF(e.last_seen, '')   AS last_seen,
  e.mention_count           AS mentions
FROM edges e
JOIN nodes s ON s.id = e.source_id
JOIN nodes t ON t.id = e.target_id;

-- One row per mention of an actor taking a stance on a proposal: the stance relations only, the target a
-- proposal, not negated, and asserted or reported (a future or conditional act is not yet a stance).
CREATE VIEW v_stance AS
SELECT
  evidence_id, edge_id, date,
  source_id   AS actor_id,
  source      AS actor,
  source_kind AS actor_kind,
  relation    AS stance,
  target_id   AS proposal_id,
  target      AS proposal,
  proposal_type, modality, sentence, article_id, article_title, article_url, outlet
FROM v_mentions
WHERE target_kind = 'proposal'
  AND negated = 0
  AND modality IN ('asserted', 'reported')
  AND relation IN ('proposed', 'demanded', 'accepted', 'welcomed', 'supported', 'rejected', 'criticized');

-- Per day and relation: distinct facts mentioned, mentions, distinct articles (dated, non-negated mentions).
CREATE VIEW v_daily AS
SELECT
  date                        AS day,
  relation                    AS relation,
  COUNT(DISTINCT edge_id)     AS facts,
  COUNT(*)                    AS mentions,
  COUNT(DISTINCT article_id)  AS articles
FROM v_mentions
WHERE date IS NOT NULL AND negated = 0
GROUP BY date, relation;
