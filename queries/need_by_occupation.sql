-- Need per occupation (SSYK-4) under the shared filters, with employers, LIA places,
-- recruitment difficulty and contributing municipalities.
-- Parameters: those of the filtered_need macro.
-- `complement_atoms` ('typ:privat=1,kluster=7') / `complement_contributors`: per group of rows
-- one narrowing filter leaves out of the cell (relaxed_need's `atom`), the respondents behind
-- it; and the fewest (NULL when no narrowing filter is set): kraftsamling/privacy.py.
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
),
complement AS (
    SELECT
        ssyk4,
        string_agg(atom || '=' || respondents, ',' ORDER BY atom) AS complement_atoms,
        min(respondents) AS complement_contributors
    FROM (
        SELECT ssyk4, atom, count(DISTINCT respondent_id) AS respondents
        FROM relaxed_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                          $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
        GROUP BY ssyk4, atom
    )
    GROUP BY ssyk4
)
SELECT d.*, x.complement_atoms, x.complement_contributors
FROM demand d
LEFT JOIN complement x ON x.ssyk4 = d.ssyk4
ORDER BY d.recruits DESC, d.ssyk4;
