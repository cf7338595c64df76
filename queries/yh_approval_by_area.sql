-- MYH's approval rate per education area and application round, 2018-2025: applications,
-- granted ones, and granted / applied (NULL when the area had no application that round).
-- An application withdrawn after the decision ('Återkallad') counts as applied, not granted.
SELECT
    e.education_area,
    r.round,
    count(a.diarienummer) AS applied,
    count(a.diarienummer) FILTER (WHERE a.granted) AS granted,
    count(a.diarienummer) FILTER (WHERE a.granted) / nullif(count(a.diarienummer), 0)
        AS approval_rate
FROM education_area e
CROSS JOIN (SELECT DISTINCT round FROM myh_application) r
LEFT JOIN myh_application a ON a.education_area = e.education_area AND a.round = r.round
GROUP BY e.education_area, r.round
ORDER BY e.education_area, r.round;
