-- quality_flag_counts: per flag, the calls flagged and the calls that could be judged (one row).
-- The call_flags placeholder below is the text of quality_call_flags.sql (composed in analytics/quality/data.py; params as there).
SELECT
    count(*) FILTER (WHERE long_hold)  AS long_hold__flagged,  count(long_hold)  AS long_hold__checked,
    count(*) FILTER (WHERE dead_air)   AS dead_air__flagged,   count(dead_air)   AS dead_air__checked,
    count(*) FILTER (WHERE transfer)   AS transfer__flagged,   count(transfer)   AS transfer__checked,
    count(*) FILTER (WHERE repeat_7d)  AS repeat_7d__flagged,  count(repeat_7d)  AS repeat_7d__checked,
    count(*) FILTER (WHERE unresolved) AS unresolved__flagged, count(unresolved) AS unresolved__checked
FROM ({call_flags}) AS flagged
