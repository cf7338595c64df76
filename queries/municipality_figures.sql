-- Key figures for each of the 44 municipalities of the region, for one wave.
-- Parameters:
--   $wave_id   the survey wave
--   $horizons  list of horizons to sum: any of '0-1', '1-3', '3-5'
-- A municipality with no respondent in the wave has participated = false and zero need;
-- the map shows it as "deltog inte" rather than as a zero.
WITH demand AS (
    SELECT
        r.kommunkod,
        sum(h.recruits) AS recruits,
        count(DISTINCT r.respondent_id) FILTER (WHERE h.recruits > 0) AS employers
    FROM need_horizon h
    JOIN respondent r ON r.respondent_id = h.respondent_id
    WHERE h.wave_id = $wave_id
      AND list_contains($horizons, h.horizon)
    GROUP BY r.kommunkod
),
lia AS (
    SELECT r.kommunkod, sum(n.lia_places) AS lia_places
    FROM need n
    JOIN respondent r ON r.respondent_id = n.respondent_id
    WHERE n.wave_id = $wave_id
    GROUP BY r.kommunkod
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
    coalesce(p.respondents, 0) AS respondents,
    p.respondents IS NOT NULL AS participated,
    coalesce(d.recruits, 0) AS recruits,
    1000.0 * coalesce(d.recruits, 0) / m.population_20_64 AS recruits_per_1000,
    coalesce(d.employers, 0) AS employers,
    coalesce(l.lia_places, 0) AS lia_places,
    coalesce(y.yh_granted, 0) AS yh_granted,
    coalesce(y.yh_granted_distance, 0) AS yh_granted_distance
FROM municipality m
JOIN county c ON c.lan_kod = m.lan_kod
LEFT JOIN demand d ON d.kommunkod = m.kommunkod
LEFT JOIN lia l ON l.kommunkod = m.kommunkod
LEFT JOIN participation p ON p.kommunkod = m.kommunkod
LEFT JOIN yh y ON y.kommunkod = m.kommunkod
WHERE m.in_region
ORDER BY m.kommunkod;
