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
INSERT INTO graph_revision (id, revision) VALUES (1, 0);
