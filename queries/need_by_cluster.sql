-- Need per occupation cluster (of the chosen scheme) under the shared filters.
-- Parameters: those of the filtered_need macro.
WITH demand AS (
    SELECT
        cluster,
        any_value(education_area) AS education_area,
        CAST(sum(recruits) AS BIGINT) AS recruits,
        count(DISTINCT respondent_id) FILTER (WHERE recruits > 0) AS employers,
        count(DISTINCT respondent_id) AS contributors,
        CAST(sum(lia_places) AS BIGINT) AS lia_places,
        count(DISTINCT ssyk4) FILTER (WHERE recruits > 0) AS occupations,
        count(DISTINCT kommunkod) FILTER (WHERE recruits > 0) AS municipalities
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
    GROUP BY cluster
    HAVING sum(recruits) > 0 OR sum(lia_places) > 0
)
SELECT d.*
FROM demand d
ORDER BY d.recruits DESC, d.cluster;
