-- Provenance of fetched documents (issue 21): a document is stored under the URL it was
-- finally served from (sightings.location, after redirects); the URL that was asked for
-- is kept beside it when a redirect led elsewhere (NULL when they are the same, and for
-- local files).
ALTER TABLE sightings ADD COLUMN IF NOT EXISTS requested_url VARCHAR;
