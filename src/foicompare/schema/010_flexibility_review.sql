-- Flexibilities (issue 16): every value reviewable and correctable, governance per response,
-- and which request each document answers.
--
-- flexibility_usage gains a status (used | not used | not stated | withheld), the confidence of
-- the reading, needs_review (low confidence), the period counted and the kind of evidence; a
-- flexibility named without a definite answer is kept as 'not stated' (used NULL) so that it can
-- be reviewed. Human corrections (table corrections, fields 'flexibilities.<code>' and
-- 'flexibilities.<code>.uses', 'sign_off', 'ofsted_informed', 'ofsted_when', 'decision_level')
-- win in the *_corrected views below, and survive reparse (which never touches corrections).
DROP INDEX IF EXISTS flexibility_usage_authority;
ALTER TABLE flexibility_usage ALTER COLUMN used DROP NOT NULL;
CREATE INDEX IF NOT EXISTS flexibility_usage_authority ON flexibility_usage (authority_code);
ALTER TABLE flexibility_usage ADD COLUMN IF NOT EXISTS status VARCHAR;        -- used | not used | not stated | withheld
ALTER TABLE flexibility_usage ADD COLUMN IF NOT EXISTS confidence DOUBLE;     -- 0..1
ALTER TABLE flexibility_usage ADD COLUMN IF NOT EXISTS needs_review BOOLEAN;  -- confidence below 0.6
ALTER TABLE flexibility_usage ADD COLUMN IF NOT EXISTS period VARCHAR;        -- 'YYYY-MM..YYYY-MM' counted, when stated
ALTER TABLE flexibility_usage ADD COLUMN IF NOT EXISTS source VARCHAR;        -- table | prose | except | only | blanket
ALTER TABLE flexibility_responses ADD COLUMN IF NOT EXISTS ofsted_when VARCHAR;  -- when/how Ofsted was told, as stated

CREATE OR REPLACE VIEW flexibility_usage_corrected AS
WITH s AS (
    SELECT doc_id, split_part(field, '.', 2) AS code, json_extract_string(value, '$') AS status,
           note
    FROM latest_corrections
    WHERE field LIKE 'flexibilities.%' AND field NOT LIKE 'flexibilities.%.uses'
), u AS (
    SELECT doc_id, split_part(field, '.', 2) AS code, TRY_CAST(json_extract(value, '$') AS INTEGER) AS uses,
           note
    FROM latest_corrections
    WHERE field LIKE 'flexibilities.%.uses'
), k AS (
    SELECT doc_id, code FROM flexibility_usage
    UNION SELECT doc_id, code FROM s
    UNION SELECT doc_id, code FROM u
)
SELECT k.doc_id,
       coalesce(f.authority_code, r.authority_code) AS authority_code,
       k.code,
       coalesce(s.status, f.status,
                CASE WHEN f.used THEN 'used' WHEN NOT f.used THEN 'not used' END,
                'not stated') AS status,
       CASE coalesce(s.status, f.status, CASE WHEN f.used THEN 'used' WHEN NOT f.used THEN 'not used' END)
            WHEN 'used' THEN true WHEN 'not used' THEN false END AS used,
       CASE WHEN u.code IS NOT NULL THEN u.uses
            WHEN s.status IS NOT NULL AND s.status <> 'used' THEN NULL
            ELSE f.uses END AS uses,
       f.by_month,
       coalesce(f.suppressed, false) AS suppressed,
       f.reason,
       f.evidence_start,
       f.evidence_end,
       coalesce(f.response_date, r.date) AS response_date,
       f.period,
       f.source,
       CASE WHEN s.code IS NOT NULL OR u.code IS NOT NULL THEN 1.0 ELSE f.confidence END AS confidence,
       CASE WHEN s.code IS NOT NULL OR u.code IS NOT NULL THEN false
            ELSE coalesce(f.needs_review, false) END AS needs_review,
       (s.code IS NOT NULL OR u.code IS NOT NULL) AS corrected,
       coalesce(s.note, u.note) AS correction_note
FROM k
LEFT JOIN flexibility_usage f ON f.doc_id = k.doc_id AND f.code = k.code
LEFT JOIN s ON s.doc_id = k.doc_id AND s.code = k.code
LEFT JOIN u ON u.doc_id = k.doc_id AND u.code = k.code
LEFT JOIN responses r ON r.doc_id = k.doc_id;

CREATE OR REPLACE VIEW flexibility_responses_corrected AS
WITH c AS (
    SELECT doc_id,
           list(field ORDER BY field) AS corrected,
           max(value) FILTER (WHERE field = 'sign_off') AS sign_off,
           max(value) FILTER (WHERE field = 'ofsted_informed') AS ofsted_informed,
           max(value) FILTER (WHERE field = 'ofsted_when') AS ofsted_when,
           max(value) FILTER (WHERE field = 'decision_level') AS decision_level
    FROM latest_corrections
    WHERE field IN ('sign_off', 'ofsted_informed', 'ofsted_when', 'decision_level')
    GROUP BY doc_id
), k AS (
    SELECT doc_id FROM flexibility_responses UNION SELECT doc_id FROM c
)
SELECT k.doc_id,
       coalesce(f.authority_code, r.authority_code) AS authority_code,
       CASE WHEN list_contains(c.corrected, 'sign_off') THEN from_json(c.sign_off, '["VARCHAR"]') ELSE f.sign_off END AS sign_off,
       CASE WHEN list_contains(c.corrected, 'ofsted_informed') THEN TRY_CAST(json_extract(c.ofsted_informed, '$') AS BOOLEAN) ELSE f.ofsted_informed END AS ofsted_informed,
       CASE WHEN list_contains(c.corrected, 'ofsted_when') THEN json_extract_string(c.ofsted_when, '$') ELSE f.ofsted_when END AS ofsted_when,
       CASE WHEN list_contains(c.corrected, 'decision_level') THEN json_extract_string(c.decision_level, '$') ELSE f.decision_level END AS decision_level,
       f.instruments_cited,
       coalesce(f.response_date, r.date) AS response_date,
       coalesce(c.corrected, []::VARCHAR[]) AS corrected
FROM k
LEFT JOIN flexibility_responses f USING (doc_id)
LEFT JOIN c USING (doc_id)
LEFT JOIN responses r USING (doc_id);

-- Which request (and round robin) each stored document belongs to: an attachment or message
-- body fetched with a request, or a message of it.
CREATE OR REPLACE VIEW document_requests AS
SELECT DISTINCT x.doc_id, x.request_id, q.batch_id, q.authority_code AS request_authority_code,
       q.created_at AS requested_at
FROM (
    SELECT doc_id, request_id FROM request_documents WHERE doc_id IS NOT NULL
    UNION SELECT doc_id, request_id FROM request_messages WHERE doc_id IS NOT NULL
) x
LEFT JOIN requests q USING (request_id);
