-- Totals for the selection, computed straight from the filtered survey rows and MYH's
-- decisions, independently of municipality_figures.sql: the pages show them and the tests
-- check that they equal the sum of the municipality rows.
-- Parameters: those of filtered_need, and $education_areas (list; empty = all).
WITH demand AS (
    SELECT
        CAST(coalesce(sum(recruits), 0) AS BIGINT) AS recruits,
        count(DISTINCT respondent_id) FILTER (WHERE recruits > 0) AS employers,
        count(DISTINCT respondent_id) AS contributors,
        CAST(coalesce(sum(lia_places), 0) AS BIGINT) AS lia_places
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
),
yh AS (
    SELECT
        count(DISTINCT (diarienummer, kommunkod)) AS yh_granted,
        count(DISTINCT (diarienummer, kommunkod)) FILTER (WHERE distance) AS yh_granted_distance
    FROM myh_application_location
    WHERE granted AND list_contains($kommunkoder, kommunkod)
      AND (len($education_areas) = 0 OR list_contains($education_areas, education_area))
),
participating AS (
    SELECT DISTINCT kommunkod FROM respondent WHERE wave_id = $wave_id
),
places AS (
    SELECT
        sum(m.population_20_64) AS population_20_64,
        sum(m.population_20_64) FILTER (WHERE p.kommunkod IS NOT NULL)
            AS population_20_64_participating,
        count(*) AS municipalities
    FROM municipality m
    LEFT JOIN participating p ON p.kommunkod = m.kommunkod
    WHERE list_contains($kommunkoder, m.kommunkod)
)
SELECT
    d.recruits, d.employers, d.contributors, d.lia_places,
    y.yh_granted, y.yh_granted_distance,
    p.population_20_64, p.population_20_64_participating, p.municipalities
FROM demand d, yh y, places p;
