"""`kpis --calendar persian`: Saturday–Friday weeks and Jalali months keyed 1405-W01 / 1405-01, each equal
to the per-day sums of `kpis --by day`; periods given as Jalali labels; a bad label is one error line.
Center: tests/jalali_center.py (across Nowruz 1405)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jalali_center import JALALI, build_center, totals

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_center(tmp_path_factory.mktemp("jcli") / "j.duckdb")


def kpis(db, *args, ok=True):
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(db), "--format", "json", *args],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if not ok:
        return res
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_persian_weeks_equal_the_sums_of_their_days(db):
    weeks = kpis(db, "--calendar", "persian", "--by", "week", "--from", "2026-03-14", "--to", "2026-04-03",
                 "--kpi", "offered,service_level_pct")
    days = kpis(db, "--by", "day", "--from", "2026-03-14", "--to", "2026-04-03", "--kpi", "offered")
    assert [w["week"] for w in weeks] == ["1404-W53", "1405-W01", "1405-W02"]
    for w in weeks:
        a, b = JALALI[w["week"]]
        assert w["offered"] == sum(d["offered"] for d in days if a.isoformat() <= d["day"] <= b.isoformat())
        calls, fast = totals(a, b)
        assert w["offered"] == calls and w["service_level_pct"] == pytest.approx(100 * fast / calls)


def test_jalali_period_names_for_the_range(db):
    # --from/--to as Jalali months: Esfand 1404 … Farvardin 1405; the calendar follows the labels
    months = kpis(db, "--by", "month", "--from", "1404-12", "--to", "1405-01", "--kpi", "offered")
    assert months == [{"month": "1404-12", "offered": totals(*JALALI["1404-12"])[0]},
                      {"month": "1405-01", "offered": totals(*JALALI["1405-01"])[0]}]
    one = kpis(db, "--period", "1405-W01", "--kpi", "offered")
    assert one == {"offered": totals(*JALALI["1405-W01"])[0]}
    # the Gregorian default keeps ISO weeks (2026-03-21 is a Saturday of ISO week 12)
    iso = kpis(db, "--by", "week", "--from", "2026-03-21", "--to", "2026-03-22", "--kpi", "offered")
    assert [w["week"] for w in iso] == ["2026-W12"]


@pytest.mark.parametrize("args, says", [
    (["--period", "1405-13"], "Jalali period"),
    (["--period", "1405-W01", "--from", "2026-03-21"], "not both"),
    (["--from", "2026-03-21"], "--to"),
])
def test_a_bad_period_is_one_error_line(db, args, says):
    res = kpis(db, *args, ok=False)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.startswith("error: ") and says in res.stderr, res.stderr


def test_without_calendar_kpis_follows_the_deployments_calendar(db, tmp_path):
    import os
    import shutil

    from analytics.core import calendars

    copy = tmp_path / "default.duckdb"
    shutil.copy(db, copy)
    assert calendars.save_default(copy, "persian", "test")
    months = kpis(copy, "--by", "month", "--from", "2026-03-21", "--to", "2026-04-20", "--kpi", "offered")
    assert months == [{"month": "1405-01", "offered": totals(*JALALI["1405-01"])[0]}]
    # --calendar still wins, and so does the environment over the stored setting
    greg = kpis(copy, "--calendar", "gregorian", "--by", "month", "--from", "2026-03-21", "--to", "2026-04-20",
                "--kpi", "offered")
    assert [m["month"] for m in greg] == ["2026-03", "2026-04"]
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(copy), "--format", "json", "--by",
                          "month", "--from", "2026-03-21", "--to", "2026-04-20", "--kpi", "offered"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", timeout=300,
                         env={**os.environ, "SWITCHBOARD_CALENDAR": "gregorian"})
    assert [m["month"] for m in json.loads(res.stdout)] == ["2026-03", "2026-04"]
