-- organization_chart: the org chart as rows manager → supervisor with the team's agent counts:
-- agents employed on the period's last day d, hires and leavers during the period, and coaches serving
-- the team. Supervisors employed on d, plus any supervisor who still has agents on d.
-- Parameters: $start, $end (= d; inclusive dates), $sites, $supervisors (empty list = all).
WITH team_agents AS (
    SELECT supervisor_id,
           count(*) FILTER (WHERE hired_on <= $end::DATE AND (left_on IS NULL OR left_on > $end::DATE)) AS agents,
           count(*) FILTER (WHERE hired_on BETWEEN $start::DATE AND $end::DATE)                          AS hires,
           count(*) FILTER (WHERE left_on BETWEEN $start::DATE AND $end::DATE)                           AS leavers,
           count(DISTINCT coach_id) FILTER (WHERE hired_on <= $end::DATE
                                              AND (left_on IS NULL OR left_on > $end::DATE))       AS coaches
    FROM agents
    WHERE role = 'agent' AND supervisor_id IS NOT NULL
      AND chosen(site, $sites)
    GROUP BY supervisor_id
)
SELECT
    s.supervisor_id                                   AS manager_id,
    m.name                                            AS manager_name,
    s.agent_id                                        AS supervisor_id,
    s.name                                            AS supervisor_name,
    s.site,
    coalesce(t.agents, 0)                             AS agents,
    coalesce(t.coaches, 0)                            AS coaches,
    coalesce(t.hires, 0)                              AS hires,
    coalesce(t.leavers, 0)                            AS leavers
FROM agents s
LEFT JOIN agents m ON m.agent_id = s.supervisor_id
LEFT JOIN team_agents t ON t.supervisor_id = s.agent_id
WHERE s.role = 'supervisor'
  AND ((s.hired_on <= $end::DATE AND (s.left_on IS NULL OR s.left_on > $end::DATE)) OR coalesce(t.agents, 0) > 0)
  AND chosen(s.agent_id, $supervisors)
  AND (len($sites::VARCHAR[]) = 0 OR list_contains($sites::VARCHAR[], s.site) OR coalesce(t.agents, 0) > 0)
ORDER BY manager_id NULLS LAST, supervisor_id;
