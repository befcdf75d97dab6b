-- quality_evaluator_drift: evaluator_drift_pts (the KPI contract, Quality), one row per evaluator:
--   their mean score − the mean score of all evaluators' evaluations of the same agents in the period.
-- "The same agents" are the agents this evaluator evaluated in the period; the baseline is the plain mean
-- over every human evaluation of those agents in the period, by any evaluator (this one included, as
-- written). Human evaluations only, like qa_score_avg; period = evaluated_at.
-- Params: the selection (period = evaluated_at).
WITH ev AS (
    SELECT evaluator_id, agent_id, m_score AS score
    FROM fct_evaluations
    WHERE kind = 'human'
      AND in_selection(evaluated_at, queue, site, supervisor_id, agent_id,
                       $start, $end, $queues, $sites, $supervisors, $agents)
),
own AS (
    SELECT evaluator_id, count(*) AS evaluations, count(DISTINCT agent_id) AS agents, avg(score) AS own_mean
    FROM ev
    GROUP BY evaluator_id
),
pairs AS (SELECT DISTINCT evaluator_id, agent_id FROM ev),
baseline AS (
    SELECT p.evaluator_id, avg(e.score) AS peer_mean, count(*) AS peer_evaluations
    FROM pairs p
    JOIN ev e ON e.agent_id = p.agent_id
    GROUP BY p.evaluator_id
)
SELECT
    o.evaluator_id,
    a.name                  AS evaluator_name,
    o.evaluations,
    o.agents,
    o.own_mean,
    b.peer_mean,
    b.peer_evaluations,
    o.own_mean - b.peer_mean AS evaluator_drift_pts
FROM own o
JOIN baseline b USING (evaluator_id)
LEFT JOIN agents a ON a.agent_id = o.evaluator_id
ORDER BY evaluator_drift_pts, o.evaluator_id;
