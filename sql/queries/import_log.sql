-- import_log: every import, newest first, for the Data page. No parameters.
SELECT import_id, table_name, file_name, rows_read, rows_accepted, rows_rejected, rows_inserted,
       rows_updated, status, started_at, finished_at, message
FROM import_log
ORDER BY import_id DESC
