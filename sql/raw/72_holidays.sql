-- holidays: the planner's calendar of days whose call volume is not an ordinary weekday's (public
-- holidays, closures). queue NULL = every queue. Editable with `python -m analytics holidays`; the
-- staffing forecast learns each holiday's effect from past ones and applies it to future ones.
CREATE TABLE IF NOT EXISTS holidays (
    date   DATE NOT NULL,
    queue  TEXT,
    name   TEXT NOT NULL
);
