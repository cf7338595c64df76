-- The waves the sidebar offers, newest first: whether an administrator has published each one
-- (`published`: wave_publication; example waves count as published) and whether its providers'
-- publication is stored (`stored`: publication_wave). The providers' view offers only waves
-- that are both (kraftsamling.intake.waves.shown_to_providers).
-- Reads no answer (the providers' view opens it too). Parameters: none.
SELECT
    w.wave_id,
    w.label,
    w.survey_year,
    w.is_example,
    w.origin,
    w.is_example OR EXISTS (SELECT 1 FROM wave_publication a WHERE a.wave_id = w.wave_id)
        AS published,
    p.wave_id IS NOT NULL AS stored
FROM wave w
LEFT JOIN publication_wave p ON p.wave_id = w.wave_id
ORDER BY w.survey_year DESC, w.wave_id DESC;
