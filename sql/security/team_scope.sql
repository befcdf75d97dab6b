-- team_scope: row-level security for a supervisor's session. Run on a read-only connection, it
-- shadows every table and view a page may read with a TEMP view holding only the rows of the teams
-- in temp.scope_teams (filled with bound parameters by analytics/core/warehouse.py). Unqualified names
-- resolve to these temp views first, so every query — KPI registry, page queries, exports — sees the
-- team only. {db} is the warehouse's own catalog name, quoted by the code (never user input).
-- Abandoned calls have no agent and so belong to no team: a team scope never shows them.
-- The marts and staging views carry the team on the event's date (stg_agent_team_at_date), so a
-- supervisor's scope over calls, evaluations and shifts follows the org chart at that date.
-- A person is in scope if they were ever in one of the teams (org-chart history); their calls,
-- evaluations and shifts only for the dates they were (scope_member_on).
-- (The periods of stg_agent_team_at_date, read from the base tables: that view's own `agents` would
-- resolve to the scoped view below.)
CREATE TEMP VIEW scope_periods AS
    SELECT s.agent_id,
           CASE WHEN s.valid_from = (SELECT min(x.valid_from) FROM {db}.main.assignments x WHERE x.agent_id = s.agent_id)
                THEN NULL ELSE s.valid_from END AS valid_from,
           s.valid_to
    FROM {db}.main.assignments s
    WHERE s.supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams)
    UNION ALL
    SELECT a.agent_id, CAST(NULL AS DATE), CAST(NULL AS DATE) FROM {db}.main.agents a
    WHERE a.supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams)
      AND NOT EXISTS (SELECT 1 FROM {db}.main.assignments x WHERE x.agent_id = a.agent_id);
CREATE TEMP MACRO scope_member_on(who, d) AS EXISTS (
    SELECT 1 FROM temp.main.scope_periods p
    WHERE p.agent_id = who AND (p.valid_from IS NULL OR d >= p.valid_from) AND (p.valid_to IS NULL OR d < p.valid_to));
CREATE TEMP VIEW agents AS
    SELECT * FROM {db}.main.agents
    WHERE agent_id IN (SELECT agent_id FROM temp.main.scope_periods)
       OR agent_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
CREATE TEMP VIEW stg_agents AS
    SELECT * FROM {db}.main.stg_agents WHERE agent_id IN (SELECT agent_id FROM temp.main.agents);
CREATE TEMP VIEW scope_agent_ids AS
    SELECT agent_id FROM temp.main.agents WHERE role = 'agent';
CREATE TEMP VIEW calls AS
    SELECT * FROM {db}.main.calls c
    WHERE agent_id IN (SELECT agent_id FROM temp.main.scope_agent_ids) AND scope_member_on(c.agent_id, CAST(c.arrived_at AS DATE));
CREATE TEMP VIEW stg_calls AS
    SELECT * FROM {db}.main.stg_calls c
    WHERE agent_id IN (SELECT agent_id FROM temp.main.scope_agent_ids) AND scope_member_on(c.agent_id, CAST(c.arrived_at AS DATE));
CREATE TEMP VIEW fct_calls AS
    SELECT * FROM {db}.main.fct_calls WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
CREATE TEMP VIEW agg_calls_agent_daily AS
    SELECT * FROM {db}.main.agg_calls_agent_daily
    WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
-- the queue rollup cannot be filtered by team: rebuild it from the team's calls
CREATE TEMP VIEW agg_calls_queue_hourly AS
    SELECT arrived_hour, queue, SUM(COLUMNS('^m_')), MAX(max_wait_s) AS max_wait_s
    FROM temp.main.fct_calls GROUP BY arrived_hour, queue;
-- Queue service KPIs (offered, abandoned, service level, abandonment, waits) are not personal data: every
-- role sees them for the whole center (the KPI contract, "Who sees queue KPIs"). Their view reads the
-- center's rollup, not the team's; under a team filter those KPIs are undefined anyway (attribution).
CREATE TEMP VIEW agg_queue_service_hourly AS
    SELECT arrived_hour, queue, m_offered, m_answered, m_abandoned, m_short_abandoned, m_answered_in_sl,
           m_abandon_wait_s, m_abandon_wait_n, max_wait_s
    FROM {db}.main.agg_calls_queue_hourly;
CREATE TEMP VIEW evaluations AS
    SELECT * FROM {db}.main.evaluations e
    WHERE agent_id IN (SELECT agent_id FROM temp.main.scope_agent_ids) AND scope_member_on(e.agent_id, CAST(e.evaluated_at AS DATE));
CREATE TEMP VIEW stg_evaluations AS
    SELECT * FROM {db}.main.stg_evaluations WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
CREATE TEMP VIEW fct_evaluations AS
    SELECT * FROM {db}.main.fct_evaluations WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
CREATE TEMP VIEW agg_evaluations_daily AS
    SELECT * FROM {db}.main.agg_evaluations_daily WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
-- the org's changes by day: the teams' own rows (a person counts in the team of the day)
CREATE TEMP VIEW agg_org_changes AS
    SELECT * FROM {db}.main.agg_org_changes WHERE team IN (SELECT supervisor_id FROM temp.main.scope_teams);
CREATE TEMP VIEW evaluation_items AS
    SELECT * FROM {db}.main.evaluation_items
    WHERE evaluation_id IN (SELECT evaluation_id FROM temp.main.evaluations);
CREATE TEMP VIEW surveys AS
    SELECT * FROM {db}.main.surveys WHERE call_id IN (SELECT call_id FROM temp.main.calls);
CREATE TEMP VIEW shifts AS
    SELECT * FROM {db}.main.shifts s
    WHERE agent_id IN (SELECT agent_id FROM temp.main.scope_agent_ids) AND scope_member_on(s.agent_id, s.date);
CREATE TEMP VIEW stg_shifts AS
    SELECT * FROM {db}.main.stg_shifts WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
CREATE TEMP VIEW fct_agent_days AS
    SELECT * FROM {db}.main.fct_agent_days WHERE supervisor_id IN (SELECT supervisor_id FROM temp.main.scope_teams);
