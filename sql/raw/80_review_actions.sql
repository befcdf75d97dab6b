-- review_actions: what a review meeting decided — a note with an owner and a due date, saved with the
-- review period it was typed in (e.g. '2026-W46'), and ticked done at a later review.
-- team: the supervisor id the action is about (NULL = the whole center). A supervisor's team scope
-- (sql/security/team_scope_review_actions.sql) shows them their team's actions only; created_by is
-- the account that saved it (analytics/auth/rights.py decides who may).
CREATE SEQUENCE IF NOT EXISTS review_actions_seq START 1;
CREATE TABLE IF NOT EXISTS review_actions (
    action_id    BIGINT PRIMARY KEY DEFAULT nextval('review_actions_seq'),
    period_label TEXT NOT NULL,
    period_kind  TEXT NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter', 'year')),
    period_start DATE NOT NULL,
    note         TEXT NOT NULL,
    owner        TEXT,
    due_on       DATE,
    done         BOOLEAN NOT NULL DEFAULT false,
    created_at   TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    done_at      TIMESTAMP
);
-- warehouses built before teams and authors were recorded get the columns on their next write
ALTER TABLE review_actions ADD COLUMN IF NOT EXISTS team TEXT;
ALTER TABLE review_actions ADD COLUMN IF NOT EXISTS created_by TEXT;
