-- The MYH education areas a cluster or occupation filter points at (each occupation's own
-- area, ssyk4_education_area; issue 10); no rows when neither is set (= all areas).
-- Parameters: $scheme ('field' or 'area'), $cluster (or NULL), $ssyk4 (or NULL).
SELECT DISTINCT education_area
FROM occupation
WHERE ($ssyk4 IS NOT NULL AND ssyk4 = $ssyk4)
   OR ($ssyk4 IS NULL AND $cluster IS NOT NULL
       AND (CASE WHEN $scheme = 'area' THEN education_area ELSE occupation_field END) = $cluster)
ORDER BY education_area;
