-- The choices the shared filters offer: counties, collaboration groups, municipalities of the
-- region, clusters of both schemes and the occupations of the wave's publication (cells with
-- respondents; reads no answer).
-- Parameter: $wave_id. One row per choice: kind, value, label.
SELECT 'lan' AS kind, lan_kod AS value, name AS label, lan_kod AS sort_key
FROM county WHERE lan_kod IN ('22', '23', '24', '25')
UNION ALL
SELECT 'grupp', group_id, name, kind || name FROM collaboration_group
UNION ALL
SELECT 'kommun', kommunkod, name, name FROM municipality WHERE in_region
UNION ALL
SELECT DISTINCT 'field', occupation_field, occupation_field, occupation_field FROM occupation
UNION ALL
SELECT 'area', education_area, education_area, education_area FROM education_area
UNION ALL
SELECT DISTINCT 'yrke', o.ssyk4, o.ssyk4 || ' ' || o.occupation_name, o.ssyk4
FROM publication_cell c JOIN occupation o ON 'yrke:' || o.ssyk4 = c.candidate_id
WHERE c.wave_id = $wave_id AND c.grain = 'yrke' AND c.horizon = '0-5'
ORDER BY kind, sort_key;
