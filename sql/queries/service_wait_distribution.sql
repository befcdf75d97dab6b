-- service_wait_distribution: calls by outcome and wait-time bin, for the Service page's histogram.
-- Params, in text order: the ascending bin edges in seconds (DOUBLE[]), then start, end (inclusive
-- dates), queues, queues, sites, sites, supervisors, supervisors, agents, agents (empty list = all).
-- bin = how many edges are <= wait_s (0 = below the first edge). Short abandons (m_short_abandoned,
-- from the short-abandon setting) are their own series; calls with an unknown wait are left out.
SELECT
    CASE WHEN outcome = 'answered' THEN 'Answered'
         WHEN m_short_abandoned = 1 THEN 'Short abandon'
         ELSE 'Abandoned' END                                           AS series,
    len(list_filter(?::DOUBLE[], lambda e: e <= wait_s))               AS bin,
    count(*)                                                            AS calls
FROM fct_calls
WHERE arrived_at >= ?::DATE AND arrived_at < ?::DATE + 1
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], queue))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], site))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], supervisor_id))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], agent_id))
  AND wait_s IS NOT NULL
GROUP BY series, bin
ORDER BY series, bin;
