-- calls: one row per inbound call that entered a queue (IVR-only calls are not rows).
-- caller_id holds only HMAC-SHA256(key, sha256(settings.caller_salt || number)), never the number; the
-- key lives outside the warehouse (analytics/auth/caller_key.py, docs/security.md).
-- call_id uniqueness is enforced by the import (an ART index over tens of millions of keys would
-- cost gigabytes of memory); tests/test_warehouse.py checks it on built warehouses.
CREATE TABLE IF NOT EXISTS calls (
    call_id     TEXT NOT NULL,
    arrived_at  TIMESTAMP NOT NULL,
    queue       TEXT NOT NULL,
    caller_id   TEXT,
    wait_s      DOUBLE CHECK (wait_s >= 0),
    outcome     TEXT NOT NULL CHECK (outcome IN ('answered', 'abandoned')),
    agent_id    TEXT,
    talk_s      DOUBLE NOT NULL CHECK (talk_s >= 0),
    hold_s      DOUBLE CHECK (hold_s >= 0),
    acw_s       DOUBLE CHECK (acw_s >= 0),
    transferred BOOLEAN,
    reason      TEXT,
    resolved    BOOLEAN,
    dead_air_s  DOUBLE CHECK (dead_air_s >= 0),
    hold_count  INTEGER CHECK (hold_count >= 0),
    legs        INTEGER CHECK (legs >= 1),  -- transfer legs stitched into this call (docs/import.md); null = 1
    CHECK (outcome = 'abandoned' OR (agent_id IS NOT NULL AND wait_s IS NOT NULL)),
    CHECK (outcome = 'answered' OR agent_id IS NULL)
);
-- Warehouses built before calls had `legs`: add it (null = one leg).
ALTER TABLE calls ADD COLUMN IF NOT EXISTS legs INTEGER;
