-- Authorities: the packaged register (foicompare/data/authorities_register.json.gz),
-- loaded by foicompare.authorities.install(); rows are replaced when the register changes.
CREATE TABLE IF NOT EXISTS authorities (
    code                 VARCHAR PRIMARY KEY,   -- mySociety code, stable across boundary changes
    gss_code             VARCHAR,               -- ONS code as in the register (blank for a few)
    official_name        VARCHAR NOT NULL,
    short_name           VARCHAR NOT NULL,
    nation               VARCHAR NOT NULL,
    region               VARCHAR,
    type                 VARCHAR NOT NULL,      -- CTY UA MD LBO CC NMD SCO WPA NID COMB SRA
    type_name            VARCHAR,
    childrens_services   BOOLEAN NOT NULL,      -- is or was an English children's services authority
    current              BOOLEAN NOT NULL,
    start_date           DATE,                  -- as mySociety gives it (often a register date)
    end_date             DATE,
    valid_to             DATE,                  -- exclusive end, whichever way end_date was recorded
    successors           VARCHAR[],             -- mySociety codes
    successor_gss_codes  VARCHAR[],
    predecessors         VARCHAR[],
    former_gss_codes     VARCHAR[],
    newer_gss_codes      VARCHAR[],
    county               VARCHAR,
    combined_authority   VARCHAR,
    dfe_la_code          VARCHAR,               -- DfE LA number; not unique across time
    ofsted_urn           VARCHAR,
    wdtk_id              VARCHAR,
    gov_uk_slug          VARCHAR
);

-- Every GSS code an authority has had, so a document's authority code joins in one step.
CREATE TABLE IF NOT EXISTS authority_gss_codes (
    gss_code    VARCHAR PRIMARY KEY,
    code        VARCHAR NOT NULL,               -- authorities.code
    kind        VARCHAR NOT NULL,               -- register | former | newer
    valid_from  DATE                            -- for newer codes, when they took effect
);

CREATE TABLE IF NOT EXISTS ofsted_judgements (
    code                   VARCHAR NOT NULL,    -- authority inspected, as at publication
    current_code           VARCHAR,             -- authority holding the URN today
    gss_code               VARCHAR,
    dfe_la_code            VARCHAR,
    ofsted_urn             VARCHAR,
    la_name                VARCHAR,
    ofsted_la_name         VARCHAR,
    publication_date       DATE,
    inspection_start_date  DATE,
    inspection_end_date    DATE,
    inspection_framework   VARCHAR,
    overall_effectiveness  VARCHAR,             -- outstanding | good | requires improvement | inadequate | token
    impact_of_leaders      VARCHAR,
    help_and_protection    VARCHAR,
    in_care                VARCHAR,
    care_leavers           VARCHAR,
    report_url             VARCHAR,
    report_title           VARCHAR,
    is_latest              BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS statistical_neighbours (
    neighbour_set          VARCHAR NOT NULL,    -- current (June 2025) | previous
    code                   VARCHAR NOT NULL,
    gss_code               VARCHAR,
    dfe_la_code            VARCHAR,
    la_name                VARCHAR,
    position               INTEGER NOT NULL,    -- order in source (a rank only in 'current')
    neighbour_code         VARCHAR NOT NULL,
    neighbour_gss_code     VARCHAR,
    neighbour_dfe_la_code  VARCHAR,
    neighbour_name         VARCHAR,
    PRIMARY KEY (neighbour_set, code, position)
);

CREATE TABLE IF NOT EXISTS authority_register (
    key    VARCHAR PRIMARY KEY,                 -- 'version' | 'attribution'
    value  VARCHAR NOT NULL
);
