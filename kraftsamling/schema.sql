-- Kraftsamling database schema. This file is the public interface analysts rely on;
-- README.md explains every table and column. Reference tables are loaded from
-- data/reference/*.csv and data/*.csv by `python -m kraftsamling build`.

-- ---------------------------------------------------------------- reference: places
CREATE TABLE county (
    lan_kod VARCHAR PRIMARY KEY,          -- '22'..'25' in our region; all 21 counties
    name    VARCHAR NOT NULL              -- 'Norrbottens län'
);

CREATE TABLE municipality (
    kommunkod             VARCHAR PRIMARY KEY,  -- SCB code, 4 characters, zero-padded ('0114', '2480')
    name                  VARCHAR NOT NULL,     -- short name ('Umeå')
    lan_kod               VARCHAR NOT NULL REFERENCES county (lan_kod),
    la_kod                VARCHAR,              -- SCB local labour market 2022 ('LA2245')
    la_name               VARCHAR,
    population            INTEGER NOT NULL,     -- inhabitants on 31 December of population_year
    population_year       INTEGER NOT NULL,
    population_20_64      INTEGER NOT NULL,     -- inhabitants aged 20-64 on 31 December of population_20_64_year
    population_20_64_year INTEGER NOT NULL,
    land_area_km2         DOUBLE NOT NULL,
    land_area_year        INTEGER NOT NULL,
    in_region             BOOLEAN NOT NULL      -- one of the 44 municipalities in counties 22-25
);

CREATE TABLE collaboration_group (
    group_id    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,              -- 'lan' or 'kommunalforbund' or 'egen'
    source_note VARCHAR NOT NULL
);

CREATE TABLE collaboration_group_member (
    group_id     VARCHAR NOT NULL REFERENCES collaboration_group (group_id),
    kommunkod    VARCHAR NOT NULL REFERENCES municipality (kommunkod),
    member_from  INTEGER,                      -- first year of membership; NULL = always
    member_to    INTEGER,                      -- last year of membership; NULL = still a member
    note         VARCHAR
);

-- ---------------------------------------------------------------- reference: occupations
CREATE TABLE ssyk_af (
    level       INTEGER NOT NULL,              -- 1..4
    code        VARCHAR PRIMARY KEY,           -- Arbetsförmedlingen's SSYK 2012 variant (400 unit groups)
    name_sv     VARCHAR NOT NULL,
    parent_code VARCHAR
);

CREATE TABLE ssyk_scb (
    level   INTEGER NOT NULL,                  -- 1..4
    code    VARCHAR PRIMARY KEY,               -- SCB's official SSYK 2012 (429 unit groups)
    name_en VARCHAR NOT NULL
);

CREATE TABLE ssyk_scb_to_af (
    scb_ssyk4  VARCHAR PRIMARY KEY,
    af_ssyk4   VARCHAR,                        -- NULL where SCB's group has no counterpart (4430, 7619)
    match_type VARCHAR NOT NULL
);

CREATE TABLE ssyk4_occupation_field (
    ssyk4            VARCHAR PRIMARY KEY,      -- Af-SSYK 4
    occupation_field VARCHAR NOT NULL          -- one of 21 yrkesområden
);

CREATE TABLE education_area (
    education_area VARCHAR PRIMARY KEY,        -- one of MYH's 15 utbildningsområden
    short_name     VARCHAR NOT NULL
);

CREATE TABLE occupation_field_education_area (
    occupation_field VARCHAR PRIMARY KEY,
    education_area   VARCHAR NOT NULL REFERENCES education_area (education_area),
    note             VARCHAR                   -- our reasoning: this crosswalk is Kraftsamling's own
);

CREATE TABLE job_title (
    title VARCHAR NOT NULL,                    -- yrkesbenämning ('Undersköterska, hemtjänst')
    ssyk4 VARCHAR NOT NULL                     -- Af-SSYK 4
);

-- Issue 10, parts 1-2: which occupations YH trains for, and the MYH education area each one
-- competes in, derived by kraftsamling/education.py (rules and reasoning there; README,
-- "Education path and education area per occupation"). Here, before the view that reads them.
-- One row per application of MYH's decisions 2018-2025 linked to an occupation by its name.
CREATE TABLE myh_programme_occupation (
    round        INTEGER NOT NULL,             -- myh_application.round
    diarienummer VARCHAR NOT NULL,             -- myh_application.diarienummer
    ssyk4        VARCHAR NOT NULL,             -- Af-SSYK 4 the programme leads to
    rule         VARCHAR NOT NULL,             -- 'titel', 'nyckelord' or 'sammansättning'
    matched_text VARCHAR NOT NULL              -- the title or keyword that matched (normalised)
);

CREATE TABLE education_path (
    ssyk4              VARCHAR PRIMARY KEY,    -- Af-SSYK 4 (all 400)
    education_path     VARCHAR NOT NULL CHECK (education_path IN ('yh', 'hogskola', 'gymnasie', 'annan')),
    basis              VARCHAR NOT NULL,       -- 'egen bedömning' (override), 'MYH:s beslut', 'SSYK-nivå'
    yh_applications    INTEGER NOT NULL,       -- applications 2018-2025 linked to the occupation
    yh_granted         INTEGER NOT NULL,       -- of which granted
    example_programmes VARCHAR,                -- up to three granted programme names, '; '-separated; NULL = none
    source_note        VARCHAR NOT NULL        -- why: the override's source, or the rule
);

CREATE TABLE ssyk4_education_area (
    ssyk4                VARCHAR PRIMARY KEY,  -- Af-SSYK 4 (all 400)
    education_area       VARCHAR,              -- the MYH area the occupation competes in
    basis                VARCHAR NOT NULL,     -- 'MYH:s beslut' (majority), 'egen bedömning', 'yrkesområde'
    applications_in_area INTEGER NOT NULL,     -- linked applications filed in that area
    applications         INTEGER NOT NULL,     -- linked applications in all areas
    area_counts          VARCHAR               -- NULL = none linked; 'Teknik och tillverkning 53; Samhällsbyggnad och byggteknik 3'
);

-- One row per SSYK-4 occupation with everything a chart needs. The education area is the
-- occupation's own (ssyk4_education_area), no longer its occupation field's.
CREATE VIEW occupation AS
SELECT
    s.code AS ssyk4,
    s.name_sv AS occupation_name,
    f.occupation_field,
    coalesce(a.education_area, x.education_area) AS education_area,
    coalesce(p.education_path, 'annan') AS education_path
FROM ssyk_af s
LEFT JOIN ssyk4_occupation_field f ON f.ssyk4 = s.code
LEFT JOIN occupation_field_education_area x ON x.occupation_field = f.occupation_field
LEFT JOIN ssyk4_education_area a ON a.ssyk4 = s.code
LEFT JOIN education_path p ON p.ssyk4 = s.code
WHERE s.level = 4;

-- ---------------------------------------------------------------- reference: MYH decisions
CREATE TABLE myh_application (
    round                INTEGER NOT NULL,     -- ansökningsomgång (2018..2025)
    diarienummer         VARCHAR NOT NULL,
    education_area       VARCHAR NOT NULL,
    programme_name       VARCHAR,
    distance             BOOLEAN NOT NULL,
    granted              BOOLEAN NOT NULL,
    places_per_intake    INTEGER,              -- granted places in the first intake (2020-)
    places_granted_total INTEGER,              -- granted places over all intakes (2020-)
    provider             VARCHAR
);

CREATE TABLE myh_application_location (
    round          INTEGER NOT NULL,
    diarienummer   VARCHAR NOT NULL,
    kommunkod      VARCHAR NOT NULL REFERENCES municipality (kommunkod),
    education_area VARCHAR NOT NULL,
    distance       BOOLEAN NOT NULL,
    granted        BOOLEAN NOT NULL
);

-- ---------------------------------------------------------------- reference: YH graduates' outcomes
-- SCB's follow-up of YH graduates per MYH education area (plus 'Totalt' and 'Övrigt') and
-- follow-up year; shares in per cent with their 95 % margin of error; NULL = too few answers
-- or not in that file (matching is 2020-). See README, "YH graduates' outcomes".
CREATE TABLE yh_graduate_outcome (
    education_area             VARCHAR NOT NULL,  -- MYH's area as SCB names it, or 'Totalt'
    follow_up_year             INTEGER NOT NULL,  -- uppföljningsår: programmes ended the year before
    graduates                  INTEGER,           -- graduates followed up
    in_work_1m_pct             INTEGER,           -- share of graduates in work within 1 month
    in_work_1m_margin_pct      INTEGER,
    in_work_6m_pct             INTEGER,           -- share of graduates in work within 6 months
    in_work_6m_margin_pct      INTEGER,
    graduates_in_work          INTEGER,           -- graduates with a job (the base of the matching shares)
    matching_job_pct           INTEGER,           -- job matches the programme wholly or mostly
    matching_job_margin_pct    INTEGER,
    partly_matching_pct        INTEGER,           -- matches partly
    partly_matching_margin_pct INTEGER,
    not_matching_pct           INTEGER,           -- does not match at all
    not_matching_margin_pct    INTEGER,
    PRIMARY KEY (education_area, follow_up_year)
);

-- ---------------------------------------------------------------- the survey
-- Survey tables reference each other by id without FOREIGN KEY constraints: DuckDB cannot
-- delete a referenced row in the same transaction as the rows that reference it, and a wave
-- is deleted in one transaction. The tests check that no row is orphaned.
CREATE TABLE wave (
    wave_id        VARCHAR PRIMARY KEY,        -- '2025-host'
    label          VARCHAR NOT NULL,           -- 'Hösten 2025'
    survey_year    INTEGER NOT NULL,
    is_example     BOOLEAN NOT NULL,           -- generated example data, not real answers
    origin         VARCHAR NOT NULL,           -- how the wave came in ('exempelgenerator, seed 2025')
    loaded_at      TIMESTAMP NOT NULL
);

CREATE TABLE respondent (
    respondent_id       VARCHAR PRIMARY KEY,
    wave_id             VARCHAR NOT NULL,      -- wave.wave_id
    organisation_name   VARCHAR NOT NULL,
    organisationsnummer VARCHAR,               -- NNNNNN-NNNN when given
    org_kind            VARCHAR NOT NULL,      -- kommun, region, stat, privat, ideell
    kommunkod           VARCHAR NOT NULL REFERENCES municipality (kommunkod),  -- the workplace
    sni_section         VARCHAR,               -- SNI 2007 section letter A..U
    size_class          VARCHAR,               -- '1-9', '10-49', '50-249', '250+'
    is_example          BOOLEAN NOT NULL,
    source_file_id      VARCHAR,               -- import_file it came from (NULL for example data)
    source_row          INTEGER                -- row in that file
);

-- Personal data, for administrators only; never joined into the providers' view.
CREATE TABLE respondent_contact (
    respondent_id VARCHAR PRIMARY KEY,         -- respondent.respondent_id
    contact_name  VARCHAR,
    contact_email VARCHAR,
    contact_phone VARCHAR
);

CREATE TABLE need (
    need_id                 VARCHAR PRIMARY KEY,
    respondent_id           VARCHAR NOT NULL,  -- respondent.respondent_id
    wave_id                 VARCHAR NOT NULL,  -- wave.wave_id
    ssyk4                   VARCHAR NOT NULL,  -- Af-SSYK 4
    recruits_1y             INTEGER NOT NULL CHECK (recruits_1y >= 0),    -- to recruit within 1 year
    recruits_1_3y           INTEGER NOT NULL CHECK (recruits_1_3y >= 0),  -- in 1-3 years
    recruits_3_5y           INTEGER NOT NULL CHECK (recruits_3_5y >= 0),  -- in 3-5 years
    requires_post_secondary BOOLEAN,           -- the job needs post-secondary vocational education
    recruitment_difficulty  INTEGER CHECK (recruitment_difficulty BETWEEN 1 AND 5),
    lia_places              INTEGER NOT NULL DEFAULT 0 CHECK (lia_places >= 0),  -- LIA places a year
    upskilling              INTEGER NOT NULL DEFAULT 0 CHECK (upskilling >= 0),  -- staff to upskill at a distance
    occupation_as_given     VARCHAR,           -- what the respondent wrote ('Undersköterska')
    occupation_match        VARCHAR,           -- how it became ssyk4: 'kod', 'scb-kod', 'titel', 'titel ~92'
    source_row              INTEGER,           -- row in the imported file
    UNIQUE (respondent_id, ssyk4)
);

-- The need in long form: one row per need and horizon ('0-1', '1-3', '3-5').
CREATE VIEW need_horizon AS
SELECT need_id, respondent_id, wave_id, ssyk4, '0-1' AS horizon, recruits_1y AS recruits FROM need
UNION ALL
SELECT need_id, respondent_id, wave_id, ssyk4, '1-3', recruits_1_3y FROM need
UNION ALL
SELECT need_id, respondent_id, wave_id, ssyk4, '3-5', recruits_3_5y FROM need;

-- ---------------------------------------------------------------- for reading fast
-- need_fact: every need row with its respondent's municipality, kind and industry and its
-- occupation's field and education area, sorted by wave and municipality. It holds nothing
-- that need, respondent and occupation do not: it is rebuilt from them by
-- kraftsamling.db.refresh_need_fact() in the same transaction as every write to the survey
-- (build, import, deleted wave), and tests/test_database.py checks it equals the join. Sorted
-- this way, a query for one wave in the region reads only that wave's rows in the region
-- (DuckDB skips the other row groups by their min/max), about 9 % of a national database.
CREATE TABLE need_fact (
    wave_id                 VARCHAR NOT NULL,
    kommunkod               VARCHAR NOT NULL,
    respondent_id           VARCHAR NOT NULL,
    org_kind                VARCHAR NOT NULL,
    sni_section             VARCHAR,
    ssyk4                   VARCHAR NOT NULL,
    occupation_name         VARCHAR,
    occupation_field        VARCHAR,
    education_area          VARCHAR,
    need_id                 VARCHAR NOT NULL,
    recruits_1y             INTEGER NOT NULL,
    recruits_1_3y           INTEGER NOT NULL,
    recruits_3_5y           INTEGER NOT NULL,
    lia_places              INTEGER NOT NULL,
    upskilling              INTEGER NOT NULL,
    recruitment_difficulty  INTEGER,
    requires_post_secondary BOOLEAN,
    education_path          VARCHAR            -- the occupation's (education_path); issue 10
);

-- ---------------------------------------------------------------- the shared filters
-- Every survey figure the app shows is computed from this macro, so one set of filters means
-- the same rows on every page. One row per need, with `recruits` summed over the chosen
-- horizons (LIA places and upskilling are per need, never multiplied by horizons), and the
-- occupation's education_path and the need per horizon (recruits_1y, …) for the intakes.
--   p_wave_id               the wave
--   p_horizons              list of '0-1', '1-3', '3-5'
--   p_kommunkoder           the workplace municipalities in the selection
--   p_org_kinds             list of kinds of organisation; empty = all
--   p_sni_sections          list of SNI 2007 sections; empty = all
--   p_scheme                'field' (yrkesområde) or 'area' (MYH utbildningsområde)
--   p_cluster               one cluster of that scheme, or NULL for all
--   p_ssyk4                 one occupation, or NULL for all
--   p_post_secondary_only   only needs that require post-secondary vocational education
--   p_yh_only               only occupations YH trains for (education_path 'yh')
-- It reads need_fact (above); the BETWEEN on kommunkod repeats what list_contains says so
-- that DuckDB can skip row groups outside the selection's range of codes.
CREATE MACRO filtered_need(
    p_wave_id, p_horizons, p_kommunkoder, p_org_kinds, p_sni_sections,
    p_scheme, p_cluster, p_ssyk4, p_post_secondary_only, p_yh_only
) AS TABLE
SELECT
    f.need_id,
    f.respondent_id,
    f.kommunkod,
    f.org_kind,
    f.sni_section,
    f.ssyk4,
    f.occupation_name,
    f.occupation_field,
    f.education_area,
    CASE WHEN p_scheme = 'area' THEN f.education_area ELSE f.occupation_field END AS cluster,
    (CASE WHEN list_contains(p_horizons, '0-1') THEN f.recruits_1y ELSE 0 END
     + CASE WHEN list_contains(p_horizons, '1-3') THEN f.recruits_1_3y ELSE 0 END
     + CASE WHEN list_contains(p_horizons, '3-5') THEN f.recruits_3_5y ELSE 0 END) AS recruits,
    f.lia_places,
    f.upskilling,
    f.recruitment_difficulty,
    f.requires_post_secondary,
    f.education_path,
    f.recruits_1y,
    f.recruits_1_3y,
    f.recruits_3_5y
FROM need_fact f
WHERE f.wave_id = p_wave_id
  AND f.kommunkod BETWEEN list_min(p_kommunkoder) AND list_max(p_kommunkoder)
  AND list_contains(p_kommunkoder, f.kommunkod)
  AND (len(p_org_kinds) = 0 OR list_contains(p_org_kinds, f.org_kind))
  AND (len(p_sni_sections) = 0 OR list_contains(p_sni_sections, f.sni_section))
  AND (p_cluster IS NULL
       OR (CASE WHEN p_scheme = 'area' THEN f.education_area ELSE f.occupation_field END)
          = p_cluster)
  AND (p_ssyk4 IS NULL OR f.ssyk4 = p_ssyk4)
  AND (NOT p_post_secondary_only OR coalesce(f.requires_post_secondary, false))
  AND (NOT p_yh_only OR f.education_path = 'yh');

-- ---------------------------------------------------------------- imports
-- Every file ever offered to the importer, with its raw bytes: nothing is lost.
CREATE TABLE import_file (
    file_id           VARCHAR PRIMARY KEY,     -- 'f-' + 16 hex digits of sha256 + the import's time
    sha256            VARCHAR NOT NULL,
    wave_id           VARCHAR NOT NULL,
    file_name         VARCHAR NOT NULL,
    size_bytes        BIGINT NOT NULL,
    content           BLOB NOT NULL,           -- the file exactly as received
    layout            VARCHAR,                 -- 'mall', 'lång', 'bred'; NULL if unreadable
    status            VARCHAR NOT NULL,        -- 'importerad', 'oläsbar' or 'omgång raderad'
    message           VARCHAR,                 -- why an unreadable file was rejected; notes
    rows_accepted     INTEGER NOT NULL,        -- need rows imported
    rows_rejected     INTEGER NOT NULL,        -- rows put in quarantine
    respondents_added INTEGER NOT NULL,
    imported_at       TIMESTAMP NOT NULL,
    imported_by       VARCHAR NOT NULL
    -- The same bytes are imported into a wave once: the importer skips a file whose sha256
    -- already has a row with status 'importerad' or 'oläsbar' in that wave.
);

-- Rows that did not validate, kept whole with every reason, to fix and import again.
CREATE TABLE quarantine (
    file_id     VARCHAR NOT NULL,              -- import_file.file_id
    sheet       VARCHAR,
    row_number  INTEGER NOT NULL,              -- as the user sees it in the file
    row_values  VARCHAR NOT NULL,              -- JSON object: header as written -> value as written
    reasons     VARCHAR NOT NULL               -- Swedish, one per line, naming row and column
);

-- ---------------------------------------------------------------- provenance
CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- ---------------------------------------------------------------- coding what respondents write
-- The hand-kept alias table (data/occupation_alias.csv): titles employers write that the
-- occupation lists do not have as written ('Kock', 'Elektriker'), each with its source. Two rows
-- with one alias mean the title fits both codes: the importer asks a person (those codes first).
CREATE TABLE occupation_alias (
    alias       VARCHAR NOT NULL,              -- the title as people write it ('Busschaufför')
    ssyk4       VARCHAR NOT NULL,              -- Af-SSYK 4 it means
    source_note VARCHAR NOT NULL               -- why: the SSYK group or JobTech title it rests on
);

-- Answers the coordinator gave once for a value the importer could not code (Importera page or
-- `python -m kraftsamling resolve`): every later import codes the same value (in its normal form)
-- the same way. Kept across rebuilds; removable.
CREATE TABLE answer_alias (
    kind        VARCHAR NOT NULL,              -- 'yrke' (value → Af-SSYK 4) or 'kommun' (→ kommunkod)
    value       VARCHAR NOT NULL,              -- the value as written ('Elinstallatör 2')
    value_key   VARCHAR NOT NULL,              -- its normal form, what later values are matched on
    code        VARCHAR NOT NULL,              -- the SSYK-4 code or kommunkod
    answered_by VARCHAR NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    wave_id     VARCHAR,                       -- the wave the answer was given for
    PRIMARY KEY (kind, value_key)
);

-- ---------------------------------------------------------------- the providers' publication
-- What the providers' view may show of each wave, computed once when the wave is built or
-- imported (kraftsamling/privacy/publish.py), audited, and the only survey data that view
-- reads (kraftsamling/privacy/view.py; the model: docs/privacy.md). Hidden figures are NULL.
CREATE TABLE publication_wave (
    wave_id               VARCHAR PRIMARY KEY,
    min_respondents       INTEGER NOT NULL,   -- N: a cell from fewer reads '<N'
    dominance_respondents INTEGER NOT NULL,   -- the dominance rule (k, p): k respondents ...
    dominance_share       DOUBLE NOT NULL,    -- ... above p % of a cell's need hide it ('dold')
    cells                 INTEGER NOT NULL,   -- cells with respondents, every grain
    hidden_few            INTEGER NOT NULL,   -- hidden: fewer than N respondents
    hidden_dominance      INTEGER NOT NULL,   -- hidden: one respondent dominates
    hidden_secondary      INTEGER NOT NULL,   -- hidden to protect another
    audit_targets         INTEGER NOT NULL,   -- hidden cells the audit tried to derive
    audit_derivable       INTEGER NOT NULL,   -- of them derivable from the published parts (0)
    audit_withheld        INTEGER NOT NULL,   -- hidden groups withheld by the audit
    audit_seconds         DOUBLE NOT NULL,
    published_at          TIMESTAMP NOT NULL
);

-- The fixed blocks of municipalities (county and collaboration groups) of the wave's year.
CREATE TABLE publication_block (
    wave_id   VARCHAR NOT NULL,
    kommunkod VARCHAR NOT NULL,
    block     VARCHAR NOT NULL
);

-- Every cell the providers' view may show: per municipality ('kommun'), per municipality and
-- occupation field ('kluster') and per municipality and occupation ('yrke'), per horizon.
CREATE TABLE publication_cell (
    wave_id             VARCHAR NOT NULL,
    horizon             VARCHAR NOT NULL,   -- '0-1', '1-3', '3-5', '0-3', '0-5'
    grain               VARCHAR NOT NULL,   -- 'kommun', 'kluster' or 'yrke'
    kommunkod           VARCHAR NOT NULL,
    candidate_id        VARCHAR NOT NULL,   -- 'kluster:Hälso- och sjukvård', 'yrke:5321', '' (kommun)
    label               VARCHAR,
    cluster             VARCHAR,            -- the occupation field
    education_area      VARCHAR,            -- the MYH education area
    hidden              VARCHAR,            -- NULL (shown), 'few', 'dominance' or 'secondary'
    respondents_class   VARCHAR NOT NULL,   -- '<3', '3-9', '10-49', '50+' (N from the wave)
    group_id            VARCHAR,            -- the hidden group it counts in, if any
    participated        BOOLEAN,            -- 'kommun': the municipality has respondents
    recruits            BIGINT,             -- NULL when hidden, as every figure below
    employers           BIGINT,
    contributors        BIGINT,
    lia_places          BIGINT,
    upskilling          BIGINT,
    difficulty_sum      BIGINT,
    difficulty_answers  BIGINT,
    post_secondary_rows BIGINT,
    need_rows           BIGINT
);

-- The fixed groups of hidden cells and their sums (each from at least N respondents): a pooled
-- figure counts a group when its scope (a block, a county, the region) is wholly selected.
CREATE TABLE publication_group (
    wave_id             VARCHAR NOT NULL,
    horizon             VARCHAR NOT NULL,
    grain               VARCHAR NOT NULL,
    candidate_id        VARCHAR NOT NULL,
    group_id            VARCHAR NOT NULL,
    scope_kind          VARCHAR NOT NULL,   -- 'block', 'lan' or 'region'
    scope               VARCHAR NOT NULL,   -- the block, the county code, or ''
    cells               INTEGER NOT NULL,   -- hidden cells in the group
    recruits            BIGINT NOT NULL,
    employers           BIGINT NOT NULL,
    contributors        BIGINT NOT NULL,
    lia_places          BIGINT NOT NULL,
    upskilling          BIGINT NOT NULL,
    difficulty_sum      BIGINT NOT NULL,
    difficulty_answers  BIGINT NOT NULL,
    post_secondary_rows BIGINT NOT NULL,
    need_rows           BIGINT NOT NULL
);

-- The response rate as the providers may see it (issue 12; docs/privacy.md, "The response
-- rate"): per municipality a band of 25 percentage points, per county and for the region the
-- rate in whole per cent, each only where at least N invited organisations answered and at
-- least N did not. Computed with the rest of the publication, from the invitation lists.
CREATE TABLE publication_response (
    wave_id               VARCHAR NOT NULL,
    scope_kind            VARCHAR NOT NULL,   -- 'kommun', 'lan' or 'region'
    scope                 VARCHAR NOT NULL,   -- the kommunkod, the county code, or ''
    listed                BOOLEAN NOT NULL,   -- an invitation list covers it (some of it)
    municipalities_listed INTEGER NOT NULL,   -- its municipalities with an invitation list
    shown                 BOOLEAN NOT NULL,   -- false: too few answered or too few did not
    rate_band             VARCHAR,            -- '0-24', '25-49', '50-74', '75-100' when shown
    response_rate         DOUBLE              -- 'lan' and 'region' when shown: 0.00 … 1.00
);

-- ---------------------------------------------------------------- waves over time
-- An administrator publishes a wave before providers see it; the default wave is the newest
-- published one (example waves count as published). Kept across rebuilds.
CREATE TABLE wave_publication (
    wave_id      VARCHAR PRIMARY KEY,          -- wave.wave_id
    published_at TIMESTAMP NOT NULL,
    published_by VARCHAR NOT NULL
);

-- The organisations invited to answer a wave, per municipality (imported as CSV with
-- `python -m kraftsamling invite` or on the Omgångar page): the base of the response rate.
CREATE TABLE invited_organisation (
    wave_id             VARCHAR NOT NULL,      -- wave.wave_id
    kommunkod           VARCHAR NOT NULL,      -- the workplace municipality
    organisation_name   VARCHAR NOT NULL,
    organisationsnummer VARCHAR,               -- NNNNNN-NNNN when given
    invited_at          TIMESTAMP NOT NULL     -- when the list was imported
);
