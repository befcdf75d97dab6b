-- assignments: where each person sat in the organization over time (contract, second edition).
-- [valid_from, valid_to): valid_to is exclusive, NULL = still valid; one person's periods never overlap.
-- Filled by `import --table assignments` (a history) and by agents imports that change someone's
-- supervisor, coach, site or role (the open period is closed on the import's date and a new one opened).
-- stg_agent_team_at_date reads it; a person without rows here sits where `agents` says, always.
CREATE TABLE IF NOT EXISTS assignments (
    agent_id      TEXT NOT NULL,
    valid_from    DATE NOT NULL,
    valid_to      DATE,
    supervisor_id TEXT,
    coach_id      TEXT,
    site          TEXT,
    role          TEXT CHECK (role IS NULL OR role IN ('agent', 'supervisor', 'coach', 'manager')),
    PRIMARY KEY (agent_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
