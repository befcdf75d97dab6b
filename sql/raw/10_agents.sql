-- agents: everyone in the org chart (agents, supervisors, coaches, managers), one row per person.
CREATE TABLE IF NOT EXISTS agents (
    agent_id      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    supervisor_id TEXT,
    coach_id      TEXT,
    site          TEXT,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'coach', 'manager')),
    hired_on      DATE NOT NULL,
    left_on       DATE,
    exit_type     TEXT CHECK (exit_type IN ('voluntary', 'involuntary')),
    CHECK (left_on IS NULL OR left_on >= hired_on)
);
