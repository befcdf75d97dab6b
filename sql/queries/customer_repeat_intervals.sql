-- customer_repeat_intervals: calls in scope from known callers with an earlier call from the same caller
-- (median_repeat_interval_h takes those within repeat_lookback_days), by bin of hours since that call.
-- Bin i holds intervals in [edge[i-1], edge[i]); the edges come from analytics/customer/data.py.
-- Params: the selection (period = arrival), $edges the ascending bin edges in hours (DOUBLE[]).
SELECT
    len(list_filter($edges::DOUBLE[], lambda e: prev_interval_h >= e)) AS bin,
    count(*)                                                        AS calls
FROM fct_calls
WHERE prev_interval_h IS NOT NULL
  AND in_selection(arrived_at, queue, site, supervisor_id, agent_id,
                   $start, $end, $queues, $sites, $supervisors, $agents)
GROUP BY bin
ORDER BY bin
