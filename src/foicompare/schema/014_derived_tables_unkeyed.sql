-- Memory flat in corpus size (issue 19): the per-document detail tables lose their primary keys.
-- DuckDB holds every primary-key (ART) index in memory while a database is open, so keys on
-- tables that grow by many rows per document (flexibility_usage ~14 rows, text_tables one per
-- table row) made the writing process grow with the corpus. No query needs them: each table is
-- rewritten per document (ingest writes a document's rows once, in the transaction that stores
-- the document; Dataset.reparse deletes a document's rows before inserting them again), so there
-- is still one row per key. Each table is copied without its key (columns added by other
-- migrations are kept), then its NOT NULL columns and defaults are set again.

DROP INDEX IF EXISTS flexibility_usage_authority;
CREATE TABLE flexibility_usage__014 AS SELECT * FROM flexibility_usage;
DROP TABLE flexibility_usage;
ALTER TABLE flexibility_usage__014 RENAME TO flexibility_usage;
ALTER TABLE flexibility_usage ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE flexibility_usage ALTER COLUMN code SET NOT NULL;
ALTER TABLE flexibility_usage ALTER COLUMN suppressed SET DEFAULT FALSE;
ALTER TABLE flexibility_usage ALTER COLUMN suppressed SET NOT NULL;

CREATE TABLE exemptions__014 AS SELECT * FROM exemptions;
DROP TABLE exemptions;
ALTER TABLE exemptions__014 RENAME TO exemptions;
ALTER TABLE exemptions ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE exemptions ALTER COLUMN section SET NOT NULL;
ALTER TABLE exemptions ALTER COLUMN public_interest_test SET DEFAULT FALSE;
ALTER TABLE exemptions ALTER COLUMN public_interest_test SET NOT NULL;

CREATE TABLE answers__014 AS SELECT * FROM answers;
DROP TABLE answers;
ALTER TABLE answers__014 RENAME TO answers;
ALTER TABLE answers ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE answers ALTER COLUMN position SET NOT NULL;

CREATE TABLE text_tables__014 AS SELECT * FROM text_tables;
DROP TABLE text_tables;
ALTER TABLE text_tables__014 RENAME TO text_tables;
ALTER TABLE text_tables ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE text_tables ALTER COLUMN table_no SET NOT NULL;
ALTER TABLE text_tables ALTER COLUMN row_no SET NOT NULL;
ALTER TABLE text_tables ALTER COLUMN cells SET NOT NULL;
