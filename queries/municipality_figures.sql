-- Key figures for each of the 44 municipalities of the region under the shared filters.
-- Parameters: those of the filtered_need macro ($wave_id, $horizons, $kommunkoder,
-- $org_kinds, $sni_sections, $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only) and
-- $education_areas (list; empty = all) for MYH's granted programmes.
-- `selected`: the municipality is in the selection. `participated`: it has respondents in the
-- wave. A municipality that is not both has no survey figure (the map greys it out).
-- `contributors`: respondents behind the municipality's figures (small-cell protection).
WITH demand AS (
    SELECT
        kommunkod,
        sum(recruits) AS recruits,
        count(DISTINCT respondent_id) FILTER (WHERE recruits > 0) AS employers,
        count(DISTINCT respondent_id) AS contributors,
        sum(lia_places) AS lia_places
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
    GROUP BY kommunkod
),
participation AS (
    SELECT kommunkod, count(*) AS respondents
    FROM respondent
    WHERE wave_id = $wave_id
    GROUP BY kommunkod
),
yh AS (
    SELECT
        kommunkod,
        count(DISTINCT diarienummer) AS yh_granted,
        count(DISTINCT diarienummer) FILTER (WHERE distance) AS yh_granted_distance
    FROM myh_application_location
    WHERE granted
      AND (len($education_areas) = 0 OR list_contains($education_areas, education_area))
    GROUP BY kommunkod
)
SELECT
    m.kommunkod,
    m.name,
    m.lan_kod,
    c.name AS county,
    m.population,
    m.population_year,
    m.population_20_64,
    m.population_20_64_year,
    list_contains($kommunkoder, m.kommunkod) AS selected,
    coalesce(p.respondents, 0) AS respondents,
    p.respondents IS NOT NULL AS participated,
    CAST(coalesce(d.recruits, 0) AS BIGINT) AS recruits,
    1000.0 * coalesce(d.recruits, 0) / m.population_20_64 AS recruits_per_1000,
    coalesce(d.employers, 0) AS employers,
    coalesce(d.contributors, 0) AS contributors,
    CAST(coalesce(d.lia_places, 0) AS BIGINT) AS lia_places,
    coalesce(y.yh_granted, 0) AS yh_granted,
    coalesce(y.yh_granted_distance, 0) AS yh_granted_distance
FROM municipality m
JOIN county c ON c.lan_kod = m.lan_kod
LEFT JOIN demand d ON d.kommunkod = m.kommunkod
LEFT JOIN participation p ON p.kommunkod = m.kommunkod
LEFT JOIN yh y ON y.kommunkod = m.kommunkod
WHERE m.in_region
ORDER BY m.kommunkod;
