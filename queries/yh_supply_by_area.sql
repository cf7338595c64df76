-- The existing YH supply per MYH education area, rounds 2018-2025: programmes granted with a
-- study location in the selected municipalities (all, and distance), and distance programmes
-- granted anywhere in Sweden (they can be studied from the region too).
-- Parameter: $kommunkoder (the selection's municipalities).
WITH local AS (
    SELECT
        education_area,
        count(DISTINCT diarienummer) AS granted,
        count(DISTINCT diarienummer) FILTER (WHERE distance) AS granted_distance
    FROM myh_application_location
    WHERE granted AND list_contains($kommunkoder, kommunkod)
    GROUP BY education_area
),
national AS (
    SELECT education_area, count(*) AS granted_distance_national
    FROM myh_application
    WHERE granted AND distance
    GROUP BY education_area
)
SELECT
    a.education_area,
    coalesce(l.granted, 0) AS granted,
    coalesce(l.granted_distance, 0) AS granted_distance,
    coalesce(n.granted_distance_national, 0) AS granted_distance_national,
    (SELECT min(round) || '–' || max(round) FROM myh_application) AS rounds
FROM education_area a
LEFT JOIN local l ON l.education_area = a.education_area
LEFT JOIN national n ON n.education_area = a.education_area
ORDER BY a.education_area;
