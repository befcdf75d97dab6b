-- stg_agent_team_at_date: where each person sits in the organization over time. One row per person and
-- validity interval [valid_from, valid_to) — NULL valid_from = since always, NULL valid_to = still valid —
-- with the supervisor, coach, site and role of that interval.
-- Every team KPI (site / supervisor / coach grouping and filters, a supervisor's scope) reads the team
-- through this view, joined on the event's date with team_valid_on(): a call, evaluation or shift belongs
-- to the team of the assignment valid on its date (kpi-definitions.md, assignments, second edition).
-- Today it holds one open interval per person: the current values in `agents`. An org-chart history
-- (the `assignments` table) only has to be added here; nothing downstream changes.
CREATE OR REPLACE VIEW stg_agent_team_at_date AS
SELECT
    agent_id,
    CAST(NULL AS DATE) AS valid_from,
    CAST(NULL AS DATE) AS valid_to,
    supervisor_id,
    coach_id,
    site,
    role
FROM agents;

-- team_valid_on(valid_from, valid_to, d): is an interval of stg_agent_team_at_date valid on date d?
CREATE OR REPLACE MACRO team_valid_on(valid_from, valid_to, d) AS
    (valid_from IS NULL OR d >= valid_from) AND (valid_to IS NULL OR d < valid_to);
