"""`python -m analytics staffing` prints one object per queue × interval, as issue #16 specifies, with
numbers that follow from the Erlang maths and the warehouse."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.staffing import erlang

ROOT = Path(__file__).resolve().parents[2]


def staffing(db, *args, ok=True):
    res = subprocess.run([sys.executable, "-m", "analytics", "staffing", "--db", str(db), *args], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8")
    if ok:
        assert res.returncode == 0, res.stderr
    return res


@pytest.fixture(scope="module")
def day_rows(sample_db):
    out = staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", "--target", "80/20", "--format", "json")
    return json.loads(out.stdout)


def test_json_has_the_listed_keys_per_queue_and_interval(day_rows):
    assert day_rows
    keys = {"interval", "queue", "offered", "aht_s", "required_agents", "scheduled_agents", "expected_service_level_pct"}
    assert all(keys <= set(r) for r in day_rows)
    assert all(len(r["interval"]) == 16 and r["interval"][-2:] in ("00", "30") for r in day_rows)
    assert len({(r["queue"], r["interval"]) for r in day_rows}) == len(day_rows)
    assert any(r["scheduled_agents"] for r in day_rows), "the generator's shifts give scheduled agents"


def test_required_agents_is_the_smallest_n_meeting_the_target(day_rows):
    for r in day_rows:
        if not r["offered"]:
            continue
        lam, aht, pat = r["offered"] / 1800, r["aht_s"], r["patience_s"]
        n = r["required_agents"]
        sl = erlang.metrics([n - 1, n], lam, aht, 20, pat)["service_level"]
        # aht_s is printed to 0.1 s: allow the rounding to move the boundary only within 0.2 SL points
        assert sl[1] >= 0.80 - 0.002 and (n == 0 or sl[0] < 0.80 + 0.002), r


def test_erlang_c_asks_for_at_least_as_many_and_csv_matches(sample_db, day_rows):
    res = staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", "--model", "erlang_c", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    a = {(r["queue"], r["interval"]): r["required_agents"] for r in day_rows}
    assert len(rows) == len(day_rows)
    assert all(int(r["required_agents"]) >= a[(r["queue"], r["interval"])] for r in rows)


def test_fifteen_minute_intervals_and_a_stricter_target(sample_db, day_rows):
    rows = json.loads(staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", "--interval", "15",
                               "--target", "90/30").stdout)
    assert {r["interval"][-2:] for r in rows} == {"00", "15", "30", "45"}
    assert sum(r["offered"] for r in rows) == sum(r["offered"] for r in day_rows)


def test_occupancy_cap_only_when_asked(sample_db, day_rows):
    capped = json.loads(staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", "--max-occupancy", "0.5").stdout)
    by = {(r["queue"], r["interval"]): r for r in day_rows}
    more = 0
    for r in capped:
        base = by[(r["queue"], r["interval"])]
        assert r["required_agents"] >= base["required_agents"]
        assert r["required_agents"] >= r["offered"] * r["aht_s"] / 1800 / 0.5 - 1e-6
        more += r["required_agents"] > base["required_agents"]
    assert more > 0


def test_forecast_weeks_are_after_to(sample_db):
    res = staffing(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--forecast-weeks", "1")
    rows = json.loads(res.stdout)
    days = {r["interval"][:10] for r in rows}
    assert min(days) == "2026-11-16" and max(days) == "2026-11-22"
    assert {r["source"] for r in rows} == {"forecast"}


@pytest.mark.parametrize("args,msg", [
    (["--target", "80%"], "PCT/SECONDS"),
    (["--max-occupancy", "150"], "max-occupancy"),
    (["--forecast-weeks", "9"], "between 1 and 6"),
])
def test_bad_input_is_one_line(sample_db, args, msg):
    res = staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", *args, ok=False)
    assert res.returncode == 2 and msg in res.stderr and "Traceback" not in res.stderr


def test_holidays_command_edits_the_calendar(tmp_path):
    from analytics.core import warehouse
    db = warehouse.init(tmp_path / "w.duckdb")
    run = lambda *a: subprocess.run([sys.executable, "-m", "analytics", "holidays", "--db", str(db), *a],  # noqa: E731
                                    cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert run("add", "--date", "2026-12-25", "--name", "Christmas").returncode == 0
    assert run("add", "--date", "2026-03-21", "--queue", "پشتیبانی فارسی", "--name", "نوروز").returncode == 0
    rows = json.loads(run("list", "--format", "json").stdout)
    assert rows == [{"date": "2026-03-21", "queue": "پشتیبانی فارسی", "name": "نوروز"},
                    {"date": "2026-12-25", "queue": None, "name": "Christmas"}]
    assert run("remove", "--date", "2026-12-25").returncode == 0
    assert len(json.loads(run("list", "--format", "json").stdout)) == 1


def test_report_gives_the_documented_figures(sample_db):
    res = staffing(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--report", "--origins", "3")
    r = json.loads(res.stdout)
    b = r["backtest"]
    assert b["origins"] == 3 and b["last_origin"] == "2026-11-09" and b["first_origin"] == "2026-10-26"
    assert b["wape_forecast_pct"] < b["wape_seasonal_naive_pct"]
    assert b["wape_oracle_pct"] > 0 and "wape_forecast_vs_truth_pct" in b
    assert r["fit"]["intervals"] > 0 and -1 <= r["fit"]["r2"] <= 1
    assert set(r["patience"]) and all(v["truth_s"] for v in r["patience"].values())


def test_report_for_one_queue_covers_that_queue_only(sample_db):
    """--report --queue Q: the fit, the patience and the backtest are Q's (they were the center's)."""
    args = ("--from", "2026-11-09", "--to", "2026-11-15", "--report", "--origins", "2")
    center = json.loads(staffing(sample_db, *args).stdout)
    queue = sorted(center["patience"])[0]
    one = json.loads(staffing(sample_db, *args, "--queue", queue).stdout)
    assert center["queues"] is None and one["queues"] == [queue]
    assert set(one["patience"]) == {queue}
    assert 0 < one["fit"]["intervals"] < center["fit"]["intervals"]
    assert one["backtest"]["wape_forecast_pct"] != center["backtest"]["wape_forecast_pct"]


def test_table_shows_the_json_figures(sample_db, day_rows):
    """--format table: one line per json row, every figure with json's decimals, "—" where json has null."""
    from analytics.commands.staffing import COLUMNS, DECIMALS

    res = staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", "--target", "80/20", "--format", "table")
    lines = res.stdout.splitlines()
    assert lines[0].split() == COLUMNS and len(lines) == len(day_rows) + 1
    for line, rec in zip(lines[1:], day_rows):
        assert line.startswith(rec["interval"]), line
        rest = line[len(rec["interval"]):].strip()   # columns are padded; a queue's name may hold spaces
        assert rest.startswith(rec["queue"] + " "), line
        cells = rest[len(rec["queue"]):].split()
        want = [rec[c] if c == "source" else "—" if rec[c] is None else f"{rec[c]:,.{DECIMALS.get(c, 2)}f}"
                for c in COLUMNS[2:]]
        assert cells == want, (line, rec)


def test_table_in_persian_has_words_and_persian_digits(sample_db):
    res = staffing(sample_db, "--from", "2026-11-16", "--to", "2026-11-16", "--format", "table", "--lang", "fa")
    head, first = res.stdout.splitlines()[:2]
    assert "required_agents" not in head and "صف" in head
    assert "۲۰۲۶-۱۱-۱۶" in first and not any(ch.isascii() and ch.isdigit() for ch in first)
