-- The selection predicate, written once for every file in sql/queries. Stored in the warehouse by
-- analytics/core/warehouse.py (build_schema: init, every import, refresh); on a warehouse built before
-- that, analytics/core/queries.py creates them as TEMP macros of the connection when a query misses them. The filter's values arrive as
-- bound parameters ($start, $end, $queues, $sites, $supervisors, $agents); a query passes them on.
--   chosen(v, list)          v is one of the chosen values; an empty list means "all"
--   in_days(ts, first, last) ts falls on one of the days first..last (inclusive calendar days)
--   in_selection(ts, queue, site, supervisor_id, agent_id, $start, $end, $queues, $sites, $supervisors, $agents)
--                            the row is in the period and in every chosen dimension
CREATE OR REPLACE TEMP MACRO chosen(v, vals) AS (len(vals::VARCHAR[]) = 0 OR list_contains(vals::VARCHAR[], v));
CREATE OR REPLACE TEMP MACRO in_days(ts, first_day, last_day) AS (ts >= first_day::DATE AND ts < last_day::DATE + 1);
CREATE OR REPLACE TEMP MACRO in_selection(ts, queue, site, supervisor_id, agent_id,
                                          first_day, last_day, queues, sites, supervisors, agents) AS (
    in_days(ts, first_day, last_day)
    AND chosen(queue, queues) AND chosen(site, sites)
    AND chosen(supervisor_id, supervisors) AND chosen(agent_id, agents)
);
