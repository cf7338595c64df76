-- The providers' publication of one wave: its rules and the audit's result
-- (kraftsamling/privacy/publish.py). Parameters: $wave_id.
SELECT * FROM publication_wave WHERE wave_id = $wave_id;
