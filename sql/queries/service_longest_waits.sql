-- service_longest_waits: the calls that waited longest in the selection (any outcome).
-- Params: the selection (period = arrival), $limit the number of rows.
SELECT
    c.arrived_at,
    c.queue,
    c.outcome,
    c.wait_s,
    c.agent_id,
    a.name AS agent_name,
    c.reason,
    c.call_id
FROM fct_calls c
LEFT JOIN agents a ON a.agent_id = c.agent_id
WHERE in_selection(c.arrived_at, c.queue, c.site, c.supervisor_id, c.agent_id,
                   $start, $end, $queues, $sites, $supervisors, $agents)
  AND c.wait_s IS NOT NULL
ORDER BY c.wait_s DESC, c.arrived_at
LIMIT $limit;
