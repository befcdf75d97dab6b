-- profile: Genesys Cloud conversation detail records
-- table: calls
-- format: JSON lines, one conversation per line, as the analytics conversation details query / export returns them
-- document: Genesys Cloud Developer Center, "Conversation detail query" (POST /api/v2/analytics/conversations/details/query) and the analytics metric definitions
-- fields: conversationId, conversationStart, participants[].purpose, participants[].participantName, participants[].userId, sessions[].ani, sessions[].segments[].queueId, sessions[].segments[].segmentStart, sessions[].metrics[] tAcd, tAbandon, tTalkComplete, tHeldComplete, tAcw
--
-- A conversation visits one or more queues (participants with purpose "acd"); each queue visit is a leg
-- of the call. The visit was answered by the agent participant whose session was routed from the same
-- queue (queueId); a visit with the tAbandon metric was abandoned. Metrics are milliseconds. The caller
-- is the customer participant's ani ("tel:+1…"). Timestamps are ISO 8601 UTC and kept in UTC.
WITH participants AS (
    SELECT source_row, conversationId, conversationStart,
           unnest(CAST(json_extract(participants, '$[*]') AS JSON[])) AS p
    FROM raw
    WHERE COALESCE(originatingDirection, 'inbound') = 'inbound'
),
sessions AS (
    SELECT source_row, conversationId, conversationStart,
           json_extract_string(p, '$.purpose')         AS purpose,
           json_extract_string(p, '$.participantName') AS participant_name,
           json_extract_string(p, '$.userId')          AS user_id,
           unnest(CAST(json_extract(p, '$.sessions[*]') AS JSON[])) AS s
    FROM participants
),
flat AS (
    SELECT source_row, conversationId, conversationStart, purpose, participant_name, user_id,
           json_extract_string(s, '$.sessionId')                AS session_id,
           json_extract_string(s, '$.ani')                      AS ani,
           json_extract_string(s, '$.segments[0].queueId')      AS queue_id,
           json_extract_string(s, '$.segments[0].segmentStart') AS segment_start,
           CAST(json_extract(s, '$.metrics[*]') AS JSON[])      AS metrics
    FROM sessions
),
measured AS (
    SELECT *,
           list_sum(list_transform(list_filter(metrics, lambda m: json_extract_string(m, '$.name') = 'tAcd'),
                                   lambda m: CAST(json_extract_string(m, '$.value') AS DOUBLE)))          AS t_acd,
           list_sum(list_transform(list_filter(metrics, lambda m: json_extract_string(m, '$.name') = 'tAbandon'),
                                   lambda m: CAST(json_extract_string(m, '$.value') AS DOUBLE)))          AS t_abandon,
           list_sum(list_transform(list_filter(metrics, lambda m: json_extract_string(m, '$.name') = 'tTalkComplete'),
                                   lambda m: CAST(json_extract_string(m, '$.value') AS DOUBLE)))          AS t_talk,
           list_sum(list_transform(list_filter(metrics, lambda m: json_extract_string(m, '$.name') = 'tHeldComplete'),
                                   lambda m: CAST(json_extract_string(m, '$.value') AS DOUBLE)))          AS t_held,
           list_sum(list_transform(list_filter(metrics, lambda m: json_extract_string(m, '$.name') = 'tAcw'),
                                   lambda m: CAST(json_extract_string(m, '$.value') AS DOUBLE)))          AS t_acw
    FROM flat
),
callers AS (
    SELECT conversationId, min(regexp_replace(ani, '^tel:', '')) AS caller
    FROM measured WHERE purpose = 'customer' GROUP BY conversationId
)
SELECT
    q.source_row,
    q.conversationId                                                     AS call_id,
    q.session_id                                                         AS leg_id,
    TRY_CAST(COALESCE(q.segment_start, q.conversationStart) AS TIMESTAMP) AS arrived_at,
    q.participant_name                                                   AS queue,
    c.caller                                                             AS caller_id,
    COALESCE(q.t_acd, q.t_abandon) / 1000                                AS wait_s,
    CASE WHEN a.user_id IS NOT NULL AND q.t_abandon IS NULL THEN 'answered' ELSE 'abandoned' END AS outcome,
    CASE WHEN q.t_abandon IS NULL THEN a.user_id END                     AS agent_id,
    CASE WHEN q.t_abandon IS NULL THEN COALESCE(a.t_talk, 0) / 1000 ELSE 0 END AS talk_s,
    CASE WHEN q.t_abandon IS NULL THEN a.t_held / 1000 END               AS hold_s,
    CASE WHEN q.t_abandon IS NULL THEN a.t_acw / 1000 END                AS acw_s
FROM measured q
LEFT JOIN measured a
       ON a.conversationId = q.conversationId AND a.purpose = 'agent' AND a.queue_id = q.queue_id
LEFT JOIN callers c ON c.conversationId = q.conversationId
WHERE q.purpose = 'acd'
