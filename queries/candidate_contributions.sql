-- Each candidate's need, employers and LIA places per municipality, for the application
-- finder (the rules are in kraftsamling/assessment.py). A candidate is an occupation, a
-- cluster of the chosen scheme, or one custom group of occupations.
-- Parameters: those of the filtered_need macro, and
--   $level         'ssyk4', 'cluster' or 'group'
--   $group_ssyk4   the occupations of the custom group (used when $level = 'group')
--   $group_label   the custom group's name
-- The columns after lia_places serve the cluster page's occupation table in the providers'
-- view, which pools these cells per municipality (kraftsamling/privacy/publish.py), and the
-- intakes: `recruits_0_1`, `recruits_1_3`, `recruits_3_5` (the need per horizon, whichever is
-- chosen) and `education_path` (issue 10). With $yh_only the candidates are built from YH
-- occupations.
WITH rows AS (
    SELECT
        CASE $level WHEN 'cluster' THEN 'kluster:' || cluster
                    WHEN 'group' THEN 'grupp'
                    ELSE 'yrke:' || ssyk4 END AS candidate_id,
        CASE $level WHEN 'cluster' THEN cluster
                    WHEN 'group' THEN $group_label
                    ELSE ssyk4 || ' ' || occupation_name END AS label,
        education_area,
        cluster,
        kommunkod,
        recruits,
        respondent_id,
        lia_places,
        recruitment_difficulty,
        requires_post_secondary,
        upskilling,
        education_path,
        recruits_1y,
        recruits_1_3y,
        recruits_3_5y
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
    WHERE $level <> 'group' OR list_contains($group_ssyk4, ssyk4)
),
areas AS (
    -- a custom group may span areas: it is ranked in the area most of its need belongs to
    SELECT candidate_id, arg_max(education_area, need) AS education_area
    FROM (SELECT candidate_id, education_area, sum(recruits) AS need
          FROM rows GROUP BY candidate_id, education_area)
    GROUP BY candidate_id
),
contributions AS (
    SELECT
        r.candidate_id,
        any_value(r.label) AS label,
        a.education_area,
        r.kommunkod,
        CAST(sum(r.recruits) AS BIGINT) AS recruits,
        count(DISTINCT r.respondent_id) FILTER (WHERE r.recruits > 0) AS employers,
        count(DISTINCT r.respondent_id) AS contributors,
        CAST(sum(r.lia_places) AS BIGINT) AS lia_places,
        -- for the cluster page's occupation table, pooled in the providers' view
        any_value(r.cluster) AS cluster,
        sum(r.recruitment_difficulty) AS difficulty_sum,
        count(r.recruitment_difficulty) AS difficulty_answers,
        count(*) FILTER (WHERE r.requires_post_secondary) AS post_secondary_rows,
        count(*) AS need_rows,
        CAST(sum(r.upskilling) AS BIGINT) AS upskilling,
        -- issue 10, part 3: the need per horizon whatever horizon is chosen (the intakes), and
        -- the occupation's education path ('yh', 'hogskola', …; a cluster or group: 'yh' when
        -- narrowed to YH occupations by $yh_only, else NULL)
        CAST(sum(r.recruits_1y) AS BIGINT) AS recruits_0_1,
        CAST(sum(r.recruits_1_3y) AS BIGINT) AS recruits_1_3,
        CAST(sum(r.recruits_3_5y) AS BIGINT) AS recruits_3_5,
        CASE WHEN $level = 'ssyk4' THEN any_value(r.education_path)
             WHEN $yh_only THEN 'yh' END AS education_path,
        -- who stands behind the cell: one respondent can be behind several occupations of a
        -- municipality, so hidden cells are counted by distinct respondents (kraftsamling/privacy)
        list(DISTINCT r.respondent_id ORDER BY r.respondent_id) AS respondent_ids
    FROM rows r
    JOIN areas a ON a.candidate_id = r.candidate_id
    GROUP BY r.candidate_id, a.education_area, r.kommunkod
)
SELECT c.*
FROM contributions c
ORDER BY c.candidate_id, c.kommunkod;
