-- profile: Avaya CMS call records (External Call History)
-- table: calls
-- format: CSV of CMS call-record items, one row per call segment, header = the item names
-- document: Avaya Call Management System, "Call History Interface" (Release 18), call record data items
-- fields: CALLID, SEGMENT, ROW_DATE, SEGSTART, DISPSPLIT, DISPOSITION, ANSLOGIN, DISPTIME, TALKTIME, ANSHOLDTIME, ACWTIME, HELD, TRANSFERRED, CALLING_PTY
--
-- A transferred or conferenced call has several segments with one CALLID; CALLIDs are unique within a day,
-- so a call is ROW_DATE + CALLID and each SEGMENT is a leg. SEGSTART is UNIX time (seconds since
-- 1970-01-01, kept as UTC). DISPOSITION 2 = answered, 3 = abandoned; segments with another disposition
-- (connected non-ACD, interflowed, forced busy/disconnect, other) are not queue calls and are left out.
-- DISPTIME is the wait in vector, queue and ringing until the disposition: the caller's wait.
SELECT
    source_row,
    TRIM(ROW_DATE) || '-' || TRIM(CALLID)                                AS call_id,
    SEGMENT                                                              AS leg_id,
    COALESCE(CAST(make_timestamp(TRY_CAST(TRIM(SEGSTART) AS BIGINT) * 1000000) AS VARCHAR),
             NULLIF(TRIM(SEGSTART), '') || ' (not UNIX time)')           AS arrived_at,
    DISPSPLIT                                                            AS queue,
    NULLIF(TRIM(CALLING_PTY), '')                                        AS caller_id,
    DISPTIME                                                             AS wait_s,
    CASE TRIM(DISPOSITION) WHEN '2' THEN 'answered' ELSE 'abandoned' END AS outcome,
    CASE WHEN TRIM(DISPOSITION) = '2' THEN NULLIF(TRIM(ANSLOGIN), '') END AS agent_id,
    CASE WHEN TRIM(DISPOSITION) = '2' THEN TALKTIME ELSE '0' END         AS talk_s,
    CASE WHEN TRIM(DISPOSITION) = '2' THEN ANSHOLDTIME END               AS hold_s,
    CASE WHEN TRIM(DISPOSITION) = '2' THEN ACWTIME END                   AS acw_s,
    CASE WHEN TRIM(DISPOSITION) = '2' THEN HELD END                      AS hold_count,
    CASE TRIM(TRANSFERRED) WHEN '1' THEN 'true' WHEN '0' THEN 'false'
         ELSE NULLIF(TRIM(TRANSFERRED), '') END                          AS transferred
FROM raw
WHERE TRIM(DISPOSITION) IN ('2', '3')
