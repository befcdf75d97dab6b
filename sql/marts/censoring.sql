-- censoring.sql (not a mart; run by analytics/core/marts.py after an import moved the data end E):
-- the repeat/FCR flags of fct_calls rows that arrived after $1 = min(old E, new E) - window, judged
-- against the new E with the same expressions as 10_fct_calls.sql, for the rows whose flags change.
WITH data_end AS (SELECT data_end AS e FROM stg_data_end),
judged AS (
    SELECT
        f.call_id, f.call_date, f.agent_id,
        f.m_repeat_pop AS old_repeat_pop, f.m_repeated AS old_repeated, f.m_fcr_pop AS old_fcr_pop, f.m_fcr_n AS old_fcr_n,
        coalesce(f.caller_id IS NOT NULL
                 AND f.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT), false)::INT AS m_repeat_pop,
        coalesce(f.caller_id IS NOT NULL
                 AND f.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT)
                 AND f.next_arrival <= f.arrived_at + to_hours(s.repeat_window_h::BIGINT), false)::INT AS m_repeated,
        coalesce(f.caller_id IS NOT NULL AND f.outcome = 'answered'
                 AND f.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT), false)::INT AS m_fcr_pop,
        coalesce(f.caller_id IS NOT NULL AND f.outcome = 'answered'
                 AND f.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT)
                 AND NOT coalesce(f.next_arrival <= f.arrived_at + to_hours(s.repeat_window_h::BIGINT), false),
                 false)::INT AS m_fcr_n
    FROM fct_calls f
    CROSS JOIN stg_settings s
    CROSS JOIN data_end d
    WHERE f.arrived_at > $1::TIMESTAMP
)
SELECT call_id, call_date, agent_id, m_repeat_pop, m_repeated, m_fcr_pop, m_fcr_n
FROM judged
WHERE (m_repeat_pop, m_repeated, m_fcr_pop, m_fcr_n) IS DISTINCT FROM (old_repeat_pop, old_repeated, old_fcr_pop, old_fcr_n)
