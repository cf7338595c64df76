-- Totals for the selection, computed straight from the filtered survey rows and MYH's
-- decisions, independently of municipality_figures.sql: the pages show them and the tests
-- check that they equal the sum of the municipality rows.
-- Parameters: those of filtered_need, and $education_areas (list; empty = all).
WITH rows AS (
    SELECT *
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only)
)
SELECT
    (SELECT CAST(coalesce(sum(recruits), 0) AS BIGINT) FROM rows) AS recruits,
    (SELECT count(DISTINCT respondent_id) FROM rows WHERE recruits > 0) AS employers,
    (SELECT count(DISTINCT respondent_id) FROM rows) AS contributors,
    (SELECT CAST(coalesce(sum(lia_places), 0) AS BIGINT) FROM rows) AS lia_places,
    (SELECT count(*)
       FROM (SELECT DISTINCT diarienummer, kommunkod
               FROM myh_application_location
              WHERE granted AND list_contains($kommunkoder, kommunkod)
                AND (len($education_areas) = 0
                     OR list_contains($education_areas, education_area))))
        AS yh_granted,
    (SELECT count(*)
       FROM (SELECT DISTINCT diarienummer, kommunkod
               FROM myh_application_location
              WHERE granted AND distance AND list_contains($kommunkoder, kommunkod)
                AND (len($education_areas) = 0
                     OR list_contains($education_areas, education_area))))
        AS yh_granted_distance,
    (SELECT sum(population_20_64) FROM municipality WHERE list_contains($kommunkoder, kommunkod))
        AS population_20_64,
    (SELECT sum(m.population_20_64)
       FROM municipality m
      WHERE list_contains($kommunkoder, m.kommunkod)
        AND m.kommunkod IN (SELECT kommunkod FROM respondent WHERE wave_id = $wave_id))
        AS population_20_64_participating,
    (SELECT count(*) FROM municipality WHERE list_contains($kommunkoder, kommunkod))
        AS municipalities;
