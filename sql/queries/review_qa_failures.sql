-- Agents with two or more human evaluations below the QA pass mark in the period (evaluated_at).
-- Params: $start, $end (inclusive dates).
WITH scored AS (
    SELECT e.agent_id, e.score, (e.score < st.qa_pass_mark)::INT AS failed
    FROM evaluations e
    CROSS JOIN stg_settings st
    WHERE e.kind = 'human'
      AND in_days(e.evaluated_at, $start, $end)
)
SELECT
    sc.agent_id,
    any_value(a.name)          AS name,
    any_value(a.supervisor_id) AS supervisor_id,
    any_value(s.name)          AS supervisor,
    sum(sc.failed)::INT        AS failed,
    count(*)::INT              AS evaluations,
    avg(sc.score)              AS avg_score,
    min(sc.score)              AS lowest_score
FROM scored sc
LEFT JOIN agents a ON a.agent_id = sc.agent_id
LEFT JOIN agents s ON s.agent_id = a.supervisor_id
GROUP BY sc.agent_id
HAVING sum(sc.failed) >= 2
ORDER BY failed DESC, avg_score ASC, sc.agent_id;
