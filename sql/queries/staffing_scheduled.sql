-- staffing_scheduled: scheduled and logged-in agents per queue and interval, from shifts with times.
-- An agent's queue is the one they answered most calls in over [$home_from, $end) (shifts carry no
-- queue). A shift's scheduled_s and logged_in_s are spread evenly over its span (start_time to
-- end_time; an end at or before the start is the next day's), so a 30-minute lunch inside an 8.5-hour
-- span counts as 8/8.5 of an agent in every interval, and the daily totals stay what the shift says.
-- Params (named): $start, $end (timestamps, end excluded), $home_from, $minutes, $queues.
WITH home AS (
    SELECT agent_id, arg_max(queue, n) AS queue
    FROM (SELECT agent_id, queue, count(*) AS n
          FROM fct_calls
          WHERE outcome = 'answered' AND agent_id IS NOT NULL
            AND arrived_at >= $home_from AND arrived_at < $end
          GROUP BY ALL)
    GROUP BY agent_id
),
timed AS (
    SELECT s.agent_id, h.queue, s.scheduled_s,
           CASE WHEN s.absent THEN 0 ELSE s.logged_in_s END                    AS logged_in_s,
           s.date + s.start_time                                                AS t0,
           ((epoch(s.end_time) - epoch(s.start_time)) % 86400 + 86400) % 86400
             + CASE WHEN s.end_time = s.start_time THEN 86400 ELSE 0 END        AS span_s
    FROM shifts s
    JOIN home h USING (agent_id)
    WHERE s.start_time IS NOT NULL AND s.end_time IS NOT NULL
      AND s.date >= CAST($start AS DATE) - 1 AND s.date < CAST($end AS DATE)
      AND chosen(h.queue, $queues)
),
spans AS (
    SELECT *, t0 + to_seconds(CAST(span_s AS BIGINT)) AS t1 FROM timed WHERE span_s > 0
),
pieces AS (
    SELECT queue, scheduled_s, logged_in_s, span_s, t0, t1,
           unnest(generate_series(time_bucket(to_minutes(CAST($minutes AS INTEGER)), t0),
                                  t1 - INTERVAL 1 SECOND,
                                  to_minutes(CAST($minutes AS INTEGER))))        AS interval_start
    FROM spans
)
SELECT queue, interval_start,
       sum(share * scheduled_s / span_s)                                          AS scheduled_agents,
       sum(share * logged_in_s / span_s)                                          AS logged_in_agents
FROM (
    SELECT *, epoch(least(t1, interval_start + to_minutes(CAST($minutes AS INTEGER)))
                    - greatest(t0, interval_start)) / ($minutes * 60.0)            AS share
    FROM pieces
)
WHERE interval_start >= $start AND interval_start < $end
GROUP BY ALL
ORDER BY queue, interval_start;
