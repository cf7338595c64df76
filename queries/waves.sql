-- Survey waves, newest first, with how many respondents and need rows each holds, whether it is
-- published (example waves count as published), and how many organisations were invited and the
-- response rate (respondents / invited; NULL without an invitation list).
SELECT
    w.wave_id,
    w.label,
    w.survey_year,
    w.is_example,
    w.origin,
    (SELECT count(*) FROM respondent r WHERE r.wave_id = w.wave_id) AS respondents,
    (SELECT count(*) FROM need n WHERE n.wave_id = w.wave_id) AS need_rows,
    (SELECT count(DISTINCT r.kommunkod) FROM respondent r WHERE r.wave_id = w.wave_id)
        AS municipalities,
    w.is_example OR EXISTS (SELECT 1 FROM wave_publication p WHERE p.wave_id = w.wave_id)
        AS published,
    (SELECT count(*) FROM invited_organisation i WHERE i.wave_id = w.wave_id) AS invited,
    (SELECT count(*) FROM respondent r WHERE r.wave_id = w.wave_id)
        / nullif((SELECT count(*) FROM invited_organisation i WHERE i.wave_id = w.wave_id), 0)
        AS response_rate
FROM wave w
ORDER BY w.survey_year DESC, w.wave_id DESC;
