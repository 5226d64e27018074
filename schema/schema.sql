-- Parley's SQLite schema for reading: all of migrations/ applied, in order (tests/store keeps the two equal).
-- Do not apply this file to a database: migrations/ is what the binary runs.

-- ---- 0001_core_tables.sql ----
-- Articles, nodes, aliases, edges (one row per distinct fact) and evidence (one row per mention).
-- Dates are ISO 'YYYY-MM-DD' text, '' when unknown. Every table is STRICT.

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  url          TEXT NOT NULL DEFAULT '',   -- identity when non-empty
  source       TEXT NOT NULL DEFAULT '',   -- outlet, e.g. 'reuters.com'
  published    TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL DEFAULT '',
  text         TEXT NOT NULL,              -- evidence byte offsets point into this
  content_hash TEXT NOT NULL,              -- SHA-256 (hex) of source, published, title and text
  ingested_at  TEXT NOT NULL               -- UTC, ISO-8601
) STRICT;
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE nodes (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('person', 'state', 'organization', 'proposal', 'location', 'group')),
  name          TEXT NOT NULL,               -- canonical name
  proposal_type TEXT NOT NULL DEFAULT '',    -- proposals only (ontology vocabulary)
  attributes    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  merge_key     TEXT NOT NULL UNIQUE         -- what graph/ merges mentions on (see graph/node_keys.hpp)
) STRICT;
CREATE INDEX nodes_kind_name ON nodes (kind, name);

CREATE TABLE node_aliases (
  node_id   INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  alias     TEXT NOT NULL,
  match_key TEXT,                            -- NULL: shown but never merged on (e.g. a bare surname)
  PRIMARY KEY (node_id, alias)
) STRICT, WITHOUT ROWID;
CREATE INDEX node_aliases_match_key ON node_aliases (match_key) WHERE match_key IS NOT NULL;

CREATE TABLE edges (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  relation      TEXT NOT NULL,
  target_id     INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  negated       INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  title         TEXT NOT NULL DEFAULT '',    -- `represents` only: the office
  first_seen    TEXT NOT NULL DEFAULT '',    -- min / max of the evidence dates
  last_seen     TEXT NOT NULL DEFAULT '',
  mention_count INTEGER NOT NULL DEFAULT 0,  -- number of evidence rows
  UNIQUE (source_id, relation, target_id, negated)  -- also serves "edges by source"
) STRICT;
CREATE INDEX edges_target ON edges (target_id, relation);
CREATE INDEX edges_relation ON edges (relation, last_seen);

CREATE TABLE evidence (
  id             INTEGER PRIMARY KEY,
  edge_id        INTEGER NOT NULL REFERENCES edges (id) ON DELETE CASCADE,
  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  sentence_index INTEGER NOT NULL,
  start_byte     INTEGER NOT NULL,
  end_byte       INTEGER NOT NULL,
  sentence       TEXT NOT NULL,
  modality       TEXT NOT NULL CHECK (modality IN ('asserted', 'future', 'conditional', 'reported')),
  date           TEXT NOT NULL DEFAULT '',
  pattern        TEXT NOT NULL DEFAULT '',   -- the extraction cue that produced it (provenance)
  CHECK (0 <= start_byte AND start_byte <= end_byte)
) STRICT;
CREATE INDEX evidence_edge ON evidence (edge_id, date);
CREATE INDEX evidence_article ON evidence (article_id);

-- ---- 0002_search_and_revision.sql ----
-- Full-text search over article text and evidence sentences (FTS5, external content kept in step by
-- triggers), and the graph revision: one row, incremented by every committed write that changed the
-- graph; the server derives ETags and its live stream from it.

CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE evidence_fts USING fts5 (
  sentence, content = 'evidence', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN
  INSERT INTO evidence_fts (rowid, sentence) VALUES (new.id, new.sentence);
END;
CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN
  INSERT INTO evidence_fts (evidence_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
END;
CREATE TRIGGER evidence_fts_update AFTER UPDATE OF sentence ON evidence BEGIN
  INSERT INTO evidence_fts (evidence_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
  INSERT INTO evidence_fts (rowid, sentence) VALUES (new.id, new.sentence);
END;

CREATE TABLE graph_revision (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
) STRICT;

