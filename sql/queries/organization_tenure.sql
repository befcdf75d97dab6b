-- organization_tenure: the agents employed on the period's last day (hired_on <= d < left_on, as the
-- headcount KPI counts them) with their tenure in days on that day.
-- Parameters: $end (the day d), $sites, $supervisors (empty list = all).
SELECT
    agent_id,
    name,
    supervisor_id,
    supervisor_name,
    site,
    hired_on,
    date_diff('day', hired_on, $end::DATE) AS tenure_days
FROM stg_agents
WHERE role = 'agent'
  AND hired_on <= $end::DATE AND (left_on IS NULL OR left_on > $end::DATE)
  AND chosen(site, $sites)
  AND chosen(supervisor_id, $supervisors)
ORDER BY tenure_days DESC, agent_id;
