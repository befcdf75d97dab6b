-- organization_coach_span: agents per coach on the period's last day d (the KPI contract,
-- span_of_control per coach). Agents count when employed on d (hired_on <= d < left_on) and in scope.
-- Coaches employed on d are listed; with a supervisor filter only coaches of agents in scope are.
-- Parameters: $end (the day d), $sites, $supervisors (empty list = all).
WITH scoped_agents AS (
    SELECT agent_id, coach_id
    FROM agents
    WHERE role = 'agent'
      AND hired_on <= $end::DATE AND (left_on IS NULL OR left_on > $end::DATE)
      AND chosen(site, $sites)
      AND chosen(supervisor_id, $supervisors)
),
coaches AS (
    SELECT agent_id AS coach_id, name AS coach_name, site
    FROM agents
    WHERE role = 'coach'
      AND hired_on <= $end::DATE AND (left_on IS NULL OR left_on > $end::DATE)
)
SELECT
    c.coach_id,
    c.coach_name,
    c.site,
    count(a.agent_id) AS agents
FROM coaches c
LEFT JOIN scoped_agents a ON a.coach_id = c.coach_id
GROUP BY c.coach_id, c.coach_name, c.site
HAVING count(a.agent_id) > 0
    OR (len($supervisors::VARCHAR[]) = 0 AND chosen(c.site, $sites))
ORDER BY c.coach_id;
