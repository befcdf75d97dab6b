-- customer_data_end: data end E (latest arrival), the repeat window and where censoring starts
-- (calls after E − window are out of the repeat and FCR populations), plus the CSAT "satisfied" mark.
-- max() is taken on calls alone (DuckDB answers it from column statistics); joined to the settings
-- row afterwards. No calls: one row of NULLs, as an aggregate over no rows gives.
WITH e AS (SELECT data_end FROM stg_data_end)
SELECT
    max(e.data_end)                                                  AS data_end,
    max(e.data_end) - to_hours(any_value(s.repeat_window_h)::BIGINT) AS censored_after,
    any_value(s.repeat_window_h)                                     AS repeat_window_h,
    any_value(s.csat_satisfied_min)                                  AS csat_satisfied_min
FROM e
CROSS JOIN stg_settings s
WHERE e.data_end IS NOT NULL
