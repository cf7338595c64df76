-- The blocks of the providers' view (kraftsamling/privacy, docs/privacy.md): municipalities that share their
-- county and every collaboration group they belong to in the survey year. Every selection made
-- of counties and groups is a union of blocks; a municipality's hidden figure counts in a
-- pooled figure only together with the rest of its block.
-- The region's municipalities only: the whole region is the coarsest level.
-- Parameters: $year (integer).
WITH membership AS (
    SELECT g.kommunkod, string_agg(g.group_id, '+' ORDER BY g.group_id) AS groups
    FROM collaboration_group_member g
    JOIN collaboration_group c ON c.group_id = g.group_id
    WHERE c.kind <> 'lan'
      AND (g.member_from IS NULL OR g.member_from <= $year)
      AND (g.member_to IS NULL OR g.member_to >= $year)
    GROUP BY g.kommunkod
)
SELECT m.kommunkod, m.lan_kod || coalesce('+' || s.groups, '') AS block
FROM municipality m
LEFT JOIN membership s ON s.kommunkod = m.kommunkod
WHERE m.in_region
ORDER BY m.kommunkod;
