-- quality_call_flags: answered calls in scope with the automated per-call flags. A flag is NULL where
-- the call cannot be judged (dead air unknown or no talk time; repeat censored or caller unknown;
-- resolution not recorded). Missing hold counts as 0 and missing transfer as not transferred, as in the
-- handling KPIs, so the transfer flag rate equals transfer_rate_pct, repeat = 100 − fcr_pct and
-- unresolved = 100 − resolved_pct. Composed into quality_flag_counts / quality_flagged_calls.
-- Params: the selection (period = arrival), $long_hold_s the long-hold threshold (s), $dead_air_share
--         the dead-air threshold (share of talk time, 0–1).
SELECT
    c.call_id, c.arrived_at, c.queue, c.agent_id, c.wait_s, c.talk_s, c.hold_s, c.acw_s, c.dead_air_s,
    c.hold_count, c.transferred, c.resolved, c.reason,
    coalesce(c.hold_s, 0) > $long_hold_s::DOUBLE                                                    AS long_hold,
    CASE WHEN c.dead_air_s IS NOT NULL AND c.talk_s > 0 THEN c.dead_air_s / c.talk_s > $dead_air_share::DOUBLE END AS dead_air,
    coalesce(c.transferred, false)                                                        AS transfer,
    CASE WHEN c.m_fcr_pop = 1 THEN c.m_repeated = 1 END                                   AS repeat_7d,
    NOT c.resolved                                                                        AS unresolved
FROM fct_calls c
WHERE c.outcome = 'answered'
  AND in_selection(c.arrived_at, c.queue, c.site, c.supervisor_id, c.agent_id,
                   $start, $end, $queues, $sites, $supervisors, $agents)
