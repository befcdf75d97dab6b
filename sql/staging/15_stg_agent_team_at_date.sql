-- stg_agent_team_at_date: where each person sits in the organization over time. One row per person and
-- validity interval [valid_from, valid_to) — NULL valid_from = since always, NULL valid_to = still valid —
-- with the supervisor, coach, site and role of that interval.
-- Every team KPI (site / supervisor / coach grouping and filters, a supervisor's scope) reads the team
-- through this view, joined on the event's date with team_valid_on(): a call, evaluation or shift belongs
-- to the team of the assignment valid on its date (the KPI contract, assignments, second edition).
-- A person with an org-chart history (`assignments`: imported, or written when an agents import moved
-- them) has one row per period; the earliest period also covers the time before it began (NULL
-- valid_from), so no call of theirs is left without a team. Everyone else has one open interval: the
-- current values in `agents`. A period that leaves role empty takes the person's role from `agents`.
CREATE OR REPLACE VIEW stg_agent_team_at_date AS
SELECT
    s.agent_id,
    CASE WHEN s.valid_from = min(s.valid_from) OVER (PARTITION BY s.agent_id) THEN NULL
         ELSE s.valid_from END AS valid_from,
    s.valid_to,
    s.supervisor_id,
    s.coach_id,
    s.site,
    COALESCE(s.role, a.role) AS role
FROM assignments s
LEFT JOIN agents a ON a.agent_id = s.agent_id
UNION ALL
SELECT
    agent_id,
    CAST(NULL AS DATE) AS valid_from,
    CAST(NULL AS DATE) AS valid_to,
    supervisor_id,
    coach_id,
    site,
    role
FROM agents a
WHERE NOT EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.agent_id);

-- team_valid_on(valid_from, valid_to, d): is an interval of stg_agent_team_at_date valid on date d?
CREATE OR REPLACE MACRO team_valid_on(valid_from, valid_to, d) AS
    (valid_from IS NULL OR d >= valid_from) AND (valid_to IS NULL OR d < valid_to);
