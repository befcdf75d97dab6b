-- profile: Generic one-row-per-call CSV
-- table: calls
-- format: CSV, one row per call, header as below (any delimiter), ISO date-times, durations in seconds
-- document: Switchboard docs/import.md, "Mapping profiles" (the generic layout is Switchboard's own: no vendor document)
-- fields: call_id, start_time, queue, caller, wait_seconds, answered (Y/N), agent, talk_seconds, hold_seconds, wrap_seconds, transferred (Y/N), reason
SELECT
    source_row,
    call_id                                                              AS call_id,
    COALESCE(CAST(TRY_CAST(TRIM(start_time) AS TIMESTAMP) AS VARCHAR),
             NULLIF(TRIM(start_time), '') || ' (not ISO 8601)')          AS arrived_at,
    queue                                                                AS queue,
    NULLIF(TRIM(caller), '')                                             AS caller_id,
    wait_seconds                                                         AS wait_s,
    CASE upper(TRIM(answered)) WHEN 'Y' THEN 'answered' WHEN 'N' THEN 'abandoned'
         ELSE answered END                                               AS outcome,
    NULLIF(TRIM(agent), '')                                              AS agent_id,
    COALESCE(NULLIF(TRIM(talk_seconds), ''), '0')                        AS talk_s,
    hold_seconds                                                         AS hold_s,
    wrap_seconds                                                         AS acw_s,
    CASE upper(TRIM(transferred)) WHEN 'Y' THEN 'true' WHEN 'N' THEN 'false'
         ELSE transferred END                                            AS transferred,
    reason                                                               AS reason
FROM raw
