-- agents_evaluations: one agent's evaluations in the period (period = evaluated_at, inclusive dates),
-- newest first, with the evaluator's name and the per-criterion scores as one line of text.
-- Parameters: $agent, $start, $end (inclusive dates), $queues (empty list = all; by the call's queue).
SELECT
    e.evaluation_id,
    e.evaluated_at,
    e.call_id,
    e.kind,
    e.m_score AS score,
    e.evaluator_id,
    p.name AS evaluator_name,
    i.items
FROM fct_evaluations e
LEFT JOIN agents p ON p.agent_id = e.evaluator_id
LEFT JOIN stg_evaluation_items_text i ON i.evaluation_id = e.evaluation_id
WHERE e.agent_id = $agent
  AND in_days(e.evaluated_at, $start, $end)
  AND chosen(e.queue, $queues)
ORDER BY e.evaluated_at DESC, e.evaluation_id;
