-- Every SSYK-4 occupation with its education path and MYH education area, and why
-- (kraftsamling/education.py derives both; issue 10, parts 1-2). No parameters.
SELECT
    o.ssyk4,
    o.occupation_name,
    p.education_path,
    p.basis AS path_basis,
    p.yh_applications,
    p.yh_granted,
    coalesce(p.example_programmes, '') AS example_programmes,
    p.source_note,
    o.education_area,
    a.basis AS area_basis,
    a.applications_in_area,
    a.applications,
    coalesce(a.area_counts, '') AS area_counts
FROM occupation o
LEFT JOIN education_path p ON p.ssyk4 = o.ssyk4
LEFT JOIN ssyk4_education_area a ON a.ssyk4 = o.ssyk4
ORDER BY o.ssyk4;
