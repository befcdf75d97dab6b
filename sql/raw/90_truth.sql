-- truth: what the sample generator knows and an importer never has. The attrition model and its
-- features must never read this schema; it is the oracle the model is judged against.
CREATE SCHEMA IF NOT EXISTS truth;
CREATE TABLE IF NOT EXISTS truth.agent_month_hazard (
    agent_id          TEXT NOT NULL,
    month_end         DATE NOT NULL,
    monthly_hazard    DOUBLE NOT NULL,  -- true probability of a voluntary exit in the next month
    p_exit_90d        DOUBLE NOT NULL,  -- true probability of a voluntary exit within 90 days
    PRIMARY KEY (agent_id, month_end)
);
-- The true arrival intensity: expected calls (the Poisson mean) per queue and 30-minute interval,
-- before chance. The staffing forecast is judged against it (docs/staffing.md).
CREATE TABLE IF NOT EXISTS truth.queue_interval_intensity (
    queue            TEXT NOT NULL,
    interval_start   TIMESTAMP NOT NULL,
    expected_calls   DOUBLE NOT NULL,
    PRIMARY KEY (queue, interval_start)
);
-- The true mean caller patience and planned handle time per queue.
CREATE TABLE IF NOT EXISTS truth.queue_params (
    queue            TEXT PRIMARY KEY,
    patience_s       DOUBLE NOT NULL,
    aht_s            DOUBLE NOT NULL
);
