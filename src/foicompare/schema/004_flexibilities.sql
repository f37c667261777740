-- Flexibilities (issue 5): what each response says about each SI 2020/445 flexibility.
-- One row per (document, code) with a definite answer (used true or false); codes are those of
-- foicompare/data/flexibilities.json (built from ../shared/reference/flexibilities.csv).
-- Written by foicompare.topics.flexibilities.rows(); rewritten per document by reparse.
CREATE TABLE IF NOT EXISTS flexibility_usage (
    doc_id          VARCHAR NOT NULL,
    authority_code  VARCHAR,               -- GSS code of the answering authority, if resolved
    code            VARCHAR NOT NULL,      -- flexibility code
    used            BOOLEAN NOT NULL,
    uses            INTEGER,               -- total uses when stated (null if not given or suppressed)
    by_month        JSON,                  -- {"2020-05": 3, ...}
    suppressed      BOOLEAN NOT NULL DEFAULT FALSE,  -- small number withheld (e.g. "<5", section 40)
    reason          VARCHAR,               -- the council's reasons / local circumstances
    evidence_start  INTEGER,               -- character span in texts.text supporting the answer
    evidence_end    INTEGER,
    response_date   DATE,                  -- the response's date, when parsed
    PRIMARY KEY (doc_id, code)
);
CREATE INDEX IF NOT EXISTS flexibility_usage_authority ON flexibility_usage (authority_code);
