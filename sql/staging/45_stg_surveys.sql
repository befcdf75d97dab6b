-- stg_surveys: post-call survey answers, one row per call (a survey belongs to its call's period).
CREATE OR REPLACE VIEW stg_surveys AS
SELECT call_id, csat, nps, answered_at
FROM surveys;
