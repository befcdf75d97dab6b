-- settings: one row per tunable of the warehouse (KPI thresholds, the caller-id salt).
-- Values are text; the metrics layer casts them. Defaults come from the KPI contract.
CREATE TABLE IF NOT EXISTS settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMP DEFAULT current_localtimestamp()
);
INSERT OR IGNORE INTO settings (key, value) VALUES
    ('sl_threshold_s', '20'),
    ('short_abandon_s', '5'),
    ('repeat_window_h', '168'),
    ('qa_pass_mark', '80'),
    ('csat_satisfied_min', '4'),
    ('caller_salt', md5(uuid()::TEXT) || md5(uuid()::TEXT)),
    ('center_name', 'Contact center');
