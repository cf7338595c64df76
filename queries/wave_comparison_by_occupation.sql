-- Two waves side by side per occupation: what grew and what shrank, fairly. Only the
-- municipalities that answered in both waves count (a municipality that did not answer in one of
-- them is "deltog inte", never a drop); with $same_organisations only the organisations that
-- answered in both (same organisationsnummer, or same name, in the same municipality).
-- Parameters: $wave_a (earlier), $wave_b (later), $horizons (list of '0-1', '1-3', '3-5'),
-- $same_organisations (boolean), $kommunkoder (the sidebar's municipalities: only these count).
WITH answered AS (
    SELECT wave_id, kommunkod,
           coalesce(organisationsnummer, lower(trim(organisation_name))) || '@' || kommunkod
               AS organisation_key
    FROM respondent
    WHERE list_contains([$wave_a, $wave_b], wave_id) AND list_contains($kommunkoder, kommunkod)
),
both_municipalities AS (
    SELECT kommunkod FROM answered GROUP BY kommunkod HAVING count(DISTINCT wave_id) = 2
),
both_organisations AS (
    SELECT organisation_key FROM answered GROUP BY organisation_key
    HAVING count(DISTINCT wave_id) = 2
),
per_wave AS (
    SELECT h.wave_id, h.ssyk4, sum(h.recruits) AS recruits
    FROM need_horizon h
    JOIN respondent r ON r.respondent_id = h.respondent_id
    WHERE list_contains([$wave_a, $wave_b], h.wave_id)
      AND list_contains($horizons, h.horizon)
      AND r.kommunkod IN (SELECT kommunkod FROM both_municipalities)
      AND (NOT $same_organisations OR
           coalesce(r.organisationsnummer, lower(trim(r.organisation_name))) || '@' || r.kommunkod
               IN (SELECT organisation_key FROM both_organisations))
    GROUP BY h.wave_id, h.ssyk4
)
SELECT
    o.ssyk4,
    o.occupation_name,
    o.occupation_field,
    CAST(coalesce(sum(p.recruits) FILTER (WHERE p.wave_id = $wave_a), 0) AS BIGINT) AS recruits_a,
    CAST(coalesce(sum(p.recruits) FILTER (WHERE p.wave_id = $wave_b), 0) AS BIGINT) AS recruits_b,
    CAST(
        coalesce(sum(p.recruits) FILTER (WHERE p.wave_id = $wave_b), 0)
        - coalesce(sum(p.recruits) FILTER (WHERE p.wave_id = $wave_a), 0) AS BIGINT
    ) AS change
FROM per_wave p
JOIN occupation o ON o.ssyk4 = p.ssyk4
GROUP BY o.ssyk4, o.occupation_name, o.occupation_field
ORDER BY abs(change) DESC, o.ssyk4;
