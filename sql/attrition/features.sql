-- attrition features: one row per active agent (role = 'agent') × calendar month-end, built on demand
-- by analytics.attrition.features (never by refresh_marts). Reads only the canonical tables, never the
-- truth schema. Every input is filtered to what was known on the month-end (calls and shifts by date,
-- evaluations by evaluated_at, surveys by answered_at), so a month's row cannot see its future; only
-- the label looks ahead. Parameters: ? only_month_end (DATE or NULL = every month-end), bound twice.
-- Team features read the team of the date (stg_agent_team_at_date: org-chart history), never today's.
WITH
bounds AS (
    SELECT least(min(d0), max(d1)) AS data_start, max(d1) AS data_end
    FROM (SELECT min(arrived_at)::DATE AS d0, max(arrived_at)::DATE AS d1 FROM calls
          UNION ALL SELECT min(date), max(date) FROM shifts)
),
month_ends AS (
    SELECT (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS month_end
    FROM bounds, range(date_trunc('month', data_start), data_end + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)
),
chosen AS (
    SELECT me.month_end, b.data_end
    FROM month_ends me CROSS JOIN bounds b
    WHERE me.month_end <= b.data_end
      AND (?::DATE IS NULL OR me.month_end = ?::DATE)
),
span AS (
    -- the days any chosen month-end looks back on; lets a one-month scoring run skip older rows
    SELECT min(month_end) - 365 AS lo, max(month_end) AS hi FROM chosen
),
panel AS (
    -- the team and site of the assignment valid at the month-end (org-chart history), not today's
    SELECT a.agent_id, coalesce(t.supervisor_id, a.supervisor_id) AS supervisor_id,
           coalesce(t.site, a.site) AS site, a.hired_on, c.month_end, c.data_end,
           CASE WHEN c.month_end + 90 > c.data_end THEN NULL  -- window not fully observed: unlabeled
                WHEN a.exit_type = 'voluntary' AND a.left_on > c.month_end
                     AND a.left_on <= c.month_end + 90 THEN 1
                ELSE 0 END AS label
    FROM agents a JOIN chosen c ON a.hired_on <= c.month_end
                               AND (a.left_on IS NULL OR a.left_on > c.month_end)
    LEFT JOIN stg_agent_team_at_date t
           ON t.agent_id = a.agent_id AND team_valid_on(t.valid_from, t.valid_to, c.month_end)
    WHERE a.role = 'agent'
      AND a.agent_id NOT IN (SELECT agent_id FROM placeholder_agents)  -- not yet a real record
),
call_days AS (
    SELECT agent_id, arrived_at::DATE AS d, queue, count(*) AS answered,
           sum(talk_s + coalesce(hold_s, 0) + coalesce(acw_s, 0)) AS handle_s,
           sum(coalesce(transferred, false)::INT) AS transferred
    FROM calls, span
    WHERE outcome = 'answered' AND arrived_at >= span.lo AND arrived_at < span.hi + 1
    GROUP BY ALL
),
survey_days AS (
    SELECT c.agent_id, coalesce(s.answered_at, c.arrived_at)::DATE AS d, count(*) AS n, sum(s.csat) AS csat_sum
    FROM surveys s JOIN calls c ON c.call_id = s.call_id, span
    WHERE s.csat IS NOT NULL AND c.agent_id IS NOT NULL
      AND c.arrived_at >= span.lo - 7 AND c.arrived_at < span.hi + 1  -- a survey comes hours after its call
    GROUP BY ALL
),
auto_days AS (
    -- automated QA scores every answered call: a far steadier read of call quality than ~4% human reviews
    SELECT agent_id, evaluated_at::DATE AS d, count(*) AS n, sum(score) AS score_sum
    FROM evaluations, span
    WHERE kind = 'auto' AND evaluated_at >= span.lo - 1 AND evaluated_at < span.hi + 1
    GROUP BY ALL
),
queue_days AS (
    SELECT queue, arrived_at::DATE AS d, count(*) AS offered
    FROM calls, span WHERE arrived_at >= span.lo AND arrived_at < span.hi + 1
    GROUP BY ALL
),
eval_days AS (
    SELECT agent_id, evaluated_at::DATE AS d, count(*) AS n, sum(score) AS score_sum
    FROM evaluations, span
    WHERE kind = 'human' AND evaluated_at >= span.lo AND evaluated_at < span.hi + 1
    GROUP BY ALL
),
shift_win AS (
    SELECT p.agent_id, p.month_end,
           count(*) FILTER (WHERE sh.date > p.month_end - 30)                      AS shifts_30d,
           count(*) FILTER (WHERE sh.absent AND sh.date > p.month_end - 30)        AS absences_30d,
           count(*) FILTER (WHERE sh.absent AND sh.date > p.month_end - 60)        AS absences_60d,
           count(*) FILTER (WHERE sh.absent AND sh.date > p.month_end - 90)        AS absences_90d,
           count(*) FILTER (WHERE sh.date > p.month_end - 90)                      AS shifts_90d,
           100.0 * count(*) FILTER (WHERE sh.absent) / count(*)                    AS absence_rate_180d,
           count(*) FILTER (WHERE sh.absent AND sh.date <= p.month_end - 30 AND sh.date > p.month_end - 90) AS absences_prev60d,
           count(*) FILTER (WHERE sh.date <= p.month_end - 30 AND sh.date > p.month_end - 90)               AS shifts_prev60d,
           sum(CASE WHEN NOT sh.absent THEN sh.logged_in_s ELSE 0 END) FILTER (WHERE sh.date > p.month_end - 30) AS logged_30d,
           sum(sh.adherent_s) FILTER (WHERE sh.date > p.month_end - 30 AND sh.adherent_s IS NOT NULL)  AS adherent_30d,
           sum(sh.scheduled_s) FILTER (WHERE sh.date > p.month_end - 30 AND sh.adherent_s IS NOT NULL) AS sched_adh_30d,
           sum(sh.adherent_s) FILTER (WHERE sh.date <= p.month_end - 30 AND sh.date > p.month_end - 90 AND sh.adherent_s IS NOT NULL)  AS adherent_prev60d,
           sum(sh.scheduled_s) FILTER (WHERE sh.date <= p.month_end - 30 AND sh.date > p.month_end - 90 AND sh.adherent_s IS NOT NULL) AS sched_adh_prev60d
    FROM panel p JOIN shifts sh ON sh.agent_id = p.agent_id
                               AND sh.date > p.month_end - 180 AND sh.date <= p.month_end
    GROUP BY p.agent_id, p.month_end
),
call_win AS (
    SELECT p.agent_id, p.month_end,
           sum(cd.answered)    FILTER (WHERE cd.d > p.month_end - 30)  AS answered_30d,
           sum(cd.handle_s)    FILTER (WHERE cd.d > p.month_end - 30)  AS handle_30d,
           sum(cd.transferred) FILTER (WHERE cd.d > p.month_end - 30)  AS transferred_30d,
           sum(cd.answered)    FILTER (WHERE cd.d <= p.month_end - 30) AS answered_prev60d,
           sum(cd.handle_s)    FILTER (WHERE cd.d <= p.month_end - 30) AS handle_prev60d
    FROM panel p JOIN call_days cd ON cd.agent_id = p.agent_id
                                  AND cd.d > p.month_end - 90 AND cd.d <= p.month_end
    GROUP BY p.agent_id, p.month_end
),
eval_win AS (
    SELECT p.agent_id, p.month_end,
           sum(e.n)                                                       AS evaluations_90d,
           sum(e.score_sum) / nullif(sum(e.n), 0)                         AS qa_90d,
           sum(e.score_sum) FILTER (WHERE e.d > p.month_end - 30)
             / nullif(sum(e.n) FILTER (WHERE e.d > p.month_end - 30), 0)  AS qa_30d,
           sum(e.score_sum) FILTER (WHERE e.d <= p.month_end - 30)
             / nullif(sum(e.n) FILTER (WHERE e.d <= p.month_end - 30), 0) AS qa_prev60d
    FROM panel p JOIN eval_days e ON e.agent_id = p.agent_id
                                 AND e.d > p.month_end - 90 AND e.d <= p.month_end
    GROUP BY p.agent_id, p.month_end
),
auto_win AS (
    SELECT p.agent_id, p.month_end,
           sum(a.score_sum) FILTER (WHERE a.d > p.month_end - 30)
             / nullif(sum(a.n) FILTER (WHERE a.d > p.month_end - 30), 0)  AS auto_qa_30d,
           sum(a.score_sum) FILTER (WHERE a.d > p.month_end - 90)
             / nullif(sum(a.n) FILTER (WHERE a.d > p.month_end - 90), 0)  AS auto_qa_90d,
           sum(a.score_sum) FILTER (WHERE a.d <= p.month_end - 30 AND a.d > p.month_end - 90)
             / nullif(sum(a.n) FILTER (WHERE a.d <= p.month_end - 30 AND a.d > p.month_end - 90), 0) AS auto_qa_prev60d,
           sum(a.score_sum) / nullif(sum(a.n), 0)                        AS auto_qa_365d
    FROM panel p JOIN auto_days a ON a.agent_id = p.agent_id
                                 AND a.d > p.month_end - 365 AND a.d <= p.month_end
    GROUP BY p.agent_id, p.month_end
),
absence_long AS (
    -- a person's usual absence level (a year) and a recency-weighted one (weight 0.75 per month back)
    SELECT p.agent_id, p.month_end,
           count(*) FILTER (WHERE sh.absent)                                       AS absences_365d,
           count(*)                                                                AS shifts_365d,
           sum(sh.adherent_s) FILTER (WHERE sh.adherent_s IS NOT NULL)               AS adherent_365d,
           sum(sh.scheduled_s) FILTER (WHERE sh.adherent_s IS NOT NULL)              AS sched_adh_365d,
           sum(sh.absent::INT * pow(0.75, (p.month_end - sh.date) / 30.0))         AS absences_weighted,
           sum(pow(0.75, (p.month_end - sh.date) / 30.0))                          AS shifts_weighted
    FROM panel p JOIN shifts sh ON sh.agent_id = p.agent_id
                               AND sh.date > p.month_end - 365 AND sh.date <= p.month_end
    GROUP BY p.agent_id, p.month_end
),
center_absence AS (
    SELECT month_end, sum(absences_365d) / nullif(sum(shifts_365d), 0) AS rate FROM absence_long GROUP BY month_end
),
month_list AS (
    SELECT DISTINCT month_end FROM chosen
),
agent_queue AS (
    -- the line an agent answers (most calls in the year up to the month-end); agents carry no queue
    SELECT month_end, agent_id, arg_max(queue, answered) AS queue
    FROM (SELECT m.month_end, cd.agent_id, cd.queue, sum(cd.answered) AS answered
          FROM month_list m JOIN call_days cd ON cd.d > m.month_end - 365 AND cd.d <= m.month_end
          GROUP BY ALL)
    GROUP BY ALL
),
team_history AS (
    -- each supervisor's voluntary exits per agent-year over the past year and the whole record: an exit
    -- counts in the team the agent was in on their last day, an agent-day in the team of that day (an
    -- agent who moved counts in both teams, each for its own time); only what was on file at the month-end
    SELECT m.month_end, t.supervisor_id,
           count(*) FILTER (WHERE a.exit_type = 'voluntary' AND a.left_on > m.month_end - 365
                                  AND a.left_on <= m.month_end
                                  AND team_valid_on(t.valid_from, t.valid_to, a.left_on - 1))      AS vol_exits_365d,
           sum(greatest(0, least(coalesce(a.left_on, m.month_end + 1), m.month_end + 1, coalesce(t.valid_to, m.month_end + 1))
                           - greatest(a.hired_on, m.month_end - 364, coalesce(t.valid_from, a.hired_on)))) / 365.0 AS agent_years_365d,
           count(*) FILTER (WHERE a.exit_type = 'voluntary' AND a.left_on <= m.month_end
                                  AND team_valid_on(t.valid_from, t.valid_to, a.left_on - 1))      AS vol_exits_all,
           sum(greatest(0, least(coalesce(a.left_on, m.month_end + 1), m.month_end + 1, coalesce(t.valid_to, m.month_end + 1))
                           - greatest(a.hired_on, b.data_start, coalesce(t.valid_from, a.hired_on)))) / 365.0 AS agent_years_all
    FROM month_list m CROSS JOIN bounds b
    JOIN agents a ON a.role = 'agent' AND a.hired_on <= m.month_end
    JOIN stg_agent_team_at_date t ON t.agent_id = a.agent_id
                                 AND (t.valid_from IS NULL OR t.valid_from <= m.month_end)
    GROUP BY ALL
),
team_shift_record AS (
    -- each supervisor's absences and adherence over the whole record up to the month-end, every shift
    -- in the team of its date: a struggling supervisor's team is absent more and off schedule more, year in, year out
    SELECT m.month_end, s.supervisor_id, sum(s.m_absent) AS absences, count(*) AS shifts,
           sum(s.m_adherent_s) AS adherent_s, sum(s.m_scheduled_adherence_known_s) AS sched_adh_s
    FROM month_list m JOIN stg_shifts s ON s.date <= m.month_end
    JOIN agents a ON a.agent_id = s.agent_id AND a.role = 'agent'
    GROUP BY ALL
),
center_shift_record AS (
    SELECT month_end, sum(absences) / nullif(sum(shifts), 0) AS rate,
           sum(adherent_s) / nullif(sum(sched_adh_s), 0) AS adherence
    FROM team_shift_record GROUP BY month_end
),
absence_all AS (
    -- an agent's absences over every shift of their tenure up to the month-end (the person's own level)
    SELECT p.agent_id, p.month_end, count(*) FILTER (WHERE sh.absent) AS absences, count(*) AS shifts
    FROM panel p JOIN shifts sh ON sh.agent_id = p.agent_id AND sh.date <= p.month_end
    GROUP BY ALL
),
center_history AS (
    SELECT month_end, sum(vol_exits_365d) / nullif(sum(agent_years_365d), 0) AS rate_365d,
           sum(vol_exits_all) / nullif(sum(agent_years_all), 0) AS rate_all
    FROM team_history GROUP BY month_end
),
team_seats AS (
    SELECT m.month_end, a.supervisor_id, max(n) AS team_seats
    FROM (SELECT m.month_end, a.supervisor_id, k.k, count(*) AS n
          FROM month_list m CROSS JOIN (SELECT range::INT AS k FROM range(0, 12)) k
          JOIN agents a ON a.role = 'agent' AND a.hired_on <= m.month_end - 30 * k.k
                       AND (a.left_on IS NULL OR a.left_on > m.month_end - 30 * k.k)
          GROUP BY ALL) a JOIN month_list m USING (month_end)
    GROUP BY ALL
),
queue_heads AS (
    -- agents on each line at each of the last 12 month-ends: now vs the line's full strength
    SELECT m.month_end, q.queue,
           count(*) FILTER (WHERE k.k = 0) AS active_now,
           count(*) / 12.0 AS active_avg
    FROM month_list m CROSS JOIN (SELECT range::INT AS k FROM range(0, 12)) k
    JOIN agents a ON a.role = 'agent' AND a.hired_on <= m.month_end - 30 * k.k
                 AND (a.left_on IS NULL OR a.left_on > m.month_end - 30 * k.k)
    JOIN agent_queue q ON q.agent_id = a.agent_id AND q.month_end = m.month_end
    GROUP BY ALL
),
queue_load AS (
    SELECT m.month_end, qd.queue,
           sum(qd.offered) FILTER (WHERE qd.d > m.month_end - 30) / 30.0 AS offered_day_30d,
           sum(qd.offered) / nullif(count(DISTINCT qd.d), 0)             AS offered_day_365d
    FROM month_list m JOIN queue_days qd ON qd.d > m.month_end - 365 AND qd.d <= m.month_end
    GROUP BY ALL
),
queue_pressure AS (
    -- calls per agent on the line in the last 30 days, relative to the line's usual calls per agent
    SELECT l.month_end, l.queue,
           (l.offered_day_30d / nullif(h.active_now, 0)) / nullif(l.offered_day_365d / nullif(h.active_avg, 0), 0) AS queue_pressure_30d,
           h.active_avg / nullif(h.active_now, 0) AS queue_staffing_gap
    FROM queue_load l JOIN queue_heads h USING (month_end, queue)
),
survey_win AS (
    SELECT p.agent_id, p.month_end, sum(s.n) AS surveys_90d, sum(s.csat_sum) / nullif(sum(s.n), 0) AS csat_90d
    FROM panel p JOIN survey_days s ON s.agent_id = p.agent_id
                                   AND s.d > p.month_end - 90 AND s.d <= p.month_end
    GROUP BY p.agent_id, p.month_end
),
team AS (
    SELECT p.supervisor_id, p.month_end, count(*) AS span_of_control
    FROM panel p GROUP BY ALL
),
team_exits AS (
    SELECT t.supervisor_id, t.month_end,
           count(a.agent_id) FILTER (WHERE a.left_on > t.month_end - 90)  AS team_exits_90d,
           count(a.agent_id) FILTER (WHERE a.left_on > t.month_end - 180) AS team_exits_180d,
           count(a.agent_id)                                              AS team_exits_365d
    FROM team t LEFT JOIN agents a ON a.supervisor_id = t.supervisor_id AND a.role = 'agent'
                                  AND a.left_on > t.month_end - 365 AND a.left_on <= t.month_end
    GROUP BY ALL
),
wide AS (
    SELECT
        p.agent_id, p.month_end, p.supervisor_id, p.site,
        (p.month_end - p.hired_on)                                         AS tenure_days,
        CASE WHEN p.month_end - p.hired_on < 90 THEN '0-3 months'
             WHEN p.month_end - p.hired_on < 180 THEN '3-6 months'
             WHEN p.month_end - p.hired_on < 365 THEN '6-12 months'
             WHEN p.month_end - p.hired_on < 730 THEN '1-2 years'
             ELSE '2+ years' END                                           AS tenure_band,
        (p.month_end - p.hired_on < 90)::INT                               AS tenure_under_90d,
        (p.month_end - p.hired_on >= 90 AND p.month_end - p.hired_on < 180)::INT AS tenure_90_180d,
        coalesce(cw.answered_30d, 0)                                       AS answered_30d,
        100.0 * cw.handle_30d / nullif(sw.logged_30d, 0)                   AS occupancy_30d,
        cw.handle_30d / nullif(cw.answered_30d, 0)                         AS aht_30d,
        cw.handle_30d / nullif(cw.answered_30d, 0)
          - cw.handle_prev60d / nullif(cw.answered_prev60d, 0)             AS aht_trend,
        100.0 * cw.transferred_30d / nullif(cw.answered_30d, 0)            AS transfer_rate_30d,
        ew.qa_90d,
        ew.qa_30d - ew.qa_prev60d                                          AS qa_trend,
        coalesce(ew.evaluations_90d, 0)                                    AS coaching_90d,
        coalesce(sw.absences_30d, 0)                                       AS absences_30d,
        coalesce(sw.absences_60d, 0)                                       AS absences_60d,
        coalesce(sw.absences_90d, 0)                                       AS absences_90d,
        100.0 * sw.absences_30d / nullif(sw.shifts_30d, 0)
          - 100.0 * sw.absences_prev60d / nullif(sw.shifts_prev60d, 0)     AS absence_rate_trend,
        100.0 * sw.adherent_30d / nullif(sw.sched_adh_30d, 0)              AS adherence_30d,
        100.0 * sw.adherent_30d / nullif(sw.sched_adh_30d, 0)
          - 100.0 * sw.adherent_prev60d / nullif(sw.sched_adh_prev60d, 0)  AS adherence_trend,
        sv.csat_90d,
        aw.auto_qa_30d,
        aw.auto_qa_90d,
        aw.auto_qa_30d - aw.auto_qa_prev60d                                AS auto_qa_trend,
        aw.auto_qa_365d,
        aw.auto_qa_30d - aw.auto_qa_365d                                   AS auto_qa_vs_year,
        exp(-(p.month_end - p.hired_on) / 60.0)                            AS learning_curve,
        100.0 * al.absences_365d / nullif(al.shifts_365d, 0)                AS absence_rate_365d,
        -- steadied toward the center's rate with the weight of ~115 shifts (half a year): a new
        -- hire's two absences say little, a year of them says much
        100.0 * (coalesce(al.absences_365d, 0) + 115 * ca.rate) / (coalesce(al.shifts_365d, 0) + 115)         AS absence_rate_steady,
        100.0 * (coalesce(al.absences_weighted, 0) + 115 * ca.rate) / (coalesce(al.shifts_weighted, 0) + 115) AS absence_rate_recent,
        -- log-odds of the whole-tenure absence rate, steadied toward the center's with ~115 shifts: the
        -- scale on which a person's usual absence and their risk of leaving move together
        ln((coalesce(aa.absences, 0) + 115 * ca.rate) / (coalesce(aa.shifts, 0) + 115)
           / (1 - (coalesce(aa.absences, 0) + 115 * ca.rate) / (coalesce(aa.shifts, 0) + 115)))       AS absence_logodds_tenure,
        -- steadied toward the center's with ~1,000 shifts (half a year of a ten-agent team)
        100.0 * (tab.absences + 1000 * cta.rate) / (tab.shifts + 1000)       AS team_absence_rate_all,
        -- a person's usual adherence (a year) against which a month's slip shows; the team's over its
        -- whole record (both steadied like the absence rates: ~115 and ~1,000 eight-hour shifts)
        100.0 * (coalesce(al.adherent_365d, 0) + 115 * 28800 * cta.adherence)
          / (coalesce(al.sched_adh_365d, 0) + 115 * 28800)                   AS adherence_365d,
        100.0 * (coalesce(tab.adherent_s, 0) + 1000 * 28800 * cta.adherence)
          / (coalesce(tab.sched_adh_s, 0) + 1000 * 28800)                    AS team_adherence_all,
        (th.vol_exits_365d + 2 * ch.rate_365d) / (th.agent_years_365d + 2) AS team_vol_exit_rate_365d,
        (th.vol_exits_all + 2 * ch.rate_all) / (th.agent_years_all + 2)    AS team_vol_exit_rate_all,
        ts.team_seats,
        qp.queue_pressure_30d,
        qp.queue_staffing_gap,
        t.span_of_control,
        coalesce(te.team_exits_90d, 0)                                     AS team_exits_90d,
        coalesce(te.team_exits_180d, 0)                                    AS team_exits_180d,
        coalesce(te.team_exits_365d, 0)                                    AS team_exits_365d,
        sw.absence_rate_180d,
        100.0 * cw.handle_30d / nullif(sw.logged_30d, 0)                   AS _occ,
        100.0 * sw.absences_90d / nullif(sw.shifts_90d, 0)                 AS _abs_rate_90d,
        p.label
    FROM panel p
    LEFT JOIN shift_win sw  USING (agent_id, month_end)
    LEFT JOIN call_win cw   USING (agent_id, month_end)
    LEFT JOIN eval_win ew   USING (agent_id, month_end)
    LEFT JOIN survey_win sv USING (agent_id, month_end)
    LEFT JOIN auto_win aw   USING (agent_id, month_end)
    LEFT JOIN absence_long al USING (agent_id, month_end)
    LEFT JOIN center_absence ca ON ca.month_end = p.month_end
    LEFT JOIN absence_all aa USING (agent_id, month_end)
    LEFT JOIN team_shift_record tab ON tab.supervisor_id IS NOT DISTINCT FROM p.supervisor_id AND tab.month_end = p.month_end
    LEFT JOIN center_shift_record cta ON cta.month_end = p.month_end
    LEFT JOIN team_history th ON th.supervisor_id IS NOT DISTINCT FROM p.supervisor_id AND th.month_end = p.month_end
    LEFT JOIN center_history ch ON ch.month_end = p.month_end
    LEFT JOIN team_seats ts ON ts.supervisor_id IS NOT DISTINCT FROM p.supervisor_id AND ts.month_end = p.month_end
    LEFT JOIN agent_queue aq ON aq.agent_id = p.agent_id AND aq.month_end = p.month_end
    LEFT JOIN queue_pressure qp ON qp.queue = aq.queue AND qp.month_end = p.month_end
    LEFT JOIN team t        ON t.supervisor_id IS NOT DISTINCT FROM p.supervisor_id AND t.month_end = p.month_end
    LEFT JOIN team_exits te ON te.supervisor_id IS NOT DISTINCT FROM p.supervisor_id AND te.month_end = p.month_end
)
SELECT
    * EXCLUDE (label, _occ, _abs_rate_90d),
    -- the team's typical level that month (its supervisor's and its queue's conditions)
    avg(_abs_rate_90d) OVER (PARTITION BY supervisor_id, month_end) AS team_absence_rate_90d,
    avg(_occ) OVER (PARTITION BY supervisor_id, month_end)          AS team_occupancy_30d,
    avg(absence_rate_365d) OVER (PARTITION BY supervisor_id, month_end) AS team_absence_rate_365d,
    avg(auto_qa_90d) OVER (PARTITION BY supervisor_id, month_end)   AS team_auto_qa_90d,
    -- peer position within the supervisor's team that month: 0 = lowest value, 1 = highest (rounded
    -- first: parallel sums differ in the last bits, which must not reorder ties)
    CASE WHEN aht_30d IS NOT NULL THEN percent_rank() OVER (PARTITION BY supervisor_id, month_end, aht_30d IS NULL ORDER BY round(aht_30d, 6)) END AS aht_team_pctile,
    CASE WHEN qa_90d IS NOT NULL THEN percent_rank() OVER (PARTITION BY supervisor_id, month_end, qa_90d IS NULL ORDER BY round(qa_90d, 6)) END AS qa_team_pctile,
    CASE WHEN absences_60d IS NOT NULL THEN percent_rank() OVER (PARTITION BY supervisor_id, month_end, absences_60d IS NULL ORDER BY absences_60d) END AS absence_team_pctile,
    label
FROM wide
ORDER BY month_end, agent_id
