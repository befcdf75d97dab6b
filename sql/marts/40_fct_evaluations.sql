-- fct_evaluations: every evaluation with its queue, team and pass flag (period = evaluated_at).
-- Reads refresh_evaluations: all of stg_evaluations on a full rebuild, the rows an import touched otherwise.
SELECT *, evaluated_at::DATE AS evaluated_date
FROM refresh_evaluations
