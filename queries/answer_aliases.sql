-- The coordinator's stored answers (answer_alias), newest first: what every later import codes
-- these values as. No parameters.
SELECT
    kind,
    value,
    code,
    CASE WHEN kind = 'yrke' THEN (SELECT name_sv FROM ssyk_af s WHERE s.code = a.code)
         ELSE (SELECT name FROM municipality m WHERE m.kommunkod = a.code) END AS code_name,
    answered_by,
    answered_at,
    wave_id
FROM answer_alias a
ORDER BY answered_at DESC, kind, value;
