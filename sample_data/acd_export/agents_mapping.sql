-- Maps the ACD's agent roster (agents.csv) onto the canonical `agents` table.
-- Dates are dd/mm/yyyy; try_strptime turns a bad date into NULL, which the importer rejects by row.
SELECT
    source_row,
    "Agent Login"                                        AS agent_id,
    "Agent Name"                                         AS name,
    "Team Leader"                                        AS supervisor_id,
    NULL                                                 AS coach_id,
    Site                                                 AS site,
    CASE Position
        WHEN 'Agent'       THEN 'agent'
        WHEN 'Team Leader' THEN 'supervisor'
        WHEN 'Coach'       THEN 'coach'
        WHEN 'Manager'     THEN 'manager'
        ELSE Position                                    -- unknown positions are rejected, not guessed
    END                                                  AS role,
    CAST(try_strptime("Start Date", '%d/%m/%Y') AS DATE) AS hired_on,
    CAST(try_strptime("End Date", '%d/%m/%Y') AS DATE)   AS left_on,
    CASE "Exit Reason"
        WHEN 'Resigned'   THEN 'voluntary'
        WHEN 'Terminated' THEN 'involuntary'
        ELSE "Exit Reason"
    END                                                  AS exit_type
FROM raw
