"""The sample generator builds a believable, reproducible center (small preset, real DuckDB files)."""
from __future__ import annotations

import re
import time

import duckdb
import pytest

from analytics.cli import main
from analytics.sample import generate

SL = """SELECT 100.0 * count(*) FILTER (outcome = 'answered' AND wait_s <= 20)
        / (count(*) - count(*) FILTER (outcome = 'abandoned' AND wait_s < 5)) FROM calls"""
CHECKSUM = "SELECT sum(hash(call_id, arrived_at, queue, caller_id, wait_s, outcome, agent_id, talk_s, reason)) FROM calls"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "wh.duckdb"
    # CPU time, not wall time: the shared machine's load must not fail the build-time check.
    t0 = time.process_time()
    stats = generate(path, preset="small", seed=7)
    elapsed = time.process_time() - t0
    con = duckdb.connect(str(path), read_only=True)
    yield path, stats, elapsed, con
    con.close()


def one(con, sql, params=None):
    return con.execute(sql, params or []).fetchone()[0]


def test_build_is_fast_and_atomic(built):
    path, stats, elapsed, _ = built
    assert elapsed < 12.0, elapsed  # ~5 s of CPU for ~200,000 calls; generous for a loaded machine
    assert stats["rows"]["calls"] > 20_000
    assert not path.with_name(path.name + ".building").exists()
    assert stats["marts"] == "ok" or stats["marts"].startswith("refresh failed")


def test_same_seed_same_data_other_seed_differs(built, tmp_path):
    _, stats, _, con = built
    again = tmp_path / "again.duckdb"
    other = tmp_path / "other.duckdb"
    assert generate(again, preset="small", seed=7)["rows"] == stats["rows"]
    generate(other, preset="small", seed=8)
    with duckdb.connect(str(again), read_only=True) as c2, duckdb.connect(str(other), read_only=True) as c3:
        assert one(c2, CHECKSUM) == one(con, CHECKSUM)
        assert one(c3, CHECKSUM) != one(con, CHECKSUM)


def test_call_constraints(built):
    con = built[3]
    assert one(con, "SELECT count(*) - count(DISTINCT call_id) FROM calls") == 0
    assert one(con, "SELECT count(*) FROM calls WHERE outcome = 'answered' AND (agent_id IS NULL OR wait_s IS NULL)") == 0
    assert one(con, "SELECT count(*) FROM calls WHERE outcome = 'abandoned' AND (agent_id IS NOT NULL OR talk_s <> 0)") == 0
    # Every answered call was taken by an employed agent who was present on a shift that day.
    assert one(con, """SELECT count(*) FROM calls c LEFT JOIN shifts s
                       ON s.agent_id = c.agent_id AND s.date = c.arrived_at::DATE AND NOT s.absent
                       WHERE c.outcome = 'answered' AND s.agent_id IS NULL""") == 0
    assert one(con, """SELECT count(*) FROM calls c JOIN agents a USING (agent_id)
                       WHERE a.role <> 'agent' OR c.arrived_at::DATE < a.hired_on
                          OR c.arrived_at::DATE >= coalesce(a.left_on, DATE '9999-12-31')""") == 0
    assert one(con, "SELECT max(arrived_at) < TIMESTAMP '2026-11-22' FROM calls")


def test_service_is_believable(built):
    con = built[3]
    sl = one(con, SL)
    assert 60 <= sl <= 90, sl
    ab = one(con, """SELECT 100.0 * count(*) FILTER (outcome = 'abandoned' AND wait_s >= 5)
                     / count(*) FILTER (NOT (outcome = 'abandoned' AND wait_s < 5)) FROM calls""")
    assert 1 <= ab <= 20, ab
    # Service is uneven: some days are clearly bad, most are fine.
    worst, typical = con.execute(f"""WITH d AS (SELECT arrived_at::DATE d,
        100.0 * count(*) FILTER (outcome = 'answered' AND wait_s <= 20) / count(*) sl FROM calls GROUP BY 1)
        SELECT quantile_cont(sl, 0.05), median(sl) FROM d""").fetchone()
    assert worst < typical - 10
    unknown = one(con, "SELECT 100.0 * count(*) FILTER (caller_id IS NULL) / count(*) FROM calls")
    assert 7 <= unknown <= 13
    assert one(con, "SELECT bool_and(regexp_full_match(caller_id, '[0-9a-f]{64}')) FROM calls WHERE caller_id IS NOT NULL")


def test_repeat_calls_make_fcr_realistic(built):
    con = built[3]
    fcr, resolved = con.execute("""
        WITH c AS (SELECT caller_id, arrived_at, outcome, resolved,
                          lead(arrived_at) OVER (PARTITION BY caller_id ORDER BY arrived_at) nxt
                   FROM calls WHERE caller_id IS NOT NULL)
        SELECT 100.0 * avg(CASE WHEN nxt IS NOT NULL AND nxt <= arrived_at + INTERVAL 7 DAY THEN 0 ELSE 1 END),
               100.0 * avg(resolved::INT)
        FROM c WHERE outcome = 'answered'
          AND arrived_at <= (SELECT max(arrived_at) FROM calls) - INTERVAL 7 DAY""").fetchone()
    assert 65 <= fcr <= 85, fcr
    assert resolved > fcr  # agents mark calls resolved more often than callers stay away
    dispute, reset = (one(con, """WITH c AS (SELECT reason, arrived_at, lead(arrived_at) OVER
        (PARTITION BY caller_id ORDER BY arrived_at) nxt FROM calls WHERE caller_id IS NOT NULL)
        SELECT avg(coalesce(nxt <= arrived_at + INTERVAL 7 DAY, false)::INT) FROM c WHERE reason = ?""", [r])
        for r in ("Billing dispute", "Password reset"))
    assert dispute > reset + 0.1


def test_quality_and_surveys(built):
    con = built[3]
    answered = one(con, "SELECT count(*) FROM calls WHERE outcome = 'answered'")
    human = one(con, "SELECT count(DISTINCT call_id) FROM evaluations WHERE kind = 'human'")
    assert 3 <= 100 * human / answered <= 5.5
    assert one(con, "SELECT count(DISTINCT call_id) FROM evaluations WHERE kind = 'auto'") == answered
    assert one(con, "SELECT bool_and(evaluator_id = 'auto-qa') FROM evaluations WHERE kind = 'auto'")
    avg = one(con, "SELECT avg(score) FROM evaluations WHERE kind = 'human'")
    assert 75 <= avg <= 90
    assert one(con, """SELECT count(*) FROM evaluations e WHERE kind = 'human' AND
        (SELECT count(*) FROM evaluation_items i WHERE i.evaluation_id = e.evaluation_id) <> 6""") == 0
    spread = one(con, """SELECT max(m) - min(m) FROM (SELECT avg(score) m FROM evaluations
                         WHERE kind = 'human' GROUP BY evaluator_id)""")
    assert spread > 4  # evaluator bias is visible
    surveys = one(con, "SELECT count(*) FROM surveys")
    assert 8 <= 100 * surveys / answered <= 12
    good, bad = con.execute("""SELECT avg(csat) FILTER (c.resolved), avg(csat) FILTER (NOT c.resolved)
                               FROM surveys s JOIN calls c USING (call_id)""").fetchone()
    assert good > bad


def test_new_hires_are_slower(built):
    con = built[3]
    new, seasoned = con.execute("""SELECT
        avg(talk_s + hold_s + acw_s) FILTER (c.arrived_at::DATE - a.hired_on < 60),
        avg(talk_s + hold_s + acw_s) FILTER (c.arrived_at::DATE - a.hired_on > 365)
        FROM calls c JOIN agents a USING (agent_id) WHERE c.queue = 'Billing'""").fetchone()
    assert new > seasoned * 1.1


def test_org_chart(built):
    con = built[3]
    roles = dict(con.execute("SELECT role, count(*) FROM agents GROUP BY 1").fetchall())
    assert set(roles) == {"agent", "supervisor", "coach", "manager"}
    spans = [r[0] for r in con.execute("""SELECT count(*) FROM agents WHERE role = 'agent' AND left_on IS NULL
                                          GROUP BY supervisor_id""").fetchall()]
    assert sum(8 <= s <= 12 for s in spans) >= 0.6 * len(spans), spans
    names = [r[0] for r in con.execute("SELECT name FROM agents").fetchall()]
    assert any(re.search("[\u0600-\u06ff]", n) for n in names)
    assert any(re.search("[\u4e00-\u9fff]", n) for n in names)
    assert one(con, "SELECT count(*) FROM agents WHERE role = 'agent' AND NOT regexp_full_match(agent_id, 'A[0-9]{4,}')") == 0
    assert one(con, "SELECT count(*) FROM agents WHERE exit_type = 'voluntary'") >= 1
    queues = [r[0] for r in con.execute("SELECT DISTINCT queue FROM calls").fetchall()]
    assert len(queues) >= 4 and any(re.search("[\u0600-\u06ff]", q) for q in queues)


def test_truth_covers_every_active_agent(built):
    con = built[3]
    missing, extra = con.execute("""
        WITH me AS (SELECT DISTINCT month_end FROM truth.agent_month_hazard),
        active AS (SELECT a.agent_id, me.month_end FROM agents a, me WHERE a.role = 'agent'
                   AND a.hired_on <= me.month_end AND (a.left_on IS NULL OR a.left_on > me.month_end))
        SELECT (SELECT count(*) FROM (SELECT * FROM active EXCEPT SELECT agent_id, month_end FROM truth.agent_month_hazard)),
               (SELECT count(*) FROM (SELECT agent_id, month_end FROM truth.agent_month_hazard EXCEPT SELECT * FROM active))
    """).fetchone()
    assert (missing, extra) == (0, 0)
    assert one(con, "SELECT count(DISTINCT month_end) FROM truth.agent_month_hazard") == 3
    assert one(con, """SELECT bool_and(monthly_hazard > 0 AND monthly_hazard < 1 AND p_exit_90d >= monthly_hazard
                       AND p_exit_90d < 1) FROM truth.agent_month_hazard""")
    # Early tenure is riskier (observable from hired_on).
    new, old = con.execute("""SELECT avg(monthly_hazard) FILTER (t.month_end - a.hired_on < 90),
                                     avg(monthly_hazard) FILTER (t.month_end - a.hired_on > 365)
                              FROM truth.agent_month_hazard t JOIN agents a USING (agent_id)""").fetchone()
    assert new > old


def test_cli_builds_and_rejects_bad_input(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    assert main(["sample", "--preset", "small", "--months", "1", "--db", str(path), "--end", "2025-03-03"]) == 0
    with duckdb.connect(str(path), read_only=True) as con:
        assert one(con, "SELECT max(arrived_at)::DATE FROM calls").isoformat() == "2025-03-02"
    assert main(["sample", "--db", str(path), "--end", "03/03/2025"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().out
