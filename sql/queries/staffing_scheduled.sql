-- staffing_scheduled: per queue and interval, the agents scheduled and logged in from shifts with times,
-- and the handle seconds of the agents whose home queue it is, on whatever queue each call came in (a
-- multi-skill agent's calls all count against their own logged-in time, once).
-- An agent's home queue is the one they answered most calls in over [$home_from, $end) (shifts carry
-- no queue; ties go to the first queue by name), read from the agent-day rollup, one definition for
-- both halves so they line up agent for agent. A shift's scheduled_s and logged_in_s are spread evenly
-- over its span (start_time to end_time; an end at or before the start is the next day's), so a
-- 30-minute lunch inside an 8.5-hour span counts as 8/8.5 of an agent in every interval, and the daily
-- totals stay what the shift says. Calls are placed in the interval they arrived in (as
-- staffing_intervals places handle time).
-- Params (named): $start, $end (midnight timestamps, end excluded), $home_from (a midnight), $minutes,
-- $queues.
WITH home AS (
    SELECT agent_id, first(queue ORDER BY answered DESC, queue) AS queue
    FROM (SELECT agent_id, queue, sum(m_answered) AS answered
          FROM agg_calls_agent_daily
          WHERE agent_id IS NOT NULL
            AND call_date >= CAST($home_from AS DATE) AND call_date < CAST($end AS DATE)
          GROUP BY ALL
          HAVING sum(m_answered) > 0)
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
),
scheduled AS (
    SELECT queue, interval_start,
           sum(share * scheduled_s / span_s)                                      AS scheduled_agents,
           sum(share * logged_in_s / span_s)                                      AS logged_in_agents
    FROM (
        SELECT *, epoch(least(t1, interval_start + to_minutes(CAST($minutes AS INTEGER)))
                        - greatest(t0, interval_start)) / ($minutes * 60.0)        AS share
        FROM pieces
    )
    WHERE interval_start >= $start AND interval_start < $end
    GROUP BY ALL
),
home_handle AS (
    SELECT h.queue,
           time_bucket(to_minutes(CAST($minutes AS INTEGER)), c.arrived_at)  AS interval_start,
           sum(c.m_handle_s)                                                AS home_handle_s
    FROM fct_calls c
    JOIN home h USING (agent_id)
    WHERE c.outcome = 'answered' AND c.arrived_at >= $start AND c.arrived_at < $end
      AND chosen(h.queue, $queues)
    GROUP BY ALL
)
SELECT queue, interval_start, s.scheduled_agents, s.logged_in_agents, hh.home_handle_s
FROM scheduled s
FULL OUTER JOIN home_handle hh USING (queue, interval_start)
ORDER BY queue, interval_start;
