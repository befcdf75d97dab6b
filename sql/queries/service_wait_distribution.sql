-- service_wait_distribution: calls by outcome and wait-time bin, for the Service page's histogram.
-- Params: the selection (period = arrival), $edges the ascending bin edges in seconds (DOUBLE[]).
-- bin = how many edges are <= wait_s (0 = below the first edge). Short abandons (m_short_abandoned,
-- from the short-abandon setting) are their own series; calls with an unknown wait are left out.
SELECT
    CASE WHEN outcome = 'answered' THEN 'Answered'
         WHEN m_short_abandoned = 1 THEN 'Short abandon'
         ELSE 'Abandoned' END                                           AS series,
    len(list_filter($edges::DOUBLE[], lambda e: e <= wait_s))               AS bin,
    count(*)                                                            AS calls
FROM fct_calls
WHERE in_selection(arrived_at, queue, site, supervisor_id, agent_id,
                   $start, $end, $queues, $sites, $supervisors, $agents)
  AND wait_s IS NOT NULL
GROUP BY series, bin
ORDER BY series, bin;
