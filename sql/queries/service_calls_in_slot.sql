-- service_calls_in_slot: the calls of the selection that arrived on one weekday at one hour of the day
-- (a cell of the weekday × hour heatmap), any outcome, newest first, with how many there are in all.
-- Params: the selection (period = arrival), $weekday (ISO: 1 = Monday … 7 = Sunday), $hour (0–23),
-- $limit the number of rows.
SELECT
    c.arrived_at,
    c.queue,
    c.outcome,
    c.wait_s,
    c.m_handle_s                 AS handle_s,
    a.name                       AS agent_name,
    c.agent_id,
    c.reason,
    c.call_id,
    count(*) OVER ()             AS calls_in_slot
FROM fct_calls c
LEFT JOIN agents a ON a.agent_id = c.agent_id
WHERE in_selection(c.arrived_at, c.queue, c.site, c.supervisor_id, c.agent_id,
                   $start, $end, $queues, $sites, $supervisors, $agents)
  AND isodow(c.arrived_at) = $weekday
  AND hour(c.arrived_at) = $hour
ORDER BY c.arrived_at DESC, c.call_id
LIMIT $limit;
