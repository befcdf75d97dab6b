-- shifts: one scheduled shift per agent and day, with what was actually logged in and adhered to.
CREATE TABLE IF NOT EXISTS shifts (
    agent_id    TEXT NOT NULL,
    date        DATE NOT NULL,
    scheduled_s DOUBLE NOT NULL CHECK (scheduled_s >= 0),
    logged_in_s DOUBLE NOT NULL CHECK (logged_in_s >= 0),
    adherent_s  DOUBLE CHECK (adherent_s >= 0),
    absent      BOOLEAN NOT NULL,
    start_time  TIME,  -- optional: the shift's scheduled start (local time of day)
    end_time    TIME,  -- optional: its scheduled end; earlier than start_time = ends after midnight
    PRIMARY KEY (agent_id, date)
);
-- warehouses built before the shift times existed gain the (empty) columns
ALTER TABLE shifts ADD COLUMN IF NOT EXISTS start_time TIME;
ALTER TABLE shifts ADD COLUMN IF NOT EXISTS end_time TIME;
