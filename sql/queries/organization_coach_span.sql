-- organization_coach_span: agents per coach on the period's last day d (kpi-definitions.md,
-- span_of_control per coach). Agents count when employed on d (hired_on <= d < left_on) and in scope.
-- Coaches employed on d are listed; with a supervisor filter only coaches of agents in scope are.
-- Parameters: $1 end (the day d), $2 sites, $3 supervisors (empty list = all).
WITH scoped_agents AS (
    SELECT agent_id, coach_id
    FROM agents
    WHERE role = 'agent'
      AND hired_on <= $1::DATE AND (left_on IS NULL OR left_on > $1::DATE)
      AND (len($2::VARCHAR[]) = 0 OR list_contains($2::VARCHAR[], site))
      AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], supervisor_id))
),
coaches AS (
    SELECT agent_id AS coach_id, name AS coach_name, site
    FROM agents
    WHERE role = 'coach'
      AND hired_on <= $1::DATE AND (left_on IS NULL OR left_on > $1::DATE)
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
    OR (len($3::VARCHAR[]) = 0 AND (len($2::VARCHAR[]) = 0 OR list_contains($2::VARCHAR[], c.site)))
ORDER BY c.coach_id;
