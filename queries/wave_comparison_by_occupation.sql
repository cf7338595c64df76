-- Two waves side by side per occupation: what grew and what shrank.
-- Parameters: $wave_a (earlier), $wave_b (later), $horizons (list of '0-1', '1-3', '3-5').
WITH per_wave AS (
    SELECT h.wave_id, h.ssyk4, sum(h.recruits) AS recruits
    FROM need_horizon h
    WHERE list_contains([$wave_a, $wave_b], h.wave_id)
      AND list_contains($horizons, h.horizon)
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
