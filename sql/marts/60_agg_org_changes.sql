-- agg_org_changes: the organization's changes by day, per site and team: agents and supervisors who
-- enter (+1) or leave (−1) headcount, and the hires, leavers, voluntary leavers and early leavers (left
-- within 90 days of the hire, counted on the hire's day) of that day. Every team also has a row of
-- zeros on 0001-01-01, so a running sum gives every team a count on every day, even a team nobody works
-- in. sql/queries/org_kpis.sql sums these rows per period instead of testing every person on every day.
-- Read from agents and stg_agent_team_at_date: a person counts in the team of the assignment valid on
-- the day (a hire in the one valid on hired_on, a leaver in the one valid on their last day in headcount).
-- The team of a supervisor's own row is the supervisor. Placeholders (created for unknown ids by an
-- import) count once their real record arrives. Small (one row per team and change day): rebuilt whole
-- by every refresh (analytics/core/marts.py), in the import's transaction.
WITH placed AS (
    SELECT a.agent_id, coalesce(t.role, a.role) AS role, t.site,
           CASE WHEN coalesce(t.role, a.role) = 'supervisor' THEN a.agent_id ELSE t.supervisor_id END AS team,
           a.hired_on, a.left_on, a.exit_type, t.valid_from, t.valid_to
    FROM agents a
    JOIN stg_agent_team_at_date t ON t.agent_id = a.agent_id
    WHERE a.agent_id NOT IN (SELECT agent_id FROM placeholder_agents)
      AND coalesce(t.role, a.role) IN ('agent', 'supervisor')
),
-- each person-interval is in headcount on the days a <= d < b: employed, and in that team
spans AS (
    SELECT site, team, role,
           greatest(hired_on, coalesce(valid_from, hired_on)) AS a,
           least(coalesce(left_on, DATE '9999-12-31'), coalesce(valid_to, DATE '9999-12-31')) AS b
    FROM placed
    WHERE hired_on IS NOT NULL
),
events AS (
    SELECT site, team, a AS d, CAST(role = 'agent' AS BIGINT) AS agents, CAST(role = 'supervisor' AS BIGINT) AS supervisors,
           0 AS hires, 0 AS leavers, 0 AS voluntary_leavers, 0 AS early_leavers
    FROM spans WHERE a < b
    UNION ALL
    SELECT site, team, b, -CAST(role = 'agent' AS BIGINT), -CAST(role = 'supervisor' AS BIGINT), 0, 0, 0, 0
    FROM spans WHERE a < b
    UNION ALL
    SELECT site, team, hired_on, 0, 0, 1, 0, 0, CAST(left_on <= hired_on + 90 AS INTEGER)
    FROM placed WHERE role = 'agent' AND hired_on IS NOT NULL AND team_valid_on(valid_from, valid_to, hired_on)
    UNION ALL
    SELECT site, team, left_on, 0, 0, 0, 1, CAST(exit_type = 'voluntary' AS INTEGER), 0
    FROM placed
    WHERE role = 'agent' AND left_on IS NOT NULL AND team_valid_on(valid_from, valid_to, greatest(hired_on, left_on - 1))
    UNION ALL
    SELECT DISTINCT site, team, DATE '0001-01-01', 0, 0, 0, 0, 0, 0 FROM placed
)
SELECT
    site,
    team,
    d,
    CAST(sum(agents) AS BIGINT)                       AS agents_delta,
    CAST(sum(supervisors) AS BIGINT)                  AS supervisors_delta,
    CAST(sum(hires) AS BIGINT)                        AS hires,
    CAST(sum(leavers) AS BIGINT)                      AS leavers,
    CAST(sum(voluntary_leavers) AS BIGINT)            AS voluntary_leavers,
    CAST(sum(coalesce(early_leavers, 0)) AS BIGINT)   AS early_leavers
FROM events
GROUP BY site, team, d
