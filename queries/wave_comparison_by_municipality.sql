-- Two waves side by side per municipality of the region, fairly: `took_part` says whether the
-- municipality answered in both waves ('båda'), only one ('deltog inte i tidigare' / 'deltog
-- inte i senare') or neither ('deltog inte'); `change` is only given for 'båda' (NULL otherwise:
-- not answering is never a drop). Municipalities that answered in both come first.
-- Parameters: $wave_a (earlier), $wave_b (later), $horizons (list of '0-1', '1-3', '3-5'),
-- $kommunkoder (the sidebar's municipalities: only these are listed).
WITH per_wave AS (
    SELECT r.wave_id, r.kommunkod,
           CAST(coalesce(sum(h.recruits), 0) AS BIGINT) AS recruits,
           count(DISTINCT r.respondent_id) AS respondents
    FROM respondent r
    LEFT JOIN need_horizon h
        ON h.respondent_id = r.respondent_id AND list_contains($horizons, h.horizon)
    WHERE list_contains([$wave_a, $wave_b], r.wave_id)
    GROUP BY r.wave_id, r.kommunkod
)
SELECT
    m.kommunkod,
    m.name,
    CASE WHEN a.kommunkod IS NOT NULL AND b.kommunkod IS NOT NULL THEN 'båda'
         WHEN b.kommunkod IS NOT NULL THEN 'deltog inte i tidigare'
         WHEN a.kommunkod IS NOT NULL THEN 'deltog inte i senare'
         ELSE 'deltog inte' END AS took_part,
    coalesce(a.respondents, 0) AS respondents_a,
    coalesce(b.respondents, 0) AS respondents_b,
    a.recruits AS recruits_a,
    b.recruits AS recruits_b,
    b.recruits - a.recruits AS change
FROM municipality m
LEFT JOIN per_wave a ON a.kommunkod = m.kommunkod AND a.wave_id = $wave_a
LEFT JOIN per_wave b ON b.kommunkod = m.kommunkod AND b.wave_id = $wave_b
WHERE m.in_region AND list_contains($kommunkoder, m.kommunkod)
ORDER BY (a.kommunkod IS NULL OR b.kommunkod IS NULL), abs(change) DESC NULLS LAST, m.name;
