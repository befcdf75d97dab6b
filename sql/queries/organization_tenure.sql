-- organization_tenure: the agents employed on the period's last day (hired_on <= d < left_on, as the
-- headcount KPI counts them) with their tenure in days on that day.
-- Parameters: $1 end (the day d), $2 sites, $3 supervisors (empty list = all).
SELECT
    agent_id,
    name,
    supervisor_id,
    supervisor_name,
    site,
    hired_on,
    date_diff('day', hired_on, $1::DATE) AS tenure_days
FROM stg_agents
WHERE role = 'agent'
  AND hired_on <= $1::DATE AND (left_on IS NULL OR left_on > $1::DATE)
  AND (len($2::VARCHAR[]) = 0 OR list_contains($2::VARCHAR[], site))
  AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], supervisor_id))
ORDER BY tenure_days DESC, agent_id;
