-- The actions noted in one review period. Params: $period (the period label).
SELECT action_id, period_label, note, owner, due_on, done, created_at, done_at, team
FROM review_actions
WHERE period_label = $period
ORDER BY created_at, action_id;
