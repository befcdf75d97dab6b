-- placeholder_agents: agents created by an import with --create-missing-agents (role agent, name = id,
-- hired_on = first date seen) whose real record has not arrived yet. They are left out of headcount,
-- hires and attrition until an agents import brings their record (which removes them from here), and
-- the Data page lists them.
CREATE TABLE IF NOT EXISTS placeholder_agents (
    agent_id   TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    file_name  TEXT NOT NULL,
    table_name TEXT NOT NULL
);
