-- Responses (issue 4): the parsed FOI Response record of each document, its exemptions and its
-- question-by-question answers; human corrections that win over any re-extraction.
-- Written by foicompare.parse.rows(); rewritten per document by Dataset.reparse().
CREATE TABLE IF NOT EXISTS responses (
    doc_id                VARCHAR PRIMARY KEY,
    authority_name        VARCHAR,          -- resolved by foicompare.authorities (pipeline)
    authority_code        VARCHAR,          -- GSS code
    authority_confidence  DOUBLE,
    authority_flag        VARCHAR,
    reference             VARCHAR,          -- the body's own reference, as printed
    date                  DATE,             -- the decisive document's date
    received              DATE,             -- when the request was received / made
    document_type         VARCHAR,          -- response | internal_review | acknowledgement | clarification | request | other
    outcome               VARCHAR,          -- successful | partially_successful | refused | not_held | NULL
    act                   VARCHAR,          -- FOIA | FOISA | EIR | DPA | NULL
    exemptions            VARCHAR[],        -- bare sections relied on: ['12'], ['40', 'reg12(4)(b)']
    cost_hours            DOUBLE,           -- officer-hours estimate of a cost-limit refusal
    public_interest_test  BOOLEAN NOT NULL DEFAULT FALSE,
    n_answers             INTEGER,
    evidence              JSON,             -- {"field": [start, end]} character spans in texts.text
    parser_version        VARCHAR
);

CREATE TABLE IF NOT EXISTS exemptions (
    doc_id                VARCHAR NOT NULL,
    section               VARCHAR NOT NULL,  -- '40', 'reg12(4)(b)'
    act                   VARCHAR,
    public_interest_test  BOOLEAN NOT NULL DEFAULT FALSE,
    span_start            INTEGER,
    span_end              INTEGER,
    PRIMARY KEY (doc_id, section)
);

CREATE TABLE IF NOT EXISTS answers (
    doc_id      VARCHAR NOT NULL,
    position    INTEGER NOT NULL,            -- order in the document, from 0
    number      VARCHAR,                     -- the question's own number ('1', '3')
    question    VARCHAR,
    answer      VARCHAR,                     -- NULL when no answer of its own is given
    outcome     VARCHAR,
    span_start  INTEGER,
    span_end    INTEGER,
    PRIMARY KEY (doc_id, position)
);

-- Human corrections: the latest per (doc_id, field) wins in the *_corrected views and in
-- exports, and survives reparse (which never touches this table).
CREATE SEQUENCE IF NOT EXISTS corrections_seq;
CREATE TABLE IF NOT EXISTS corrections (
    seq           BIGINT NOT NULL DEFAULT nextval('corrections_seq') PRIMARY KEY,
    doc_id        VARCHAR NOT NULL,
    field         VARCHAR NOT NULL,
    value         JSON,
    note          VARCHAR,
    corrected_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE OR REPLACE VIEW latest_corrections AS
SELECT doc_id, field, value, note, corrected_at
FROM corrections
QUALIFY row_number() OVER (PARTITION BY doc_id, field ORDER BY seq DESC) = 1;

CREATE OR REPLACE VIEW responses_corrected AS
WITH c AS (
    SELECT doc_id,
           list(field ORDER BY field) AS corrected,
           max(value) FILTER (WHERE field = 'authority_name') AS authority_name,
           max(value) FILTER (WHERE field = 'authority_code') AS authority_code,
           max(value) FILTER (WHERE field = 'reference') AS reference,
           max(value) FILTER (WHERE field = 'date') AS date,
           max(value) FILTER (WHERE field = 'received') AS received,
           max(value) FILTER (WHERE field = 'document_type') AS document_type,
           max(value) FILTER (WHERE field = 'outcome') AS outcome,
           max(value) FILTER (WHERE field = 'act') AS act,
           max(value) FILTER (WHERE field = 'exemptions') AS exemptions,
           max(value) FILTER (WHERE field = 'cost_hours') AS cost_hours
    FROM latest_corrections
    GROUP BY doc_id
)
SELECT r.doc_id,
       CASE WHEN list_contains(c.corrected, 'authority_name') THEN json_extract_string(c.authority_name, '$') ELSE r.authority_name END AS authority_name,
       CASE WHEN list_contains(c.corrected, 'authority_code') THEN json_extract_string(c.authority_code, '$') ELSE r.authority_code END AS authority_code,
       r.authority_confidence,
       r.authority_flag,
       CASE WHEN list_contains(c.corrected, 'reference') THEN json_extract_string(c.reference, '$') ELSE r.reference END AS reference,
       CASE WHEN list_contains(c.corrected, 'date') THEN TRY_CAST(json_extract_string(c.date, '$') AS DATE) ELSE r.date END AS date,
       CASE WHEN list_contains(c.corrected, 'received') THEN TRY_CAST(json_extract_string(c.received, '$') AS DATE) ELSE r.received END AS received,
       CASE WHEN list_contains(c.corrected, 'document_type') THEN json_extract_string(c.document_type, '$') ELSE r.document_type END AS document_type,
       CASE WHEN list_contains(c.corrected, 'outcome') THEN json_extract_string(c.outcome, '$') ELSE r.outcome END AS outcome,
       CASE WHEN list_contains(c.corrected, 'act') THEN json_extract_string(c.act, '$') ELSE r.act END AS act,
       CASE WHEN list_contains(c.corrected, 'exemptions') THEN from_json(c.exemptions, '["VARCHAR"]') ELSE r.exemptions END AS exemptions,
       CASE WHEN list_contains(c.corrected, 'cost_hours') THEN TRY_CAST(json_extract(c.cost_hours, '$') AS DOUBLE) ELSE r.cost_hours END AS cost_hours,
       r.public_interest_test,
       r.n_answers,
       r.evidence,
       r.parser_version,
       coalesce(c.corrected, []::VARCHAR[]) AS corrected
FROM responses r
LEFT JOIN c USING (doc_id);
