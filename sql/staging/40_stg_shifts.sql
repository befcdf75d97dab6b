-- stg_shifts: shifts with the agent's team on the shift's date (stg_agent_team_at_date); absent shifts count as 0 s logged in (shrinkage rule).
CREATE OR REPLACE VIEW stg_shifts AS
SELECT
    sh.agent_id,
    sh.date,
    sh.start_time,
    sh.end_time,
    a.site,
    a.supervisor_id,
    a.coach_id,
    sh.scheduled_s AS m_scheduled_s,
    CASE WHEN sh.absent THEN 0 ELSE sh.logged_in_s END AS m_logged_in_s,
    sh.adherent_s AS m_adherent_s,
    CASE WHEN sh.adherent_s IS NOT NULL THEN sh.scheduled_s END AS m_scheduled_adherence_known_s,
    sh.absent::INT AS m_absent,
    1 AS m_shifts
FROM shifts sh
LEFT JOIN stg_agent_team_at_date a
       ON a.agent_id = sh.agent_id AND team_valid_on(a.valid_from, a.valid_to, sh.date);
