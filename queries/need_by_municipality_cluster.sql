-- Need per municipality and cluster under the shared filters, absolute and per 1 000
-- inhabitants aged 20-64 (for the heat map and the municipality groups).
-- Parameters: those of the filtered_need macro.
-- `complement_atoms` ('typ:privat=1,kluster=7') / `complement_contributors`: per group of rows
-- one narrowing filter leaves out of the cell (relaxed_need's `atom`), the respondents behind
-- it; and the fewest (NULL when no narrowing filter is set): kraftsamling/privacy.py.
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
),
complement AS (
    SELECT
        kommunkod,
        cluster,
        string_agg(atom || '=' || respondents, ',' ORDER BY atom) AS complement_atoms,
        min(respondents) AS complement_contributors
    FROM (
        SELECT kommunkod, cluster, atom, count(DISTINCT respondent_id) AS respondents
        FROM relaxed_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                          $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
        GROUP BY kommunkod, cluster, atom
    )
    GROUP BY kommunkod, cluster
)
SELECT d.*, x.complement_atoms, x.complement_contributors
FROM demand d
LEFT JOIN complement x
    ON x.kommunkod = d.kommunkod AND x.cluster IS NOT DISTINCT FROM d.cluster
ORDER BY d.name, d.cluster;
