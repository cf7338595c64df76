-- The providers' view: the fixed groups of hidden cells of one wave and horizon, with their
-- sums (each from at least N respondents). Parameters: $wave_id, $horizon.
SELECT * EXCLUDE (wave_id, horizon)
FROM publication_group
WHERE wave_id = $wave_id AND horizon = $horizon
ORDER BY grain, candidate_id, group_id;
