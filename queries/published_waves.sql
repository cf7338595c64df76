-- The waves the sidebar offers, newest first, with whether each has a providers' publication.
-- Reads no answer (the providers' view opens it too). Parameters: none.
SELECT
    w.wave_id,
    w.label,
    w.survey_year,
    w.is_example,
    w.origin,
    p.wave_id IS NOT NULL AS published
FROM wave w
LEFT JOIN publication_wave p ON p.wave_id = w.wave_id
ORDER BY w.survey_year DESC, w.wave_id DESC;
