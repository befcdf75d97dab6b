-- customer_kpis_by_reason: registry KPIs per call reason. The measures placeholder is composed in analytics/customer/data.py
-- from the registry's own expressions (Kpi.expr over fct_calls' m_ columns): no formula is typed here.
-- Params: the selection (period = arrival; sql/macros/selection.sql).
SELECT
    reason,
    {measures}
FROM fct_calls
WHERE in_selection(arrived_at, queue, site, supervisor_id, agent_id,
                   $start, $end, $queues, $sites, $supervisors, $agents)
GROUP BY reason
