-- org_kpis: headcount, hires, leavers and attrition per period bucket and group, read from agents and
-- stg_agent_team_at_date.
-- Composed by analytics/core/metrics.py: {day_bucket} labels a calendar day with its period (or 'all'),
-- {person_group} names the group a person counts in ('all', site, or supervisor). Both are constants
-- from the code; everything the user chose arrives as bound parameters:
--   $start, $end (inclusive dates), $data_end (E, the latest arrival), $sites, $supervisors (lists).
-- Definitions: the KPI contract, Workforce. headcount counts role = 'agent' with
-- hired_on <= d < left_on on the period's last day d. Early attrition counts only hires old enough to
-- have completed 90 days by E, in the numerator as well as the denominator.
WITH
days AS (
    SELECT CAST(t.d AS DATE) AS d
    FROM range(CAST($start AS TIMESTAMP), CAST($end AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) AS t(d)
),
-- A person's team on a date comes from stg_agent_team_at_date (one row per person and validity interval):
-- `placed` flattens person and interval, `people` keeps the intervals whose team is in the filter and
-- names their group. Headcount counts a person on day d in the group of the interval valid on d; a hire
-- in the group valid on hired_on; a leaver in the group of their last day in headcount.
placed AS (
    SELECT a.agent_id, coalesce(t.role, a.role) AS role, t.site, t.supervisor_id, t.coach_id,
           a.hired_on, a.left_on, a.exit_type, t.valid_from, t.valid_to
    FROM agents a
    JOIN stg_agent_team_at_date t ON t.agent_id = a.agent_id
    -- placeholders (created for unknown ids by an import) count once their real record arrives
    WHERE a.agent_id NOT IN (SELECT agent_id FROM placeholder_agents)
),
people AS (
    SELECT agent_id, role, hired_on, left_on, exit_type, valid_from, valid_to, {person_group} AS grp
    FROM placed
    WHERE role IN ('agent', 'supervisor')
      AND chosen(site, $sites)
      AND chosen(CASE WHEN role = 'supervisor' THEN agent_id ELSE supervisor_id END, $supervisors)
),
calendar AS (SELECT d, {day_bucket} AS bucket FROM days),
bounds AS (
    SELECT bucket, min(d) AS first_d, max(d) AS last_d, count(*) AS n_days FROM calendar GROUP BY bucket
),
groups AS (SELECT DISTINCT grp FROM people),
-- Headcount per day without joining every day to every person: each person-interval is counted on
-- the days a <= d < b (employed and in that team), clipped to the period; +1 at a and -1 at b, summed
-- over the days in order, give the same counts as testing every person on every day, in time
-- proportional to days + people rather than days x people (the large center's two-year trend).
spans AS (
    SELECT grp, role,
           greatest(hired_on, coalesce(valid_from, hired_on), CAST($start AS DATE)) AS a,
           least(coalesce(left_on, DATE '9999-12-31'), coalesce(valid_to, DATE '9999-12-31'),
                 CAST($end AS DATE) + 1) AS b
    FROM people
    WHERE hired_on IS NOT NULL
),
deltas AS (
    SELECT grp, d, sum(agent_step) AS agent_step, sum(supervisor_step) AS supervisor_step
    FROM (
        SELECT grp, a AS d, CAST(role = 'agent' AS INTEGER) AS agent_step,
               CAST(role = 'supervisor' AS INTEGER) AS supervisor_step
        FROM spans WHERE a < b
        UNION ALL
        SELECT grp, b AS d, -CAST(role = 'agent' AS INTEGER), -CAST(role = 'supervisor' AS INTEGER)
        FROM spans WHERE a < b
    ) AS steps
    GROUP BY grp, d
),
daily AS (
    SELECT c.bucket, c.d, g.grp,
           CAST(sum(coalesce(x.agent_step, 0)) OVER running AS BIGINT)      AS agents,
           CAST(sum(coalesce(x.supervisor_step, 0)) OVER running AS BIGINT) AS supervisors
    FROM calendar c
    CROSS JOIN groups g
    LEFT JOIN deltas x ON x.grp IS NOT DISTINCT FROM g.grp AND x.d = c.d
    WINDOW running AS (PARTITION BY g.grp ORDER BY c.d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
stock AS (
    SELECT dl.bucket, dl.grp, b.n_days,
           max(dl.agents)      FILTER (WHERE dl.d = b.last_d) AS headcount,
           max(dl.supervisors) FILTER (WHERE dl.d = b.last_d) AS supervisors_at_end,
           avg(dl.agents)                                     AS mean_headcount
    FROM daily dl JOIN bounds b USING (bucket)
    GROUP BY dl.bucket, dl.grp, b.n_days
),
flows AS (
    SELECT b.bucket, g.grp,
           count(p.agent_id) FILTER (WHERE p.hired_on BETWEEN b.first_d AND b.last_d AND p.at_hire) AS hires,
           count(p.agent_id) FILTER (WHERE p.left_on BETWEEN b.first_d AND b.last_d AND p.at_exit) AS leavers,
           count(p.agent_id) FILTER (WHERE p.left_on BETWEEN b.first_d AND b.last_d AND p.at_exit
                                       AND p.exit_type = 'voluntary') AS voluntary_leavers,
           count(p.agent_id) FILTER (WHERE p.hired_on BETWEEN b.first_d AND b.last_d AND p.at_hire
                                       AND p.hired_on <= CAST($data_end AS DATE) - 90) AS matured_hires,
           count(p.agent_id) FILTER (WHERE p.hired_on BETWEEN b.first_d AND b.last_d AND p.at_hire
                                       AND p.hired_on <= CAST($data_end AS DATE) - 90
                                       AND p.left_on <= p.hired_on + 90) AS early_leavers
    FROM bounds b
    CROSS JOIN groups g
    LEFT JOIN (
        SELECT *,
               team_valid_on(valid_from, valid_to, hired_on) AS at_hire,
               team_valid_on(valid_from, valid_to, greatest(hired_on, left_on - 1)) AS at_exit
        FROM people WHERE role = 'agent'
    ) p ON p.grp IS NOT DISTINCT FROM g.grp
    GROUP BY b.bucket, g.grp
)
SELECT
    s.bucket,
    s.grp,
    s.n_days,
    s.headcount,
    s.mean_headcount,
    f.hires,
    f.leavers,
    f.voluntary_leavers,
    100.0 * f.leavers / NULLIF(s.mean_headcount, 0) * 365 / s.n_days           AS attrition_rate_pct,
    100.0 * f.voluntary_leavers / NULLIF(s.mean_headcount, 0) * 365 / s.n_days AS voluntary_attrition_rate_pct,
    100.0 * f.early_leavers / NULLIF(f.matured_hires, 0)                        AS early_attrition_pct,
    s.headcount / NULLIF(s.supervisors_at_end, 0)                               AS span_of_control
FROM stock s
JOIN flows f USING (bucket, grp)
ORDER BY s.bucket, s.grp;
