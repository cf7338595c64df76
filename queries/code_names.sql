-- Names of codes to show beside suggestions: SSYK-4 ($kind = 'yrke') or kommunkod ('kommun').
-- Parameters: $kind, $codes (a list of codes).
SELECT code, name_sv AS name FROM ssyk_af
WHERE $kind = 'yrke' AND level = 4 AND list_contains($codes, code)
UNION ALL
SELECT kommunkod, name FROM municipality
WHERE $kind = 'kommun' AND list_contains($codes, kommunkod);
