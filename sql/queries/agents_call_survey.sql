-- agents_call_survey: the post-call survey of one call, if any. Parameter: $call (call id).
SELECT call_id, csat, nps, answered_at
FROM surveys
WHERE call_id = $call;
