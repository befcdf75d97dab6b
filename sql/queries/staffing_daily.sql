-- staffing_daily: offered calls per queue and day from the hourly rollup (the forecast's long history).
-- Params (named): $start, $end (timestamps, end excluded), $queues (empty list = all).
SELECT queue, CAST(arrived_hour AS DATE) AS day, sum(m_offered) AS offered
FROM agg_calls_queue_hourly
WHERE arrived_hour >= $start AND arrived_hour < $end
  AND chosen(queue, $queues)
GROUP BY ALL
ORDER BY queue, day;
