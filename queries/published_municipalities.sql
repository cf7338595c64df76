-- The providers' view: each of the region's 44 municipalities with its reference figures
-- (population, MYH's granted programmes) and its published cell of the wave and horizon
-- (figures NULL when hidden; `hidden` says why). Shaped as municipality_figures.sql.
-- Parameters: $wave_id, $horizon, $kommunkoder (the selection), $education_areas (list;
-- empty = all) for MYH's granted programmes.
WITH cells AS (
    SELECT * FROM publication_cell
    WHERE wave_id = $wave_id AND horizon = $horizon AND grain = 'kommun'
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
    p.contributors AS respondents,
    p.kommunkod IS NOT NULL AS participated,
    p.recruits,
    1000.0 * p.recruits / m.population_20_64 AS recruits_per_1000,
    p.employers,
    p.contributors,
    p.lia_places,
    p.hidden,
    p.respondents_class,
    coalesce(y.yh_granted, 0) AS yh_granted,
    coalesce(y.yh_granted_distance, 0) AS yh_granted_distance
FROM municipality m
JOIN county c ON c.lan_kod = m.lan_kod
LEFT JOIN cells p ON p.kommunkod = m.kommunkod
LEFT JOIN yh y ON y.kommunkod = m.kommunkod
WHERE m.in_region
ORDER BY m.kommunkod;
