-- Totals for the whole region (the 44 municipalities), computed straight from the survey
-- rows and MYH's decisions, independently of municipality_figures.sql; the map page shows
-- them under the map and the tests check that they equal the sum of the municipality rows.
-- Parameters: $wave_id, $horizons (list of '0-1', '1-3', '3-5').
SELECT
    (SELECT coalesce(sum(h.recruits), 0)
       FROM need_horizon h
       JOIN respondent r ON r.respondent_id = h.respondent_id
       JOIN municipality m ON m.kommunkod = r.kommunkod
      WHERE h.wave_id = $wave_id AND m.in_region AND list_contains($horizons, h.horizon))
        AS recruits,
    (SELECT count(DISTINCT r.respondent_id)
       FROM need_horizon h
       JOIN respondent r ON r.respondent_id = h.respondent_id
       JOIN municipality m ON m.kommunkod = r.kommunkod
      WHERE h.wave_id = $wave_id AND m.in_region AND list_contains($horizons, h.horizon)
        AND h.recruits > 0)
        AS employers,
    (SELECT coalesce(sum(n.lia_places), 0)
       FROM need n
       JOIN respondent r ON r.respondent_id = n.respondent_id
       JOIN municipality m ON m.kommunkod = r.kommunkod
      WHERE n.wave_id = $wave_id AND m.in_region)
        AS lia_places,
    (SELECT count(*)
       FROM (SELECT DISTINCT l.diarienummer, l.kommunkod
               FROM myh_application_location l
               JOIN municipality m ON m.kommunkod = l.kommunkod
              WHERE l.granted AND m.in_region))
        AS yh_granted,
    (SELECT count(*)
       FROM (SELECT DISTINCT l.diarienummer, l.kommunkod
               FROM myh_application_location l
               JOIN municipality m ON m.kommunkod = l.kommunkod
              WHERE l.granted AND l.distance AND m.in_region))
        AS yh_granted_distance,
    (SELECT sum(population_20_64) FROM municipality WHERE in_region) AS population_20_64,
    (SELECT sum(m.population_20_64)
       FROM municipality m
      WHERE m.in_region
        AND m.kommunkod IN (SELECT kommunkod FROM respondent WHERE wave_id = $wave_id))
        AS population_20_64_participating;
