-- customer_data_end: data end E (latest arrival), the repeat window and where censoring starts
-- (calls after E − window are out of the repeat and FCR populations), plus the CSAT "satisfied" mark.
SELECT
    max(c.arrived_at)                                                  AS data_end,
    max(c.arrived_at) - to_hours(any_value(s.repeat_window_h)::BIGINT) AS censored_after,
    any_value(s.repeat_window_h)                                       AS repeat_window_h,
    any_value(s.csat_satisfied_min)                                    AS csat_satisfied_min
FROM calls c
CROSS JOIN stg_settings s
