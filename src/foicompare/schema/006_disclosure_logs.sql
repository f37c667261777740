-- Disclosure logs (issue 7): each answered request as the council's own log states it,
-- beside the documents (page + attachments) stored in `documents`.
CREATE TABLE IF NOT EXISTS log_entries (
    entry_id         VARCHAR PRIMARY KEY,  -- sha256(site | reference or canonical URL)[:20]
    site             VARCHAR NOT NULL,     -- host name of the log
    adapter          VARCHAR NOT NULL,     -- adapter (site family) that read it
    url              VARCHAR NOT NULL,     -- detail page, or export URL + '#row=N'
    reference        VARCHAR,              -- the log's own reference (FI17008, FOIR-1234), as printed
    title            VARCHAR,
    received         DATE,                 -- date the request was received, per the log
    published        DATE,                 -- publication or response date, per the log
    outcome_label    VARCHAR,              -- the log's own outcome wording
    outcome          VARCHAR,              -- outcome_label mapped: successful | partially_successful | refused | not_held
    exemptions_text  VARCHAR,              -- the log's exemptions text (or the sentences citing them)
    request_text     VARCHAR,
    response_text    VARCHAR,
    page_doc_id      VARCHAR,              -- the stored detail page (or row document)
    doc_ids          VARCHAR[],            -- page first, then attachments
    extra            JSON,                 -- any further labelled fields the page carried
    fetched_at       TIMESTAMP NOT NULL
);

-- Which stored document belongs to which log entry, with the log's label for it
-- ("Response (all information to be supplied)").
CREATE TABLE IF NOT EXISTS log_documents (
    entry_id  VARCHAR NOT NULL,
    doc_id    VARCHAR NOT NULL,
    role      VARCHAR NOT NULL,            -- page | attachment | row
    label     VARCHAR,
    url       VARCHAR,
    PRIMARY KEY (entry_id, doc_id)
);

-- One row per crawl: what was asked and how far it got.
CREATE TABLE IF NOT EXISTS log_crawls (
    crawl_id       VARCHAR PRIMARY KEY,
    start_url      VARCHAR NOT NULL,
    adapter        VARCHAR NOT NULL,
    since          DATE,
    max_pages      INTEGER,
    pages_fetched  INTEGER NOT NULL,
    entries        INTEGER NOT NULL,
    errors         INTEGER NOT NULL,
    stopped        VARCHAR NOT NULL,       -- done | max_pages
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP NOT NULL
);
