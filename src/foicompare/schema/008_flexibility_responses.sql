-- Flexibilities (issue 5): what a response says about the decision around the flexibilities as a
-- whole: who signed off their use, whether Ofsted was told, at what level it was decided, and
-- which instruments it cites. One row per document that is about the regulations.
CREATE TABLE IF NOT EXISTS flexibility_responses (
    doc_id             VARCHAR PRIMARY KEY,
    authority_code     VARCHAR,
    sign_off           VARCHAR[],          -- roles, e.g. Director of Children's Services
    ofsted_informed    BOOLEAN,            -- null: not stated
    decision_level     VARCHAR,            -- authority_wide | case_by_case | null
    instruments_cited  VARCHAR[],
    response_date      DATE
);
