-- call_evaluation_items: the per-criterion scores of every evaluation of one call (human and automated),
-- one row per criterion, for the call card. Parameter: $call (call id).
SELECT
    i.evaluation_id,
    i.criterion,
    i.score
FROM evaluation_items i
JOIN evaluations e ON e.evaluation_id = i.evaluation_id
WHERE e.call_id = $call
ORDER BY i.evaluation_id, i.criterion;
