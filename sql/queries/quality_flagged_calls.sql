-- quality_flagged_calls: the calls behind one flag, newest first, at most $limit rows.
-- The call_flags placeholder below is the text of quality_call_flags.sql (params as there); $flag the flag id.
SELECT
    f.call_id, f.arrived_at, f.queue, f.agent_id, a.name AS agent_name,
    f.wait_s, f.talk_s, f.hold_s, f.acw_s, f.dead_air_s, f.hold_count, f.transferred, f.resolved, f.reason
FROM ({call_flags}) AS f
LEFT JOIN agents a ON a.agent_id = f.agent_id
WHERE CASE $flag::VARCHAR
          WHEN 'long_hold'  THEN f.long_hold
          WHEN 'dead_air'   THEN f.dead_air
          WHEN 'transfer'   THEN f.transfer
          WHEN 'repeat_7d'  THEN f.repeat_7d
          WHEN 'unresolved' THEN f.unresolved
      END
ORDER BY f.arrived_at DESC, f.call_id DESC
LIMIT $limit::BIGINT
