-- customer_survey_answers: how many surveys gave each CSAT (1–5) and NPS (0–10) answer, for calls in
-- scope (a survey belongs to its call's arrival period).
-- Params: the selection (period = arrival).
WITH scoped AS (
    SELECT csat, nps
    FROM fct_calls
    WHERE (csat IS NOT NULL OR nps IS NOT NULL)
      AND in_selection(arrived_at, queue, site, supervisor_id, agent_id,
                       $start, $end, $queues, $sites, $supervisors, $agents)
)
SELECT 'csat' AS question, csat AS answer, count(*) AS responses FROM scoped WHERE csat IS NOT NULL GROUP BY csat
UNION ALL
SELECT 'nps' AS question, nps AS answer, count(*) AS responses FROM scoped WHERE nps IS NOT NULL GROUP BY nps
ORDER BY question, answer
