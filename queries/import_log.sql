-- The import log: every file offered to the importer, newest first (no file contents).
-- Parameter: $wave_id, or NULL for all waves.
SELECT
    file_name,
    wave_id,
    status,
    layout,
    rows_accepted,
    rows_rejected,
    respondents_added,
    size_bytes,
    left(sha256, 12) AS sha256_start,
    imported_at,
    imported_by,
    message
FROM import_file
WHERE $wave_id IS NULL OR wave_id = $wave_id
ORDER BY imported_at DESC, file_name;
