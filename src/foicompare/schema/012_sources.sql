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

-- WhatDoTheyKnow fidelity (issue 17): what the request page shows of each message.
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS prominence VARCHAR;    -- normal | hidden | requester_only
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS hidden BOOLEAN;        -- hidden by an administrator: no text
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS hidden_note VARCHAR;   -- the site's notice in its place
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS author VARCHAR;        -- the header's sender name
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS page_sent_at TIMESTAMP; -- the header's <time datetime>, UTC
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS quoted JSON;           -- [[start, end], ...] quoted spans of the text
ALTER TABLE request_messages ADD COLUMN IF NOT EXISTS folded BOOLEAN;        -- page fetched folded: quoted text missing
