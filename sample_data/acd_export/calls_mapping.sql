-- Maps the ACD's call detail export (calls.csv) onto the canonical `calls` table.
-- Start Time is dd/mm/yyyy HH:MM:SS; durations are "mm:ss" text, turned into seconds here.
-- A value that does not parse becomes NULL and the importer rejects that row, naming the column.
SELECT
    source_row,
    "Call ID"                                                   AS call_id,
    try_strptime("Start Time", '%d/%m/%Y %H:%M:%S')             AS arrived_at,
    Skill                                                       AS queue,
    ANI                                                         AS caller_id,
    TRY_CAST(split_part("Queue Time", ':', 1) AS INTEGER) * 60
      + TRY_CAST(split_part("Queue Time", ':', 2) AS INTEGER)   AS wait_s,
    lower(Disposition)                                          AS outcome,
    "Agent Login"                                               AS agent_id,
    TRY_CAST(split_part("Talk Time", ':', 1) AS INTEGER) * 60
      + TRY_CAST(split_part("Talk Time", ':', 2) AS INTEGER)    AS talk_s,
    TRY_CAST(split_part("Hold Time", ':', 1) AS INTEGER) * 60
      + TRY_CAST(split_part("Hold Time", ':', 2) AS INTEGER)    AS hold_s,
    TRY_CAST(split_part("Wrap Time", ':', 1) AS INTEGER) * 60
      + TRY_CAST(split_part("Wrap Time", ':', 2) AS INTEGER)    AS acw_s,
    CASE Transferred WHEN 'Y' THEN true WHEN 'N' THEN false END AS transferred,
    "Contact Reason"                                            AS reason
FROM raw
