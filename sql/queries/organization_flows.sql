-- organization_flows: hires and leavers (agents only) per period, leavers split by exit type.
-- Composed by analytics/people/organization.py: {bucket} labels the event day `d` with its period; it is a
-- constant from analytics/core/periods.py, never user input. Everything chosen by the user is bound:
--   $start, $end (inclusive dates), $sites, $supervisors (empty list = all).
-- A period with no events has no row; the caller fills it with zeros. Counts match org_kpis.sql
-- (hires: hired_on in the period; leavers: left_on in the period).
WITH people AS (
    SELECT agent_id, hired_on, left_on, exit_type
    FROM agents
    WHERE role = 'agent'
      AND agent_id NOT IN (SELECT agent_id FROM placeholder_agents)  -- not yet real: not a hire
      AND chosen(site, $sites)
      AND chosen(supervisor_id, $supervisors)
),
events AS (
    SELECT hired_on AS d, 'hire' AS kind, NULL AS exit_type FROM people
    UNION ALL
    SELECT left_on AS d, 'leave' AS kind, exit_type FROM people WHERE left_on IS NOT NULL
)
SELECT
    {bucket}                                                              AS bucket,
    count(*) FILTER (WHERE kind = 'hire')                                  AS hires,
    count(*) FILTER (WHERE kind = 'leave')                                 AS leavers,
    count(*) FILTER (WHERE kind = 'leave' AND exit_type = 'voluntary')     AS voluntary_leavers,
    count(*) FILTER (WHERE kind = 'leave' AND exit_type = 'involuntary')   AS involuntary_leavers,
    count(*) FILTER (WHERE kind = 'leave' AND exit_type IS NULL)           AS unknown_exit_leavers
FROM events
WHERE d BETWEEN $start::DATE AND $end::DATE
GROUP BY bucket
ORDER BY bucket;
