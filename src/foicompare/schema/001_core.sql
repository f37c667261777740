-- Core: documents (content-addressed), where they were seen, their text and tables, errors.
CREATE TABLE IF NOT EXISTS documents (
    doc_id          VARCHAR PRIMARY KEY,   -- sha256 of the bytes, hex
    media_type      VARCHAR,               -- sniffed from the bytes
    filename        VARCHAR,               -- first file name seen
    size            BIGINT,
    source          VARCHAR,               -- files | whatdotheyknow | disclosure_log:<site>
    location        VARCHAR,               -- first path or URL seen
    parent_id       VARCHAR,               -- the email / zip / request page it came out of
    request_id      VARCHAR,               -- the request it answers, when a source knows (WDTK, logs)
    authority_hint  VARCHAR,               -- authority as the source gave it (name or URL), not parsed
    published_at    TIMESTAMP,             -- when the source says it was published, if it says
    ingested_at     TIMESTAMP NOT NULL,
    status          VARCHAR NOT NULL       -- 'extracted' | 'error' | 'pending'
);

CREATE TABLE IF NOT EXISTS sightings (
    doc_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    location      VARCHAR NOT NULL,        -- absolute path, URL, or parent location + '!' + member
    filename      VARCHAR,
    parent_id     VARCHAR,
    file_size     BIGINT,                  -- for the fast unchanged-file check
    file_mtime    DOUBLE,
    retrieved_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (doc_id, source, location)
);

CREATE TABLE IF NOT EXISTS texts (
    doc_id             VARCHAR PRIMARY KEY,
    text               VARCHAR NOT NULL,
    page_count         INTEGER,
    n_tables           INTEGER NOT NULL,
    meta               JSON,
    extractor          VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    extracted_at       TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS text_tables (
    doc_id      VARCHAR NOT NULL,
    table_no    INTEGER NOT NULL,
    row_no      INTEGER NOT NULL,
    cells       VARCHAR[] NOT NULL,
    page        INTEGER,
    name        VARCHAR,
    span_start  INTEGER,
    span_end    INTEGER,
    PRIMARY KEY (doc_id, table_no, row_no)
);

CREATE TABLE IF NOT EXISTS errors (
    location     VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,         -- read | sniff | extract | parse | fetch
    doc_id       VARCHAR,
    source       VARCHAR,
    format       VARCHAR,
    reason       VARCHAR NOT NULL,
    occurred_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (location, stage)
);
