-- Rejected rows of a wave with their reasons, file by file, in file order.
-- Parameter: $wave_id.
SELECT
    f.file_name,
    q.file_id,
    q.sheet,
    q.row_number,
    q.row_values,
    q.reasons
FROM quarantine q
JOIN import_file f ON f.file_id = q.file_id
WHERE f.wave_id = $wave_id
ORDER BY f.imported_at, f.file_name, q.sheet NULLS FIRST, q.row_number;
