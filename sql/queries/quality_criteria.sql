-- quality_criteria: per-criterion scores of human evaluations (evaluation_items), overall or per team
-- (the agent's supervisor) or per queue (the evaluated call's queue): mean item score and the share of
-- items below the QA pass mark (returned as pass_mark). Period = evaluated_at. Lowest mean first.
-- Params: the selection (period = evaluated_at), $by the grouping: 'overall' | 'team' | 'queue'.
WITH items AS (
    SELECT
        i.criterion,
        i.score,
        CASE $by::VARCHAR WHEN 'team' THEN e.supervisor_id WHEN 'queue' THEN e.queue END AS group_id
    FROM evaluation_items i
    JOIN fct_evaluations e ON e.evaluation_id = i.evaluation_id
    WHERE e.kind = 'human'
      AND in_selection(e.evaluated_at, e.queue, e.site, e.supervisor_id, e.agent_id,
                         $start, $end, $queues, $sites, $supervisors, $agents)
)
SELECT
    it.criterion,
    it.group_id,
    CASE WHEN $by::VARCHAR = 'team' THEN a.name ELSE it.group_id END                AS group_name,
    count(*)                                                                        AS items,
    avg(it.score)                                                                   AS mean_score,
    100.0 * count(*) FILTER (WHERE it.score < s.qa_pass_mark) / count(*)            AS below_pass_pct,
    s.qa_pass_mark                                                                  AS pass_mark
FROM items it
CROSS JOIN stg_settings s
LEFT JOIN agents a ON a.agent_id = it.group_id
GROUP BY it.criterion, it.group_id, group_name, s.qa_pass_mark
ORDER BY mean_score, it.criterion, it.group_id;
