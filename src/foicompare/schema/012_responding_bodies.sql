-- Children's trusts and companies that answer for councils (issue 17).
-- responses.responding_body: the trust that gave the answer when it was not the council itself;
-- responses.responding_for: GSS codes of every council that body acted for on the answer's date.
ALTER TABLE responses ADD COLUMN IF NOT EXISTS responding_body VARCHAR;
ALTER TABLE responses ADD COLUMN IF NOT EXISTS responding_for VARCHAR[];

-- One row per trust, council and span (valid_to exclusive, NULL while it lasts); written by
-- foicompare.authorities.install() from foicompare.authorities.trusts.TRUSTS.
CREATE TABLE IF NOT EXISTS responding_bodies (
    body        VARCHAR NOT NULL,   -- "Birmingham Children's Trust"
    body_key    VARCHAR NOT NULL,   -- short key ("bct")
    code        VARCHAR NOT NULL,   -- authorities.code of a council it acts for
    gss_code    VARCHAR,
    valid_from  DATE NOT NULL,
    valid_to    DATE,
    source      VARCHAR,            -- where the dates come from
    PRIMARY KEY (body_key, code, valid_from)
);
