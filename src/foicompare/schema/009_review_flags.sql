-- Confidence and review flags (issue 15): how far to trust each parsed field, and whether a
-- person should read the document before its values go into a comparison.
-- Written by foicompare.parse.rows(); the reasons come from foicompare.parse.confidence.
ALTER TABLE responses ADD COLUMN IF NOT EXISTS confidence JSON;  -- {"field": 0..1} per parsed field (document_type, outcome, date, received, reference, act, exemptions, cost_hours, authority)
ALTER TABLE responses ADD COLUMN IF NOT EXISTS needs_review BOOLEAN;  -- true when a field is uncertain, the text is cut off, or rules and model disagree
ALTER TABLE responses ADD COLUMN IF NOT EXISTS review_reasons VARCHAR[];  -- why needs_review is set, e.g. 'no decision visible in a response'

-- the corrected view carries the new columns through to exports
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
       r.confidence,
       r.needs_review,
       r.review_reasons,
       coalesce(c.corrected, []::VARCHAR[]) AS corrected
FROM responses r
LEFT JOIN c USING (doc_id);
