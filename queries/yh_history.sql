-- MYH's decisions per application round for applications naming the municipality as a study
-- location: applied, granted, and granted as distance education.
-- Parameter: $kommunkod.
SELECT
    r.round,
    count(l.diarienummer) AS applied,
    count(l.diarienummer) FILTER (WHERE l.granted) AS granted,
    count(l.diarienummer) FILTER (WHERE l.granted AND l.distance) AS granted_distance
FROM (SELECT DISTINCT round FROM myh_application) r
LEFT JOIN (
    SELECT DISTINCT round, diarienummer, granted, distance
    FROM myh_application_location
    WHERE kommunkod = $kommunkod
) l ON l.round = r.round
GROUP BY r.round
ORDER BY r.round;
