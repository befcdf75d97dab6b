-- quality_criteria: per-criterion scores of human evaluations (evaluation_items), overall or per team
-- (the agent's supervisor) or per queue (the evaluated call's queue): mean item score and the share of
-- items below the QA pass mark (returned as pass_mark). Period = evaluated_at. Lowest mean first.
-- Params: the selection (period = evaluated_at), $by the grouping: 'overall' | 'team' | 'queue'.
WITH evals AS (
    SELECT e.evaluation_id,
           CASE $by::VARCHAR WHEN 'team' THEN e.supervisor_id WHEN 'queue' THEN e.queue END AS group_id
    FROM fct_evaluations e
    WHERE e.kind = 'human'
      AND in_selection(e.evaluated_at, e.queue, e.site, e.supervisor_id, e.agent_id,
                         $start, $end, $queues, $sites, $supervisors, $agents)
),
-- The items of the chosen evaluations lie between their smallest and largest id: saying so lets the
-- scan skip the row groups of other periods (items arrive in evaluation order) instead of probing
-- every item of every period. It changes no result: a matching item's id is within the span.
span AS (SELECT min(evaluation_id) AS lo, max(evaluation_id) AS hi FROM evals),
items AS (
    SELECT i.criterion, i.score, e.group_id
    FROM evaluation_items i
    JOIN evals e ON e.evaluation_id = i.evaluation_id
    WHERE i.evaluation_id BETWEEN (SELECT lo FROM span) AND (SELECT hi FROM span)
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
