-- Survey waves, newest first, with how many respondents and need rows each holds.
SELECT
    w.wave_id,
    w.label,
    w.survey_year,
    w.is_example,
    w.origin,
    (SELECT count(*) FROM respondent r WHERE r.wave_id = w.wave_id) AS respondents,
    (SELECT count(*) FROM need n WHERE n.wave_id = w.wave_id) AS need_rows,
    (SELECT count(DISTINCT r.kommunkod) FROM respondent r WHERE r.wave_id = w.wave_id)
        AS municipalities
FROM wave w
ORDER BY w.survey_year DESC, w.wave_id DESC;
