-- The latest earlier review of the same kind that noted actions: its period label.
-- Params: period kind, period start.
SELECT period_label
FROM review_actions
WHERE period_kind = ? AND period_start < ?::DATE
ORDER BY period_start DESC
LIMIT 1;
