-- The existing YH supply per MYH education area in the newest $rounds application rounds
-- (kraftsamling/supply.py): programmes granted with a study location in the pool, distance
-- programmes granted anywhere in Sweden (students in the pool can take them; a distance
-- programme with a study location in the pool counts in both), and every programme granted
-- nationally; each with its granted places in the first intake (MYH gives them from 2021).
-- Parameters: $kommunkoder (the pool), $rounds (how many of the newest rounds, e.g. 3).
WITH window_rounds AS (
    SELECT max(round) - $rounds + 1 AS first_round, max(round) AS last_round
    FROM myh_application
),
granted AS (
    SELECT a.diarienummer, a.education_area, a.distance, a.places_per_intake,
           EXISTS (SELECT 1 FROM myh_application_location l
                   WHERE l.diarienummer = a.diarienummer
                     AND list_contains($kommunkoder, l.kommunkod)) AS in_pool
    FROM myh_application a, window_rounds w
    WHERE a.granted AND a.round BETWEEN w.first_round AND w.last_round
)
SELECT
    e.education_area,
    count(g.diarienummer) FILTER (WHERE g.in_pool) AS pool_programmes,
    CAST(coalesce(sum(g.places_per_intake) FILTER (WHERE g.in_pool), 0) AS BIGINT) AS pool_places,
    count(g.diarienummer) FILTER (WHERE g.distance) AS distance_programmes,
    CAST(coalesce(sum(g.places_per_intake) FILTER (WHERE g.distance), 0) AS BIGINT) AS distance_places,
    count(g.diarienummer) AS national_programmes,
    CAST(coalesce(sum(g.places_per_intake), 0) AS BIGINT) AS national_places,
    any_value(w.first_round) AS first_round,
    any_value(w.last_round) AS last_round
FROM education_area e
CROSS JOIN window_rounds w
LEFT JOIN granted g ON g.education_area = e.education_area
GROUP BY e.education_area
ORDER BY e.education_area;
