-- YH graduates' outcomes per MYH education area (and 'Totalt', all graduates), the newest
-- follow-up year with a figure (from yh_graduate_outcome, SCB): the share in work within 6
-- months of all graduates, and the share whose job matches the programme wholly or mostly of
-- the graduates in work; each with its 95 % margin of error (percentage points).
WITH in_work AS (
    SELECT education_area,
           max(follow_up_year) AS in_work_year,
           arg_max(graduates, follow_up_year) AS graduates,
           arg_max(in_work_6m_pct, follow_up_year) AS in_work_6m_pct,
           arg_max(in_work_6m_margin_pct, follow_up_year) AS in_work_6m_margin_pct
    FROM yh_graduate_outcome
    WHERE in_work_6m_pct IS NOT NULL
    GROUP BY education_area
),
matching AS (
    SELECT education_area,
           max(follow_up_year) AS matching_year,
           arg_max(graduates_in_work, follow_up_year) AS graduates_in_work,
           arg_max(matching_job_pct, follow_up_year) AS matching_job_pct,
           arg_max(matching_job_margin_pct, follow_up_year) AS matching_job_margin_pct
    FROM yh_graduate_outcome
    WHERE matching_job_pct IS NOT NULL
    GROUP BY education_area
)
SELECT w.*, m.matching_year, m.graduates_in_work, m.matching_job_pct, m.matching_job_margin_pct
FROM in_work w
LEFT JOIN matching m USING (education_area)
ORDER BY w.education_area;
