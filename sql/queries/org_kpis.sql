-- org_kpis: headcount, hires, leavers and attrition per period bucket and group, from agg_org_changes
-- (the organization's changes by day, per site and team: sql/marts/60_agg_org_changes.sql).
-- Composed by analytics/core/metrics.py: {day_bucket} labels a calendar day with its period (or 'all'),
-- {person_group} names the group a person counts in ('all', site, or team). Both are constants from the
-- code; everything the user chose arrives as bound parameters:
--   $start, $end (inclusive dates), $data_end (E, the latest arrival), $sites, $supervisors (lists).
-- Definitions: the KPI contract, Workforce. headcount counts role = 'agent' with
-- hired_on <= d < left_on on the period's last day d, in the team of the assignment valid on d. Early
-- attrition counts only hires old enough to have completed 90 days by E, in the numerator as well as the
-- denominator.
WITH
changes AS (
    SELECT {person_group} AS grp, site, team, d, agents_delta, supervisors_delta, hires, leavers,
           voluntary_leavers, early_leavers
    FROM agg_org_changes
    WHERE chosen(site, $sites) AND chosen(team, $supervisors) AND d <= CAST($end AS DATE)
),
-- each team's counts as runs of days [level_from, level_to): the running sum of its changes
levels AS (
    SELECT grp, d AS level_from, lead(d) OVER (PARTITION BY site, team ORDER BY d) AS level_to,
           sum(agents_delta) OVER running AS agents, sum(supervisors_delta) OVER running AS supervisors
    FROM changes
    WINDOW running AS (PARTITION BY site, team ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
calendar AS (
    SELECT CAST(t.d AS DATE) AS d, {day_bucket} AS bucket
    FROM range(CAST($start AS TIMESTAMP), CAST($end AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) AS t(d)
),
bounds AS (
    SELECT bucket, min(d) AS first_d, max(d) AS last_d, count(*) AS n_days FROM calendar GROUP BY bucket
),
-- every team has one run covering each day (its zero row on 0001-01-01 starts the first), so every
-- group has a count on every day of the period
daily AS (
    SELECT c.bucket, c.d, l.grp, sum(l.agents) AS agents, sum(l.supervisors) AS supervisors
    FROM calendar c
    JOIN levels l ON l.level_from <= c.d AND (l.level_to IS NULL OR c.d < l.level_to)
    GROUP BY c.bucket, c.d, l.grp
),
stock AS (
    SELECT dl.bucket, dl.grp, b.n_days,
           CAST(max(dl.agents) FILTER (WHERE dl.d = b.last_d) AS BIGINT)      AS headcount,
           CAST(max(dl.supervisors) FILTER (WHERE dl.d = b.last_d) AS BIGINT) AS supervisors_at_end,
           avg(dl.agents)                                                     AS mean_headcount
    FROM daily dl JOIN bounds b USING (bucket)
    GROUP BY dl.bucket, dl.grp, b.n_days
),
flows AS (
    SELECT b.bucket, c.grp,
           sum(c.hires)                                                          AS hires,
           sum(c.leavers)                                                        AS leavers,
           sum(c.voluntary_leavers)                                              AS voluntary_leavers,
           sum(c.hires) FILTER (WHERE c.d <= CAST($data_end AS DATE) - 90)         AS matured_hires,
           sum(c.early_leavers) FILTER (WHERE c.d <= CAST($data_end AS DATE) - 90) AS early_leavers
    FROM bounds b
    JOIN changes c ON c.d BETWEEN b.first_d AND b.last_d
    GROUP BY b.bucket, c.grp
),
counted AS (
    SELECT s.bucket, s.grp, s.n_days, s.headcount, s.mean_headcount, s.supervisors_at_end,
           CAST(coalesce(f.hires, 0) AS BIGINT)             AS hires,
           CAST(coalesce(f.leavers, 0) AS BIGINT)           AS leavers,
           CAST(coalesce(f.voluntary_leavers, 0) AS BIGINT) AS voluntary_leavers,
           coalesce(f.matured_hires, 0)                     AS matured_hires,
           coalesce(f.early_leavers, 0)                     AS early_leavers
    FROM stock s
    LEFT JOIN flows f ON f.bucket = s.bucket AND f.grp IS NOT DISTINCT FROM s.grp
)
SELECT
    bucket,
    grp,
    n_days,
    headcount,
    mean_headcount,
    hires,
    leavers,
    voluntary_leavers,
    100.0 * leavers / NULLIF(mean_headcount, 0) * 365 / n_days           AS attrition_rate_pct,
    100.0 * voluntary_leavers / NULLIF(mean_headcount, 0) * 365 / n_days AS voluntary_attrition_rate_pct,
    100.0 * early_leavers / NULLIF(matured_hires, 0)                     AS early_attrition_pct,
    headcount / NULLIF(supervisors_at_end, 0)                            AS span_of_control
FROM counted
ORDER BY bucket, grp;
