-- fct_agent_days: one row per scheduled agent-day: the shift and the handle time of the calls that
-- agent answered that day (any queue). Occupancy and calls per agent hour compare the two over the
-- same agents and days, as the KPI contract requires.
-- Reads refresh_shifts: all of stg_shifts on a full rebuild, the agent-days an import touched otherwise.
WITH handled AS (
    SELECT agent_id, call_date, SUM(m_handle_s) AS handle_s, SUM(m_answered) AS answered
    FROM agg_calls_agent_daily
    WHERE agent_id IS NOT NULL
      AND call_date IN (SELECT date FROM refresh_shifts)
    GROUP BY agent_id, call_date
)
SELECT
    sh.*,
    coalesce(h.handle_s, 0) AS m_shift_handle_s,
    coalesce(h.answered, 0) AS m_shift_answered
FROM refresh_shifts sh
LEFT JOIN handled h ON h.agent_id = sh.agent_id AND h.call_date = sh.date
