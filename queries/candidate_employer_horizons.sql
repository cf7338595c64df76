-- ADMINISTRATORS ONLY: the employers behind one candidate in a pool, per horizon, for the
-- administrators' evidence pack and the letters of intent. Never used by the providers' view.
-- Parameters: those of candidate_contributions.sql, and $candidate_id. The horizons are the
-- survey's own three (the selection's $horizons do not narrow them); `recruits` is the need
-- over the selection's horizons; `staff` the staff to upskill (never added to recruitment).
SELECT
    f.respondent_id,
    any_value(r.organisation_name) AS organisation_name,
    f.kommunkod,
    CAST(sum(n.recruits_1y) AS BIGINT) AS recruits_1y,
    CAST(sum(n.recruits_1_3y) AS BIGINT) AS recruits_1_3y,
    CAST(sum(n.recruits_3_5y) AS BIGINT) AS recruits_3_5y,
    CAST(sum(f.recruits) AS BIGINT) AS recruits,
    CAST(sum(f.lia_places) AS BIGINT) AS lia_places,
    CAST(sum(f.upskilling) AS BIGINT) AS staff
FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                   $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only) f
JOIN need n ON n.need_id = f.need_id
JOIN respondent r ON r.respondent_id = f.respondent_id
WHERE CASE $level WHEN 'cluster' THEN 'kluster:' || f.cluster
                  WHEN 'group' THEN 'grupp'
                  ELSE 'yrke:' || f.ssyk4 END = $candidate_id
  AND ($level <> 'group' OR list_contains($group_ssyk4, f.ssyk4))
GROUP BY f.respondent_id, f.kommunkod
HAVING sum(n.recruits_1y + n.recruits_1_3y + n.recruits_3_5y) > 0 OR sum(f.lia_places) > 0
    OR sum(f.upskilling) > 0
ORDER BY recruits DESC, organisation_name, f.respondent_id;
