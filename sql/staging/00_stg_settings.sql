-- stg_settings: the KPI thresholds as one typed row, so views and queries can join it once.
CREATE OR REPLACE VIEW stg_settings AS
SELECT
    coalesce(max(CASE WHEN key = 'sl_threshold_s'     THEN TRY_CAST(value AS DOUBLE) END), 20)  AS sl_threshold_s,
    coalesce(max(CASE WHEN key = 'short_abandon_s'    THEN TRY_CAST(value AS DOUBLE) END), 5)   AS short_abandon_s,
    coalesce(max(CASE WHEN key = 'repeat_window_h'    THEN TRY_CAST(value AS DOUBLE) END), 168) AS repeat_window_h,
    coalesce(max(CASE WHEN key = 'qa_pass_mark'       THEN TRY_CAST(value AS DOUBLE) END), 80)  AS qa_pass_mark,
    coalesce(max(CASE WHEN key = 'csat_satisfied_min' THEN TRY_CAST(value AS DOUBLE) END), 4)   AS csat_satisfied_min,
    coalesce(max(CASE WHEN key = 'repeat_lookback_days' THEN TRY_CAST(value AS DOUBLE) END), 30) AS repeat_lookback_days
FROM settings;
