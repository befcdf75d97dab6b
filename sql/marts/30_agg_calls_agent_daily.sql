-- agg_calls_agent_daily: calls rolled up by arrival day × queue × answering agent, with the agent's team.
-- Used when a filter or breakdown names agents, supervisors or sites at day grain or coarser.
-- Abandoned calls have no agent: they sit in rows with agent_id NULL (and no team).
-- Reads refresh_fct_calls: all of fct_calls on a full rebuild, the days an import touched otherwise.
SELECT
    call_date,
    queue,
    agent_id,
    site,
    supervisor_id,
    SUM(COLUMNS('^m_')),
    MAX(max_wait_s) AS max_wait_s
FROM refresh_fct_calls
GROUP BY call_date, queue, agent_id, site, supervisor_id
