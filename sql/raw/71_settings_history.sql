-- settings_history: append-only audit of changes to the KPI thresholds in `settings` (who, when,
-- old and new value). Written by analytics/core/thresholds.py in the same transaction as the change.
CREATE SEQUENCE IF NOT EXISTS settings_history_seq;
CREATE TABLE IF NOT EXISTS settings_history (
    change_id  BIGINT PRIMARY KEY DEFAULT nextval('settings_history_seq'),
    key        TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
