-- mapping_profiles: named mappings a user saved (Data page "Save as profile", or the CLI), offered again
-- for a file that has the same source columns. source_columns = the file columns the SQL reads (JSON
-- list); header_fingerprint = sha256 over them, sorted. Bundled profiles live in the code, not here.
CREATE TABLE IF NOT EXISTS mapping_profiles (
    name               TEXT PRIMARY KEY,
    table_name         TEXT NOT NULL,
    mapping_sql        TEXT NOT NULL,
    header_fingerprint TEXT NOT NULL,
    source_columns     TEXT NOT NULL,
    note               TEXT,
    saved_at           TIMESTAMP NOT NULL
);
