-- surveys: post-call survey answers; a survey belongs to its call's period.
CREATE TABLE IF NOT EXISTS surveys (
    call_id     TEXT PRIMARY KEY,
    csat        INTEGER CHECK (csat BETWEEN 1 AND 5),
    nps         INTEGER CHECK (nps BETWEEN 0 AND 10),
    answered_at TIMESTAMP
);
