-- FOR THE PUBLICATION ONLY (kraftsamling/privacy/publish.py, the dominance rule): each
-- respondent's need per municipality and occupation in the base horizons, for the wave's
-- municipalities in the region. Never read by a page.
-- Parameters: $wave_id, $kommunkoder (list).
SELECT
    kommunkod,
    ssyk4,
    occupation_field,
    respondent_id,
    CAST(sum(recruits_1y) AS BIGINT) AS recruits_1y,
    CAST(sum(recruits_1_3y) AS BIGINT) AS recruits_1_3y,
    CAST(sum(recruits_3_5y) AS BIGINT) AS recruits_3_5y
FROM need_fact
WHERE wave_id = $wave_id AND list_contains($kommunkoder, kommunkod)
GROUP BY ALL
ORDER BY kommunkod, ssyk4, respondent_id;
