-- The latest earlier review of the same kind that noted actions: its period label.
-- Params: $kind (period kind), $start (period start).
SELECT period_label
FROM review_actions
WHERE period_kind = $kind AND period_start < $start::DATE
ORDER BY period_start DESC
LIMIT 1;
