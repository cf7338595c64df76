-- Two waves side by side per municipality of the region.
-- Parameters: $wave_a (earlier), $wave_b (later), $horizons (list of '0-1', '1-3', '3-5').
WITH per_wave AS (
    SELECT h.wave_id, r.kommunkod, CAST(sum(h.recruits) AS BIGINT) AS recruits,
           count(DISTINCT r.respondent_id) AS respondents
    FROM need_horizon h
    JOIN respondent r ON r.respondent_id = h.respondent_id
    WHERE list_contains([$wave_a, $wave_b], h.wave_id)
      AND list_contains($horizons, h.horizon)
    GROUP BY h.wave_id, r.kommunkod
)
SELECT
    m.kommunkod,
    m.name,
    coalesce(a.respondents, 0) AS respondents_a,
    coalesce(b.respondents, 0) AS respondents_b,
    coalesce(a.recruits, 0) AS recruits_a,
    coalesce(b.recruits, 0) AS recruits_b,
    coalesce(b.recruits, 0) - coalesce(a.recruits, 0) AS change
FROM municipality m
LEFT JOIN per_wave a ON a.kommunkod = m.kommunkod AND a.wave_id = $wave_a
LEFT JOIN per_wave b ON b.kommunkod = m.kommunkod AND b.wave_id = $wave_b
WHERE m.in_region
ORDER BY abs(change) DESC, m.name;
