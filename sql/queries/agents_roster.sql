-- agents_roster: every person with role = agent, with team (supervisor), coach, site and employment
-- dates. The Agents scorecard joins the registry's per-agent KPIs onto it. No parameters.
SELECT
    agent_id,
    name,
    supervisor_id,
    supervisor_name,
    coach_id,
    coach_name,
    site,
    hired_on,
    left_on
FROM stg_agents
WHERE role = 'agent'
ORDER BY agent_id;
