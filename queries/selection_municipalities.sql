-- The municipalities a selection covers: the region's 44, narrowed by counties, by a
-- collaboration group (its members in the survey year) and by an explicit list. An empty
-- list or a NULL group does not narrow. The filters combine as an intersection.
-- Parameters: $lan_koder (list), $group_id (or NULL), $kommunkoder (list), $year (integer).
SELECT m.kommunkod
FROM municipality m
WHERE m.in_region
  AND (len($lan_koder) = 0 OR list_contains($lan_koder, m.lan_kod))
  AND ($group_id IS NULL OR m.kommunkod IN (
        SELECT g.kommunkod
        FROM collaboration_group_member g
        WHERE g.group_id = $group_id
          AND (g.member_from IS NULL OR g.member_from <= $year)
          AND (g.member_to IS NULL OR g.member_to >= $year)))
  AND (len($kommunkoder) = 0 OR list_contains($kommunkoder, m.kommunkod))
ORDER BY m.kommunkod;
