-- Supervisors whose span of control (active agents reporting to them on the period's last day) is
-- above the limit. Params: $end (the last day), $limit.
SELECT
    a.supervisor_id,
    any_value(s.name)  AS supervisor,
    any_value(s.site)  AS site,
    count(*)           AS agents
FROM agents a
LEFT JOIN agents s ON s.agent_id = a.supervisor_id
WHERE a.role = 'agent'
  AND a.supervisor_id IS NOT NULL
  AND a.hired_on <= $end::DATE
  AND (a.left_on IS NULL OR a.left_on > $end::DATE)
GROUP BY a.supervisor_id
HAVING count(*) > $limit
ORDER BY agents DESC, a.supervisor_id;
