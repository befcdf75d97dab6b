-- service_longest_waits: the calls that waited longest in the selection (any outcome).
-- Params: start, end (inclusive dates), queues, queues, sites, sites, supervisors, supervisors,
-- agents, agents (empty list = all), then the number of rows.
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
WHERE c.arrived_at >= ?::DATE AND c.arrived_at < ?::DATE + 1
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.queue))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.site))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.supervisor_id))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.agent_id))
  AND c.wait_s IS NOT NULL
ORDER BY c.wait_s DESC, c.arrived_at
LIMIT ?;
