-- customer_survey_answers: how many surveys gave each CSAT (1–5) and NPS (0–10) answer, for calls in
-- scope (a survey belongs to its call's arrival period).
-- Params: $1 start, $2 end (inclusive dates), $3 queues, $4 sites, $5 supervisors, $6 agents.
WITH scoped AS (
    SELECT csat, nps
    FROM fct_calls
    WHERE (csat IS NOT NULL OR nps IS NOT NULL)
      AND arrived_at >= $1::DATE AND arrived_at < $2::DATE + 1
      AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], queue))
      AND (len($4::VARCHAR[]) = 0 OR list_contains($4::VARCHAR[], site))
      AND (len($5::VARCHAR[]) = 0 OR list_contains($5::VARCHAR[], supervisor_id))
      AND (len($6::VARCHAR[]) = 0 OR list_contains($6::VARCHAR[], agent_id))
)
SELECT 'csat' AS question, csat AS answer, count(*) AS responses FROM scoped WHERE csat IS NOT NULL GROUP BY csat
UNION ALL
SELECT 'nps' AS question, nps AS answer, count(*) AS responses FROM scoped WHERE nps IS NOT NULL GROUP BY nps
ORDER BY question, answer
