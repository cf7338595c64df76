-- Need per occupation (SSYK-4) under the shared filters, with employers, LIA places,
-- recruitment difficulty and contributing municipalities.
-- Parameters: those of the filtered_need macro.
WITH demand AS (
    SELECT
        ssyk4,
        any_value(occupation_name) AS occupation_name,
        any_value(cluster) AS cluster,
        any_value(education_area) AS education_area,
        CAST(sum(recruits) AS BIGINT) AS recruits,
        count(DISTINCT respondent_id) FILTER (WHERE recruits > 0) AS employers,
        count(DISTINCT respondent_id) AS contributors,
        CAST(sum(lia_places) AS BIGINT) AS lia_places,
        avg(recruitment_difficulty) AS difficulty,
        count(DISTINCT kommunkod) FILTER (WHERE recruits > 0) AS municipalities,
        avg(CASE WHEN requires_post_secondary THEN 1.0 ELSE 0.0 END) AS share_post_secondary,
        CAST(sum(upskilling) AS BIGINT) AS upskilling
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
    GROUP BY ssyk4
    HAVING sum(recruits) > 0 OR sum(lia_places) > 0
)
SELECT d.*
FROM demand d
ORDER BY d.recruits DESC, d.ssyk4;
