-- staffing_home_handle: handle seconds per interval of the agents whose home queue is `queue`, on
-- whatever queue each call came in (a multi-skill agent's calls all count against their own logged-in
-- time, once). The home queue is the one the agent answered most calls in over [$home_from, $end), the
-- same rule as staffing_scheduled, so the two line up agent for agent. Calls are placed in the interval
-- they arrived in (as staffing_intervals places handle time).
-- Params (named): $start, $end (timestamps, end excluded), $home_from, $minutes, $queues.
WITH home AS (
    SELECT agent_id, arg_max(queue, n) AS queue
    FROM (SELECT agent_id, queue, count(*) AS n
          FROM fct_calls
          WHERE outcome = 'answered' AND agent_id IS NOT NULL
            AND arrived_at >= $home_from AND arrived_at < $end
          GROUP BY ALL)
    GROUP BY agent_id
)
SELECT h.queue,
       time_bucket(to_minutes(CAST($minutes AS INTEGER)), c.arrived_at)  AS interval_start,
       sum(c.m_handle_s)                                                AS home_handle_s
FROM fct_calls c
JOIN home h USING (agent_id)
WHERE c.outcome = 'answered' AND c.arrived_at >= $start AND c.arrived_at < $end
  AND chosen(h.queue, $queues)
GROUP BY ALL
ORDER BY 1, 2;
