-- agents_calls: the calls one agent answered in the period (arrival time, inclusive dates), newest first,
-- with the review flags of the Agents drill-down. The caller is shown only as a short hash prefix.
-- Parameters: $agent, $start, $end (inclusive dates), $queues (empty list = all), $long_hold_s (seconds).
-- repeated_7d follows the repeat KPI (fct_calls.m_repeated): null when the caller is unknown or the call
-- is censored (too close to the data end to know).
SELECT
    c.call_id,
    c.arrived_at,
    c.queue,
    c.caller,
    c.reason,
    c.wait_s,
    c.talk_s,
    c.hold_s,
    c.acw_s,
    c.m_handle_s                                                      AS handle_s,
    c.transferred,
    c.resolved,
    CASE WHEN c.m_repeat_pop = 1 THEN c.m_repeated = 1 END            AS repeated_7d,
    c.csat,
    c.nps,
    coalesce(c.hold_s >= $long_hold_s, false)                         AS long_hold
FROM fct_calls c
WHERE c.agent_id = $agent
  AND c.outcome = 'answered'
  AND in_days(c.arrived_at, $start, $end)
  AND chosen(c.queue, $queues)
ORDER BY c.arrived_at DESC, c.call_id;
