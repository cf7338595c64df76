-- Distinct respondents behind a set of cells (municipality and occupation, or municipality and
-- cluster), per cluster or in all: the providers' view checks what a pooled cluster figure
-- and its occupations' pooled figures differ by (kraftsamling/pooling.py).
-- Parameters: those of the filtered_need macro, and
--   $cells   list of 'kommunkod|key' strings: key is the SSYK-4 code ($by = 'cluster') or
--            the cluster ($by = 'all')
--   $by      'cluster': per cluster; 'all': one row
SELECT
    CASE $by WHEN 'cluster' THEN cluster ELSE '' END AS cluster,
    count(DISTINCT respondent_id) AS respondents
FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections,
                   $scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only)
WHERE list_contains($cells, kommunkod || '|' || CASE $by WHEN 'cluster' THEN ssyk4
                                                         ELSE cluster END)
GROUP BY 1;
