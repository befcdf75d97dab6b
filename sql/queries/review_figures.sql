-- The figures of the weekly review for one KPI source, in one pass over the table of the source: the
-- period (cur_start to cur_end), the one before it (prev_start, prev_end) and the same period a year
-- earlier (ly_start, ly_end; inclusive dates; periods of one kind are equal or disjoint, and an equal
-- one is read once), each grouped as
--   total       the period as a whole, with the daily stats of the over-dispersion φ (__days, __q)
--   queue       by queue (the highlights' decomposition, the queue table)
--   block       by weekday × 2-hour block of arrival (the highlights' time-of-day drivers)
--   trend       by the trend grain's period label
--   supervisor, agent   the team and agent rankings
-- A grouping whose key the table does not have (its key part is NULL) gives one row with a
-- NULL key, which analytics/review/figures.py drops.
-- Parts (composed by analytics/review/figures.py, never user input): table and its time column
-- time; the key expressions; measures, the registry's KPI expressions with their numerators and
-- denominators (analytics/core/metrics.measure_columns); daily_inner/daily_outer, the same daily
-- stats metrics.compute(with_stats=True) gives.
WITH tagged AS (
    SELECT
        t.*,
        CASE WHEN in_days(t.{time}, $cur_start, $cur_end) THEN 'cur'
             WHEN in_days(t.{time}, $prev_start, $prev_end) THEN 'prev'
             ELSE 'ly' END            AS __period,
        CAST(t.{time} AS DATE)        AS __day,
        {queue}                       AS __queue,
        {weekday}                     AS __weekday,
        {block}                       AS __block,
        {bucket}                      AS __bucket,
        {supervisor}                  AS __supervisor,
        {agent}                       AS __agent
    FROM {table} t
    WHERE in_days(t.{time}, $cur_start, $cur_end)
       OR in_days(t.{time}, $prev_start, $prev_end)
       OR in_days(t.{time}, $ly_start, $ly_end)
),
grouped AS (
    SELECT
        __period AS period,
        CASE WHEN GROUPING(__queue) = 0 THEN 'queue'
             WHEN GROUPING(__weekday) = 0 THEN 'block'
             WHEN GROUPING(__bucket) = 0 THEN 'trend'
             WHEN GROUPING(__supervisor) = 0 THEN 'supervisor'
             WHEN GROUPING(__agent) = 0 THEN 'agent'
             ELSE 'total' END AS grouping,
        __queue AS queue, __weekday AS weekday, __block AS block, __bucket AS bucket,
        __supervisor AS supervisor, __agent AS agent,
        {measures}
    FROM tagged
    GROUP BY GROUPING SETS ((__period), (__period, __queue), (__period, __weekday, __block),
                            (__period, __bucket), (__period, __supervisor), (__period, __agent))
),
daily AS (
    SELECT __period, __day, {daily_inner}
    FROM tagged
    GROUP BY __period, __day
),
daily_stats AS (
    SELECT __period, {daily_outer}
    FROM daily
    GROUP BY __period
)
SELECT g.*, d.* EXCLUDE (__period)
FROM grouped g
LEFT JOIN daily_stats d ON d.__period = g.period AND g.grouping = 'total'
