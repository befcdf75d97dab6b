-- stg_calls: one row per call with per-call indicator and measure columns.
-- Additive measures are prefixed m_: rollups in sql/marts are SUM(COLUMNS('^m_')), so one KPI expression
-- (SUM(...)/SUM(...)) evaluates the same on a single call, on the detail table and on any rollup.
-- The _sq columns (sums of squares) let the pages put confidence intervals on means from rollups.
CREATE OR REPLACE VIEW stg_calls AS
SELECT
    c.call_id,
    c.arrived_at,
    c.queue,
    c.caller_id,
    c.agent_id,
    c.outcome,
    c.wait_s,
    c.reason,
    c.talk_s,
    c.hold_s,
    c.acw_s,
    c.dead_air_s,
    c.transferred,
    c.resolved,
    c.hold_count,
    1                                                                       AS m_offered,
    (c.outcome = 'answered')::INT                                           AS m_answered,
    (c.outcome = 'abandoned')::INT                                          AS m_abandoned,
    coalesce(c.outcome = 'abandoned' AND c.wait_s < s.short_abandon_s, false)::INT AS m_short_abandoned,
    coalesce(c.outcome = 'answered' AND c.wait_s <= s.sl_threshold_s, false)::INT  AS m_answered_in_sl,
    CASE WHEN c.outcome = 'answered' THEN c.wait_s END                      AS m_wait_answered_s,
    CASE WHEN c.outcome = 'answered' THEN c.wait_s * c.wait_s END           AS m_wait_answered_s_sq,
    CASE WHEN c.outcome = 'abandoned' AND c.wait_s >= s.short_abandon_s THEN c.wait_s END AS m_abandon_wait_s,
    coalesce(c.outcome = 'abandoned' AND c.wait_s >= s.short_abandon_s, false)::INT AS m_abandon_wait_n,
    c.wait_s                                                                AS max_wait_s,
    CASE WHEN c.outcome = 'answered'
         THEN c.talk_s + coalesce(c.hold_s, 0) + coalesce(c.acw_s, 0) END   AS m_handle_s,
    CASE WHEN c.outcome = 'answered'
         THEN pow(c.talk_s + coalesce(c.hold_s, 0) + coalesce(c.acw_s, 0), 2) END AS m_handle_s_sq,
    CASE WHEN c.outcome = 'answered' THEN c.talk_s END                      AS m_talk_answered_s,
    CASE WHEN c.outcome = 'answered' THEN coalesce(c.hold_s, 0) END         AS m_hold_answered_s,
    CASE WHEN c.outcome = 'answered' THEN coalesce(c.acw_s, 0) END          AS m_acw_answered_s,
    coalesce(c.outcome = 'answered' AND c.hold_s > 0, false)::INT           AS m_held,
    coalesce(c.outcome = 'answered' AND c.transferred, false)::INT          AS m_transferred_n,
    CASE WHEN c.outcome = 'answered' AND c.dead_air_s IS NOT NULL THEN c.dead_air_s END AS m_dead_air_known_s,
    CASE WHEN c.outcome = 'answered' AND c.dead_air_s IS NOT NULL THEN c.talk_s END     AS m_talk_dead_air_known_s,
    coalesce(c.outcome = 'answered' AND c.resolved, false)::INT             AS m_resolved_true,
    coalesce(c.outcome = 'answered' AND c.resolved IS NOT NULL, false)::INT AS m_resolved_known
FROM calls c
CROSS JOIN stg_settings s;
