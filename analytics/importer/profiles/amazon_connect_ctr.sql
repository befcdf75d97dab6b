-- profile: Amazon Connect contact records (CTR)
-- table: calls
-- format: JSON lines from the contact-record export stream (Kinesis / Firehose / S3), or a CSV with the same dotted names
-- document: Amazon Connect Administrator Guide, "Data model for Amazon Connect contact records", https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html
-- fields: ContactId, InitialContactId, Channel, InitiationTimestamp, CustomerEndpoint.Address, Queue.Name, Queue.Duration, Agent.Username, Agent.AgentInteractionDuration, Agent.CustomerHoldDuration, Agent.AfterContactWorkDuration, Agent.NumberOfHolds
--
-- One record per contact; a transfer creates a new contact whose InitialContactId is the first contact's
-- ContactId, so call_id = InitialContactId (or the ContactId of a first contact) and each contact is a leg.
-- A contact with an Agent object was connected to an agent (answered); without one it was abandoned in
-- the queue. Durations are whole seconds. Timestamps are ISO 8601 in UTC and are kept in UTC.
-- Only voice contacts that entered a queue are calls (the contract: IVR-only contacts are not rows).
SELECT
    source_row,
    COALESCE(NULLIF(TRIM("InitialContactId"), ''), "ContactId")          AS call_id,
    "ContactId"                                                          AS leg_id,
    TRY_CAST("InitiationTimestamp" AS TIMESTAMP)                         AS arrived_at,
    "Queue.Name"                                                         AS queue,
    "CustomerEndpoint.Address"                                           AS caller_id,
    "Queue.Duration"                                                     AS wait_s,
    CASE WHEN NULLIF(TRIM("Agent.Username"), '') IS NOT NULL
         THEN 'answered' ELSE 'abandoned' END                            AS outcome,
    NULLIF(TRIM("Agent.Username"), '')                                   AS agent_id,
    COALESCE(NULLIF(TRIM("Agent.AgentInteractionDuration"), ''), '0')    AS talk_s,
    "Agent.CustomerHoldDuration"                                         AS hold_s,
    "Agent.AfterContactWorkDuration"                                     AS acw_s,
    "Agent.NumberOfHolds"                                                AS hold_count
FROM raw
WHERE COALESCE("Channel", 'VOICE') = 'VOICE'
  AND NULLIF(TRIM("Queue.Name"), '') IS NOT NULL
