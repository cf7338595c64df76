-- Need over several waves, fairly: per wave, the need in the municipalities that answered in
-- every one of the waves (a municipality missing from one wave is left out of all of them, never
-- counted as a fall), and how many municipalities that is.
-- Parameters: $wave_ids (list of waves), $horizons (list of '0-1', '1-3', '3-5'), $kommunkoder
-- (the sidebar's municipalities: only these count).
WITH answered AS (
    SELECT kommunkod FROM respondent
    WHERE list_contains($wave_ids, wave_id) AND list_contains($kommunkoder, kommunkod)
    GROUP BY kommunkod
    HAVING count(DISTINCT wave_id) = len(list_distinct($wave_ids))
)
SELECT
    w.wave_id,
    w.label,
    w.survey_year,
    (SELECT count(*) FROM answered) AS municipalities,
    CAST(coalesce(sum(h.recruits), 0) AS BIGINT) AS recruits
FROM wave w
LEFT JOIN need_horizon h
    ON h.wave_id = w.wave_id AND list_contains($horizons, h.horizon)
   AND h.respondent_id IN (
        SELECT respondent_id FROM respondent r
        WHERE r.wave_id = w.wave_id AND r.kommunkod IN (SELECT kommunkod FROM answered))
WHERE list_contains($wave_ids, w.wave_id)
GROUP BY w.wave_id, w.label, w.survey_year
ORDER BY w.survey_year, w.wave_id;
