-- Context figures for one municipality: county, labour market region, population with years.
-- Parameter: $kommunkod.
SELECT
    m.kommunkod, m.name, c.name AS county, m.la_kod, m.la_name,
    m.population, m.population_year, m.population_20_64, m.population_20_64_year,
    m.land_area_km2, m.land_area_year,
    coalesce((SELECT list(g.name ORDER BY g.name)
       FROM collaboration_group_member gm
       JOIN collaboration_group g ON g.group_id = gm.group_id
      WHERE gm.kommunkod = m.kommunkod AND g.kind <> 'lan' AND gm.member_to IS NULL), [])
        AS groups
FROM municipality m
JOIN county c ON c.lan_kod = m.lan_kod
WHERE m.kommunkod = $kommunkod;
