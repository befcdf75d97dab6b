-- agents_call_detail: every column of one call (fct_calls without the additive m_ measure columns),
-- with the people's names. The caller is shown only as "caller #" + the first 8 characters of its hash.
-- Parameters: $call (call id), $agent (the call must be one this agent answered; null = any call, e.g. an
-- abandoned call opened from the Service page's heatmap: the team scope still applies to the tables read).
SELECT
    c.call_id,
    c.arrived_at,
    c.queue,
    c.caller,
    c.outcome,
    c.agent_id,
    a.name                                                            AS agent_name,
    c.site,
    c.supervisor_id,
    s.name                                                            AS supervisor_name,
    c.coach_id,
    k.name                                                            AS coach_name,
    c.wait_s,
    c.talk_s,
    c.hold_s,
    c.hold_count,
    c.acw_s,
    c.m_handle_s                                                      AS handle_s,
    c.dead_air_s,
    c.transferred,
    coalesce(l.legs, 1)                                               AS legs,  -- transfer legs stitched into this call
    c.reason,
    c.resolved,
    CASE WHEN c.m_repeat_pop = 1 THEN c.m_repeated = 1 END            AS repeated_within_window,
    c.prev_interval_h                                                 AS hours_since_callers_previous_call,
    c.m_human_evaluated = 1                                           AS human_evaluated,
    c.m_auto_evaluated = 1                                            AS auto_evaluated,
    c.csat,
    c.nps
FROM fct_calls c
LEFT JOIN calls l  ON l.call_id = c.call_id
LEFT JOIN agents a ON a.agent_id = c.agent_id
LEFT JOIN agents s ON s.agent_id = c.supervisor_id
LEFT JOIN agents k ON k.agent_id = c.coach_id
WHERE c.call_id = $call AND ($agent::VARCHAR IS NULL OR c.agent_id = $agent::VARCHAR);
