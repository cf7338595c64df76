-- The providers' view: every published cell of one wave and horizon; hidden figures are NULL
-- (kraftsamling/privacy/view.py). Parameters: $wave_id, $horizon ('0-1' … '0-5').
SELECT * EXCLUDE (wave_id, horizon)
FROM publication_cell
WHERE wave_id = $wave_id AND horizon = $horizon
ORDER BY grain, candidate_id, kommunkod;
