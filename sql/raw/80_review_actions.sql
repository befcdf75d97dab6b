-- review_actions: what a review meeting decided — a note with an owner and a due date, saved with the
-- review period it was typed in (e.g. '2026-W46'), and ticked done at a later review.
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
