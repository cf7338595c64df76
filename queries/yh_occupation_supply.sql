-- The existing YH supply per occupation in the newest $rounds application rounds: the same
-- three figures as yh_area_supply.sql, over the programmes matched to each occupation
-- (kraftsamling/supply.py, occupation_supply). The match comes in as two lists of equal
-- length, one pair per matched application: $ssyk4s[i] is matched to $diarienummer[i].
-- Parameters: $ssyk4s, $diarienummer, $kommunkoder (the pool), $rounds.
WITH window_rounds AS (
    SELECT max(round) - $rounds + 1 AS first_round, max(round) AS last_round
    FROM myh_application
),
matched AS (
    SELECT DISTINCT unnest($ssyk4s::VARCHAR[]) AS ssyk4,
                    unnest($diarienummer::VARCHAR[]) AS diarienummer
),
granted AS (
    SELECT m.ssyk4, a.diarienummer, a.distance, a.places_per_intake,
           EXISTS (SELECT 1 FROM myh_application_location l
                   WHERE l.diarienummer = a.diarienummer
                     AND list_contains($kommunkoder, l.kommunkod)) AS in_pool
    FROM matched m
    JOIN myh_application a ON a.diarienummer = m.diarienummer
    CROSS JOIN window_rounds w
    WHERE a.granted AND a.round BETWEEN w.first_round AND w.last_round
)
SELECT
    s.ssyk4,
    count(g.diarienummer) FILTER (WHERE g.in_pool) AS pool_programmes,
    CAST(coalesce(sum(g.places_per_intake) FILTER (WHERE g.in_pool), 0) AS BIGINT) AS pool_places,
    count(g.diarienummer) FILTER (WHERE g.distance) AS distance_programmes,
    CAST(coalesce(sum(g.places_per_intake) FILTER (WHERE g.distance), 0) AS BIGINT) AS distance_places,
    count(g.diarienummer) AS national_programmes,
    CAST(coalesce(sum(g.places_per_intake), 0) AS BIGINT) AS national_places,
    any_value(w.first_round) AS first_round,
    any_value(w.last_round) AS last_round
FROM (SELECT DISTINCT ssyk4 FROM matched) s
CROSS JOIN window_rounds w
LEFT JOIN granted g ON g.ssyk4 = s.ssyk4
GROUP BY s.ssyk4
ORDER BY s.ssyk4;
