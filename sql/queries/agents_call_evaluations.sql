-- agents_call_evaluations: the evaluations of one call (human and automated) with evaluator names and
-- per-criterion scores. Parameter: $call (call id).
SELECT
    e.evaluation_id,
    e.evaluated_at,
    e.kind,
    e.score,
    e.evaluator_id,
    p.name AS evaluator_name,
    i.items
FROM evaluations e
LEFT JOIN agents p ON p.agent_id = e.evaluator_id
LEFT JOIN stg_evaluation_items_text i ON i.evaluation_id = e.evaluation_id
WHERE e.call_id = $call
ORDER BY e.evaluated_at, e.evaluation_id;
