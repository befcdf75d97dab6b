-- agg_evaluations_daily: evaluations rolled up by day × kind × queue × agent × evaluator, with the agent's
-- team. The Quality KPIs at day grain or coarser read it instead of every evaluation (on the medium preset
-- 0.31 M rows instead of 7.3 M: automated checks of every call collapse into one row per agent, queue and
-- day). `kind` stays a key: the KPI expressions filter human evaluations with it.
-- Reads refresh_fct_evaluations: all of fct_evaluations on a full rebuild, the days an import touched otherwise.
SELECT
    evaluated_date,
    kind,
    queue,
    agent_id,
    evaluator_id,
    site,
    supervisor_id,
    SUM(COLUMNS('^m_'))
FROM refresh_fct_evaluations
GROUP BY evaluated_date, kind, queue, agent_id, evaluator_id, site, supervisor_id
