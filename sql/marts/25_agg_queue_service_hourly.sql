-- agg_queue_service_hourly: the queue service measures (offered, answered, abandoned, short abandons,
-- answered in service level, waits) by arrival hour × queue. These count abandoned calls, which belong to
-- a queue and to no agent, so they hold no personal data: every role sees them for the whole center, and
-- a supervisor's scope does not narrow this view (sql/security/team_scope.sql re-points it at the
-- center's rollup). The KPIs that count abandoned calls read it (analytics/core/sources.py, queue_service).
CREATE OR REPLACE VIEW agg_queue_service_hourly AS
SELECT
    arrived_hour,
    queue,
    m_offered,
    m_answered,
    m_abandoned,
    m_short_abandoned,
    m_answered_in_sl,
    m_abandon_wait_s,
    m_abandon_wait_n,
    max_wait_s
FROM agg_calls_queue_hourly;
