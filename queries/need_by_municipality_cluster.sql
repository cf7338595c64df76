-- Need per municipality and cluster under the shared filters, absolute and per 1 000
-- inhabitants aged 20-64 (for the heat map and the municipality groups).
-- Parameters: those of the filtered_need macro.
WITH demand AS (
    SELECT
        f.kommunkod,
        m.name,
        f.cluster,
        CAST(sum(f.recruits) AS BIGINT) AS recruits,
        count(DISTINCT f.respondent_id) AS contributors,
        1000.0 * sum(f.recruits) / any_value(m.population_20_64) AS recruits_per_1000
    FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                       $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only) f
    JOIN municipality m ON m.kommunkod = f.kommunkod
    GROUP BY f.kommunkod, m.name, f.cluster
    HAVING sum(f.recruits) > 0
)
SELECT d.*
FROM demand d
ORDER BY d.name, d.cluster;
