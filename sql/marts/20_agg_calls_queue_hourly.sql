-- agg_calls_queue_hourly: calls rolled up by arrival hour × queue (no agent split). The pages' default
-- path: center- and queue-level KPIs at any grain read this small table instead of every call.
-- Reads refresh_fct_calls: all of fct_calls on a full rebuild, the days an import touched otherwise.
SELECT
    arrived_hour,
    queue,
    SUM(COLUMNS('^m_')),
    MAX(max_wait_s) AS max_wait_s
FROM refresh_fct_calls
GROUP BY arrived_hour, queue
