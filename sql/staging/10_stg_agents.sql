-- stg_agents: people with their team attributes resolved (supervisor and coach names).
CREATE OR REPLACE VIEW stg_agents AS
SELECT
    a.agent_id,
    a.name,
    a.role,
    a.site,
    a.supervisor_id,
    s.name AS supervisor_name,
    a.coach_id,
    c.name AS coach_name,
    a.hired_on,
    a.left_on,
    a.exit_type
FROM agents a
LEFT JOIN agents s ON s.agent_id = a.supervisor_id
LEFT JOIN agents c ON c.agent_id = a.coach_id;
