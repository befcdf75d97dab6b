-- staffing_intervals: what each queue's callers did per interval, for Erlang staffing and its check.
-- Params (named): $start, $end (timestamps, end excluded), $minutes (interval length), $t (the service
-- level's answer-time threshold in seconds, which a what-if may change), $short (short-abandon seconds),
-- $queues (empty list = all). Waits of every call with a known wait are the exposure of caller patience.
SELECT
    queue,
    time_bucket(to_minutes(CAST($minutes AS INTEGER)), arrived_at)         AS interval_start,
    sum(m_offered)                                                        AS offered,
    sum(m_answered)                                                       AS answered,
    sum(m_abandoned)                                                      AS abandoned,
    sum(m_short_abandoned)                                                AS short_abandoned,
    count(*) FILTER (WHERE outcome = 'answered' AND wait_s <= $t)         AS answered_in_t,
    sum(m_handle_s)                                                       AS handle_s,
    count(m_handle_s)                                                     AS handled,
    sum(m_wait_answered_s)                                                AS wait_answered_s,
    sum(wait_s)                                                           AS wait_s,
    count(wait_s)                                                         AS wait_known,
    count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s IS NOT NULL)  AS abandoned_known
FROM fct_calls
WHERE arrived_at >= $start AND arrived_at < $end
  AND chosen(queue, $queues)
GROUP BY ALL
ORDER BY queue, interval_start;
