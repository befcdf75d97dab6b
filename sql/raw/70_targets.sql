-- targets: the KPI targets users have set, one row per KPI and scope. A scope is the whole center
-- (queue = '' and site = ''), one queue, one site, or one queue at one site; '' means "any", so the
-- key stays NOT NULL. A KPI without a row here uses the registry's default (analytics/core/targets.py).
CREATE TABLE IF NOT EXISTS targets (
    kpi_id  TEXT NOT NULL,
    queue   TEXT NOT NULL DEFAULT '',
    site    TEXT NOT NULL DEFAULT '',
    value   DOUBLE NOT NULL,
    set_by  TEXT NOT NULL,
    set_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    PRIMARY KEY (kpi_id, queue, site)
);

-- target_history: append-only audit of every change to `targets`. old_value NULL = the scope had no
-- target of its own (it used the default or a wider scope); new_value NULL = the target was removed.
CREATE SEQUENCE IF NOT EXISTS target_history_seq;
CREATE TABLE IF NOT EXISTS target_history (
    change_id  BIGINT PRIMARY KEY DEFAULT nextval('target_history_seq'),
    kpi_id     TEXT NOT NULL,
    queue      TEXT NOT NULL DEFAULT '',
    site       TEXT NOT NULL DEFAULT '',
    old_value  DOUBLE,
    new_value  DOUBLE,
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
