-- Each upskilling candidate's staff to upskill at a distance per municipality, for the
-- finder's second kind of candidate (the rules are in kraftsamling/upskilling.py). A candidate
-- is an occupation or a cluster of the chosen scheme, with the same ids as the recruitment
-- candidates ('yrke:5321', 'kluster:…'). Only the `upskilling` column of the survey is read:
-- recruitment and upskilling are never added (tests/test_upskilling.py).
-- An occupation whose continuing education is at university (education_path 'hogskola':
-- licensed professions, teachers) is never part of a cluster's staff here and comes out with
-- its path, so that kraftsamling/upskilling.py can keep it out of YH courses.
-- Parameters: those of the filtered_need macro, and $level ('ssyk4' or 'cluster').
WITH rows AS (
    SELECT
        CASE $level WHEN 'cluster' THEN 'kluster:' || cluster ELSE 'yrke:' || ssyk4 END
            AS candidate_id,
        CASE $level WHEN 'cluster' THEN cluster ELSE ssyk4 || ' ' || occupation_name END
            AS label,
        education_area,
        CASE $level WHEN 'cluster' THEN NULL ELSE education_path END AS education_path,
        kommunkod,
        respondent_id,
        upskilling
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
    WHERE $level <> 'cluster' OR education_path <> 'hogskola'
),
areas AS (
    -- a cluster of occupation fields may span areas: it is ranked in the area most of its
    -- staff to upskill belong to (ties: the first area by name)
    SELECT candidate_id, education_area
    FROM (SELECT candidate_id, education_area, sum(upskilling) AS staff
          FROM rows GROUP BY candidate_id, education_area)
    QUALIFY row_number() OVER (PARTITION BY candidate_id
                               ORDER BY staff DESC, education_area NULLS LAST) = 1
)
SELECT
    r.candidate_id,
    any_value(r.label) AS label,
    a.education_area,
    any_value(r.education_path) AS education_path,
    r.kommunkod,
    CAST(sum(r.upskilling) AS BIGINT) AS staff,
    count(DISTINCT r.respondent_id) FILTER (WHERE r.upskilling > 0) AS employers,
    count(DISTINCT r.respondent_id) AS contributors
FROM rows r
JOIN areas a ON a.candidate_id = r.candidate_id
GROUP BY r.candidate_id, a.education_area, r.kommunkod
HAVING sum(r.upskilling) > 0
ORDER BY r.candidate_id, r.kommunkod;
