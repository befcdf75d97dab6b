-- customer_repeat_intervals: calls in scope from known callers with an earlier call from the same caller
-- (median_repeat_interval_h takes those within repeat_lookback_days), by bin of hours since that call.
-- Bin i holds intervals in [edge[i-1], edge[i]); the edges come from analytics/customer/data.py.
-- Params: $1 start, $2 end (inclusive dates), $3 queues, $4 sites, $5 supervisors, $6 agents,
--         $7 ascending bin edges in hours (DOUBLE[]).
SELECT
    len(list_filter($7::DOUBLE[], lambda e: prev_interval_h >= e)) AS bin,
    count(*)                                                        AS calls
FROM fct_calls
WHERE prev_interval_h IS NOT NULL
  AND arrived_at >= $1::DATE AND arrived_at < $2::DATE + 1
  AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], queue))
  AND (len($4::VARCHAR[]) = 0 OR list_contains($4::VARCHAR[], site))
  AND (len($5::VARCHAR[]) = 0 OR list_contains($5::VARCHAR[], supervisor_id))
  AND (len($6::VARCHAR[]) = 0 OR list_contains($6::VARCHAR[], agent_id))
GROUP BY bin
ORDER BY bin
