-- Need per occupation cluster (of the chosen scheme) under the shared filters.
-- Parameters: those of the filtered_need macro.
-- `complement_atoms` ('typ:privat=1,kluster=7') / `complement_contributors`: per group of rows
-- one narrowing filter leaves out of the cell (relaxed_need's `atom`), the respondents behind
-- it; and the fewest (NULL when no narrowing filter is set): kraftsamling/privacy.py.
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
),
complement AS (
    SELECT
        cluster,
        string_agg(atom || '=' || respondents, ',' ORDER BY atom) AS complement_atoms,
        min(respondents) AS complement_contributors
    FROM (
        SELECT cluster, atom, count(DISTINCT respondent_id) AS respondents
        FROM relaxed_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                          $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
        GROUP BY cluster, atom
    )
    GROUP BY cluster
)
SELECT d.*, x.complement_atoms, x.complement_contributors
FROM demand d
LEFT JOIN complement x ON x.cluster IS NOT DISTINCT FROM d.cluster
ORDER BY d.recruits DESC, d.cluster;
