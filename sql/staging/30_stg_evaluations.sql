-- stg_evaluations: evaluations with the call's queue, the agent's team on the evaluation's date
-- (stg_agent_team_at_date), and the pass indicator.
CREATE OR REPLACE VIEW stg_evaluations AS
SELECT
    e.evaluation_id,
    e.call_id,
    e.agent_id,
    e.evaluator_id,
    e.evaluated_at,
    e.kind,
    c.queue,
    a.site,
    a.supervisor_id,
    a.coach_id,
    1                                        AS m_evaluations,
    e.score                                  AS m_score,
    e.score * e.score                        AS m_score_sq,
    (e.score >= s.qa_pass_mark)::INT         AS m_passed
FROM evaluations e
CROSS JOIN stg_settings s
LEFT JOIN calls c ON c.call_id = e.call_id
LEFT JOIN stg_agent_team_at_date a
       ON a.agent_id = e.agent_id AND team_valid_on(a.valid_from, a.valid_to, e.evaluated_at::DATE);
