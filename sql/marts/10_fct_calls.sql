-- fct_calls: one row per call, enriched: the answering agent's team on the call's date
-- (stg_agent_team_at_date), repeat-call flags, evaluation coverage and
-- survey answers. Everything a call-period KPI needs, so rollups are plain sums of these columns.
-- Repeat flags follow the KPI contract: data end E = latest arrival in the warehouse; calls after
-- E - window are censored (out of both the repeat and the FCR population, never counted as resolved).
-- A mart file is one SELECT; analytics/core/marts.py materializes it. It reads the refresh scope:
-- refresh_calls (the stg_calls rows to compute) and refresh_sequence (the calls of those rows' callers,
-- for the previous/next call of each caller): everything on a full rebuild, what an import touched on
-- an incremental one. The data end E is always taken over all calls.
WITH
data_end AS (SELECT data_end AS e FROM stg_data_end),
sequenced AS (
    SELECT
        call_id,
        lead(arrived_at) OVER w AS next_arrival,
        lag(arrived_at)  OVER w AS prev_arrival
    FROM refresh_sequence
    WHERE caller_id IS NOT NULL
    -- a caller's calls in order (arrived_at, call_id): of two in the same second the larger id is later
    WINDOW w AS (PARTITION BY caller_id ORDER BY arrived_at, call_id)
),
evaluated AS (
    SELECT
        call_id,
        max((kind = 'human')::INT) AS has_human,
        max((kind = 'auto')::INT)  AS has_auto
    FROM stg_evaluations
    WHERE call_id IN (SELECT call_id FROM refresh_calls)  -- only the calls being computed
    GROUP BY call_id
)
SELECT
    c.*,
    -- the caller as pages may show it: never the hash itself, only its first 8 characters
    CASE WHEN c.caller_id IS NULL THEN 'unknown caller' ELSE 'caller #' || left(c.caller_id, 8) END AS caller,
    c.arrived_at::DATE                     AS call_date,
    date_trunc('hour', c.arrived_at)       AS arrived_hour,
    a.site,
    a.supervisor_id,
    a.coach_id,
    coalesce(c.caller_id IS NOT NULL
             AND c.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT), false)::INT AS m_repeat_pop,
    coalesce(c.caller_id IS NOT NULL
             AND c.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT)
             AND q.next_arrival <= c.arrived_at + to_hours(s.repeat_window_h::BIGINT), false)::INT AS m_repeated,
    coalesce(c.caller_id IS NOT NULL AND c.outcome = 'answered'
             AND c.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT), false)::INT AS m_fcr_pop,
    coalesce(c.caller_id IS NOT NULL AND c.outcome = 'answered'
             AND c.arrived_at <= d.e - to_hours(s.repeat_window_h::BIGINT)
             AND NOT coalesce(q.next_arrival <= c.arrived_at + to_hours(s.repeat_window_h::BIGINT), false),
             false)::INT AS m_fcr_n,
    CASE WHEN q.prev_arrival IS NOT NULL
         THEN epoch(c.arrived_at - q.prev_arrival) / 3600.0 END AS prev_interval_h,
    -- median_repeat_interval_h looks back at most repeat_lookback_days (30): a longer gap is not a repeat
    -- interval, so the figure does not drift with the distance from the data's start (second edition)
    CASE WHEN q.prev_arrival IS NOT NULL
              AND c.arrived_at - q.prev_arrival <= to_days(s.repeat_lookback_days::INTEGER)
         THEN epoch(c.arrived_at - q.prev_arrival) / 3600.0 END AS repeat_interval_h,
    coalesce(c.outcome = 'answered' AND ev.has_human = 1, false)::INT AS m_human_evaluated,
    coalesce(c.outcome = 'answered' AND ev.has_auto = 1, false)::INT  AS m_auto_evaluated,
    (sv.csat IS NOT NULL)::INT                                   AS m_csat_responses,
    coalesce(sv.csat >= s.csat_satisfied_min, false)::INT        AS m_csat_satisfied,
    (sv.nps IS NOT NULL)::INT                                    AS m_nps_responses,
    coalesce(sv.nps >= 9, false)::INT                            AS m_nps_promoters,
    coalesce(sv.nps <= 6, false)::INT                            AS m_nps_detractors,
    sv.csat,
    sv.nps,
    q.next_arrival, -- kept so a later import can re-judge censoring (sql/marts/censoring.sql) without re-sequencing
    -- the caller's key (analytics/core/marts.py CALLER_KEY_SQL): an import finds the history of the day's
    -- callers by scanning this 16-byte column, not the 64-character caller ids
    md5_number(c.caller_id) AS caller_key
FROM refresh_calls c
CROSS JOIN stg_settings s
CROSS JOIN data_end d
LEFT JOIN sequenced q  ON q.call_id = c.call_id
LEFT JOIN evaluated ev ON ev.call_id = c.call_id
LEFT JOIN stg_surveys sv ON sv.call_id = c.call_id
LEFT JOIN stg_agent_team_at_date a
       ON a.agent_id = c.agent_id AND team_valid_on(a.valid_from, a.valid_to, c.arrived_at::DATE)
