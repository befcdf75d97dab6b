-- evaluations: QA evaluations of calls, by people (kind = 'human') or automated checks ('auto').
-- Automated checks evaluate every answered call, so this table is as long as calls: like call_id,
-- evaluation_id uniqueness is enforced by the import, not by an index (it would cost gigabytes).
CREATE TABLE IF NOT EXISTS evaluations (
    evaluation_id TEXT NOT NULL,
    call_id       TEXT,
    agent_id      TEXT NOT NULL,
    evaluator_id  TEXT NOT NULL,
    evaluated_at  TIMESTAMP NOT NULL,
    score         DOUBLE NOT NULL CHECK (score BETWEEN 0 AND 100),
    kind          TEXT NOT NULL DEFAULT 'human' CHECK (kind IN ('human', 'auto'))
);

-- evaluation_items: per-criterion scores of an evaluation, in long form (one row per criterion).
CREATE TABLE IF NOT EXISTS evaluation_items (
    evaluation_id TEXT NOT NULL,
    criterion     TEXT NOT NULL,
    score         DOUBLE NOT NULL CHECK (score BETWEEN 0 AND 100),
    PRIMARY KEY (evaluation_id, criterion)
);
