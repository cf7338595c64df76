-- ADMINISTRATORS ONLY: the organisations behind one candidate's need in a pool, for the
-- administrators' evidence pack. Never used by the providers' view.
-- Parameters: those of candidate_contributions.sql, and $candidate_id.
SELECT
    r.organisation_name,
    f.kommunkod,
    CAST(sum(f.recruits) AS BIGINT) AS recruits,
    CAST(sum(f.lia_places) AS BIGINT) AS lia_places
FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                   $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only) f
JOIN respondent r ON r.respondent_id = f.respondent_id
WHERE CASE $level WHEN 'cluster' THEN 'kluster:' || f.cluster
                  WHEN 'group' THEN 'grupp'
                  ELSE 'yrke:' || f.ssyk4 END = $candidate_id
  AND ($level <> 'group' OR list_contains($group_ssyk4, f.ssyk4))
GROUP BY r.organisation_name, f.kommunkod
HAVING sum(f.recruits) > 0 OR sum(f.lia_places) > 0
ORDER BY recruits DESC, r.organisation_name;
