-- fct_evaluations: every evaluation with its queue, team and pass flag (period = evaluated_at).
CREATE OR REPLACE TABLE fct_evaluations AS
SELECT *, evaluated_at::DATE AS evaluated_date
FROM stg_evaluations
ORDER BY evaluated_at;
