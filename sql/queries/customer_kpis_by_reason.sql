-- customer_kpis_by_reason: registry KPIs per call reason. The measures placeholder is composed in analytics/customer/data.py
-- from the registry's own expressions (Kpi.expr over fct_calls' m_ columns): no formula is typed here.
-- Params: $1 start, $2 end (inclusive dates, period = arrival), $3 queues, $4 sites, $5 supervisors, $6 agents.
SELECT
    reason,
    {measures}
FROM fct_calls
WHERE arrived_at >= $1::DATE AND arrived_at < $2::DATE + 1
  AND (len($3::VARCHAR[]) = 0 OR list_contains($3::VARCHAR[], queue))
  AND (len($4::VARCHAR[]) = 0 OR list_contains($4::VARCHAR[], site))
  AND (len($5::VARCHAR[]) = 0 OR list_contains($5::VARCHAR[], supervisor_id))
  AND (len($6::VARCHAR[]) = 0 OR list_contains($6::VARCHAR[], agent_id))
GROUP BY reason
