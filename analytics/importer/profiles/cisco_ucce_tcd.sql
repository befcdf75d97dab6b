-- profile: Cisco UCCE Termination_Call_Detail
-- table: calls
-- format: CSV of Termination_Call_Detail rows (one row per call leg), header = the column names
-- document: Cisco "Database Schema Handbook for Cisco Unified ICM / Contact Center Enterprise", Termination_Call_Detail table
-- fields: RecoveryKey, DateTime, RouterCallKeyDay, RouterCallKey, PeripheralCallKey, CallDisposition, AgentPeripheralNumber, SkillGroupSkillTargetID, ANI, LocalQTime, DelayTime, RingTime, TalkTime, HoldTime, WorkTime, Duration
--
-- The legs of one call share RouterCallKeyDay + RouterCallKey (cradle-to-grave key; PeripheralCallKey when
-- the call was not routed); RecoveryKey is each row's own key, the leg. DateTime is when the leg's record
-- was written at its end, so the leg arrived Duration seconds earlier (Duration = LocalQTime + RingTime +
-- TalkTime + WorkTime + HoldTime + DelayTime). CallDisposition 1-4 are abandons (in network, in local
-- queue, ringing, delay); a leg with talk time and an agent is answered; other rows are left out.
-- The queue is the skill group's id (the export has no names).
SELECT
    source_row,
    CASE WHEN NULLIF(TRIM(RouterCallKey), '') IS NOT NULL AND TRIM(RouterCallKey) <> '0'
         THEN TRIM(RouterCallKeyDay) || '-' || TRIM(RouterCallKey)
         ELSE 'P' || TRIM(PeripheralCallKey) END                          AS call_id,
    RecoveryKey                                                          AS leg_id,
    COALESCE(CAST(TRY_CAST(TRIM(DateTime) AS TIMESTAMP)
                  - to_seconds(COALESCE(TRY_CAST(TRIM(Duration) AS BIGINT), 0)) AS VARCHAR),
             NULLIF(TRIM(DateTime), '') || ' (not a date and time)')     AS arrived_at,
    SkillGroupSkillTargetID                                              AS queue,
    NULLIF(TRIM(ANI), '')                                                AS caller_id,
    COALESCE(TRY_CAST(LocalQTime AS DOUBLE), 0) + COALESCE(TRY_CAST(RingTime AS DOUBLE), 0)
      + COALESCE(TRY_CAST(DelayTime AS DOUBLE), 0)                       AS wait_s,
    CASE WHEN TRIM(CallDisposition) IN ('1', '2', '3', '4') THEN 'abandoned' ELSE 'answered' END AS outcome,
    CASE WHEN TRIM(CallDisposition) NOT IN ('1', '2', '3', '4')
         THEN NULLIF(TRIM(AgentPeripheralNumber), '') END                AS agent_id,
    CASE WHEN TRIM(CallDisposition) IN ('1', '2', '3', '4') THEN '0' ELSE TalkTime END AS talk_s,
    CASE WHEN TRIM(CallDisposition) NOT IN ('1', '2', '3', '4') THEN HoldTime END AS hold_s,
    CASE WHEN TRIM(CallDisposition) NOT IN ('1', '2', '3', '4') THEN WorkTime END AS acw_s
FROM raw
WHERE TRIM(CallDisposition) IN ('1', '2', '3', '4')
   OR (TRY_CAST(TalkTime AS DOUBLE) > 0 AND NULLIF(TRIM(AgentPeripheralNumber), '') IS NOT NULL)
