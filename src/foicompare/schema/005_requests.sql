-- Requests (WhatDoTheyKnow and imported request lists), round-robin batches, and the
-- messages/attachments of each request linked to stored documents.

CREATE TABLE IF NOT EXISTS requests (
    request_id            VARCHAR PRIMARY KEY,  -- 'wdtk:<url_title>' (stable across fetch and import)
    source                VARCHAR NOT NULL,     -- whatdotheyknow | import:<file name>
    site                  VARCHAR,              -- base URL of the Alaveteli site
    wdtk_id               BIGINT,               -- Alaveteli's numeric request id, when fetched
    url_title             VARCHAR,
    url                   VARCHAR,              -- the request's HTML page
    title                 VARCHAR,
    created_at            TIMESTAMP,            -- UTC
    updated_at            TIMESTAMP,            -- UTC; drives incremental re-fetching
    described_state       VARCHAR,              -- the requester's state (Alaveteli value, e.g. 'rejected')
    status_label          VARCHAR,              -- the human label as shown ('Refused', 'Long overdue')
    awaiting_description  BOOLEAN,              -- a response arrived and nobody classified it
    state_outcome         VARCHAR,              -- described_state on our outcome vocabulary (or NULL)
    prominence            VARCHAR,              -- normal | backpage | hidden (403) | missing (404)
    law_used              VARCHAR,              -- foi | eir
    user_name             VARCHAR,
    body_url_name         VARCHAR,
    body_name             VARCHAR,
    authority_code        VARCHAR,              -- GSS code resolved from the body
    authority_name        VARCHAR,
    authority_confidence  DOUBLE,
    batch_id              VARCHAR,              -- batches.batch_id
    tags                  VARCHAR[],            -- 'name' or 'name:value'
    fetched_at            TIMESTAMP,            -- last successful fetch (NULL for imports)
    fetch_error           VARCHAR               -- why the last fetch failed, if it did
);

CREATE TABLE IF NOT EXISTS batches (
    batch_id     VARCHAR PRIMARY KEY,  -- 'wdtk-batch:<id>' or 'title:<hash>' (grouped by title)
    kind         VARCHAR NOT NULL,     -- batch (Alaveteli batch page) | title (same title, close dates)
    source       VARCHAR NOT NULL,
    wdtk_batch_id BIGINT,
    title        VARCHAR,
    first_at     TIMESTAMP,
    last_at      TIMESTAMP,
    n_requests   INTEGER NOT NULL,     -- requests of it in this dataset
    n_stated     INTEGER               -- authorities the batch page says it went to
);

CREATE TABLE IF NOT EXISTS request_messages (
    request_id   VARCHAR NOT NULL,
    message_key  VARCHAR NOT NULL,     -- 'incoming:<id>' | 'outgoing:<id>'
    direction    VARCHAR NOT NULL,     -- incoming (from the authority) | outgoing (the requester)
    kind         VARCHAR NOT NULL,     -- request, acknowledgement, clarification, response,
                                       -- followup, internal_review, other
    event_id     BIGINT,
    event_type   VARCHAR,
    sent_at      TIMESTAMP,            -- UTC
    calculated_state VARCHAR,          -- the request's state in force after this message
    doc_id       VARCHAR,              -- the message body stored as a document
    n_attachments INTEGER,
    PRIMARY KEY (request_id, message_key)
);

CREATE TABLE IF NOT EXISTS request_documents (
    request_id   VARCHAR NOT NULL,
    message_key  VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,     -- the attachment (or message) URL
    role         VARCHAR NOT NULL,     -- message | attachment | attachment_html
    part         INTEGER,
    filename     VARCHAR,
    doc_id       VARCHAR,              -- NULL when the download failed (see errors)
    PRIMARY KEY (request_id, url)
);
