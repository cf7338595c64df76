-- Per municipality of the region, for one wave: organisations invited, organisations that
-- answered, and the response rate (answered / invited; NULL without invitations).
-- Parameter: $wave_id.
SELECT
    m.kommunkod,
    m.name,
    (SELECT count(*) FROM invited_organisation i
     WHERE i.wave_id = $wave_id AND i.kommunkod = m.kommunkod) AS invited,
    (SELECT count(*) FROM respondent r
     WHERE r.wave_id = $wave_id AND r.kommunkod = m.kommunkod) AS respondents,
    (SELECT count(*) FROM respondent r WHERE r.wave_id = $wave_id AND r.kommunkod = m.kommunkod)
        / nullif((SELECT count(*) FROM invited_organisation i
                  WHERE i.wave_id = $wave_id AND i.kommunkod = m.kommunkod), 0) AS response_rate
FROM municipality m
WHERE m.in_region
ORDER BY m.name;
