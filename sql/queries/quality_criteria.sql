-- quality_criteria: per-criterion scores of human evaluations (evaluation_items), overall or per team
-- (the agent's supervisor) or per queue (the evaluated call's queue): mean item score and the share of
-- items below the QA pass mark (returned as pass_mark). Period = evaluated_at. Lowest mean first.
-- Params: $1 start, $2 end (inclusive dates), $3 queues, $4 sites, $5 supervisors, $6 agents,
--         $7 grouping: 'overall' | 'team' | 'queue'.
WITH items AS (
    SELECT
        i.criterion,
        i.score,
        CASE $7::VARCHAR WHEN 'team' THEN e.supervisor_id WHEN 'queue' THEN e.queue END AS group_id
    FROM evaluation_items i
    JOIN fct_evaluations e ON e.evaluation_id = i.evaluation_id
    WHERE e.kind = 'human'
      AND e.evaluated_at >= $1::DATE AND e.evaluated_at < $2::DATE + 1
      AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], e.queue))
      AND (len($4::VARCHAR[]) = 0 OR list_contains($4::VARCHAR[], e.site))
      AND (len($5::VARCHAR[]) = 0 OR list_contains($5::VARCHAR[], e.supervisor_id))
      AND (len($6::VARCHAR[]) = 0 OR list_contains($6::VARCHAR[], e.agent_id))
)
SELECT
    it.criterion,
    it.group_id,
    CASE WHEN $7::VARCHAR = 'team' THEN a.name ELSE it.group_id END                AS group_name,
    count(*)                                                                        AS items,
    avg(it.score)                                                                   AS mean_score,
    100.0 * count(*) FILTER (WHERE it.score < s.qa_pass_mark) / count(*)            AS below_pass_pct,
    s.qa_pass_mark                                                                  AS pass_mark
FROM items it
CROSS JOIN stg_settings s
LEFT JOIN agents a ON a.agent_id = it.group_id
GROUP BY it.criterion, it.group_id, group_name, s.qa_pass_mark
ORDER BY mean_score, it.criterion, it.group_id;
