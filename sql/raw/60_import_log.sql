-- import_log: one row per import attempt that reached the warehouse (accepted or rejected).
CREATE SEQUENCE IF NOT EXISTS import_log_seq START 1;
CREATE TABLE IF NOT EXISTS import_log (
    import_id     BIGINT PRIMARY KEY DEFAULT nextval('import_log_seq'),
    table_name    TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    rows_read     BIGINT NOT NULL,
    rows_accepted BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    rows_inserted BIGINT,
    rows_updated  BIGINT,
    status        TEXT NOT NULL CHECK (status IN ('imported', 'rejected', 'dry-run')),
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP NOT NULL,
    message       TEXT
);
