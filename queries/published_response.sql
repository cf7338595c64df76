-- The providers' view: the response rate of one wave as published (publication_response): per
-- municipality a band, per county and for the region the rate, each only where shown
-- (docs/privacy.md). Reads no answer. Parameters: $wave_id.
SELECT
    r.scope_kind,
    r.scope,
    coalesce(m.name, c.name, 'Hela regionen') AS name,
    r.listed,
    r.municipalities_listed,
    r.shown,
    r.rate_band,
    r.response_rate
FROM publication_response r
LEFT JOIN municipality m ON r.scope_kind = 'kommun' AND m.kommunkod = r.scope
LEFT JOIN county c ON r.scope_kind = 'lan' AND c.lan_kod = r.scope
WHERE r.wave_id = $wave_id
ORDER BY CASE r.scope_kind WHEN 'region' THEN 0 WHEN 'lan' THEN 1 ELSE 2 END, r.scope;
