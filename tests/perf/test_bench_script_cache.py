"""The bench's page runs share one compiled-script cache, as a server's sessions do (AppTest alone makes a
new one per run, which timed the compiling of app.py and the page with every rerun)."""
import os

from streamlit.testing.v1 import AppTest, app_test

from analytics.perf import bench

ROOT = bench.ROOT


def test_runs_inside_share_one_script_cache_and_it_is_restored(sample_db):
    made = app_test.ScriptCache
    with bench._one_script_cache():
        shared = app_test.ScriptCache()
        assert app_test.ScriptCache() is shared
        os.environ["SWITCHBOARD_DB"] = str(sample_db)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        assert not at.exception
        assert str(ROOT / "pages" / "overview.py") in shared._cache  # compiled once, kept for the next run
    assert app_test.ScriptCache is made
    assert app_test.ScriptCache() is not app_test.ScriptCache()


def test_every_page_row_gives_wall_and_cpu_time_without_errors(sample_db, monkeypatch):
    # one view per page: the rows the bench's JSON and table print, each with its CPU time beside the wall
    monkeypatch.setenv("SWITCHBOARD_DB", str(sample_db))
    rows = bench.page_latency(sample_db, repeats=1)
    from analytics.ui.navigation import PAGES
    assert [r["url"] for r in rows] == [url for _s, file, _t, _i, url in PAGES if (ROOT / file).exists()]
    for r in rows:
        assert r["exceptions"] == 0, r["page"]
        assert r["runs"] == 1 and r["p95_ms"] > 0 and r["cpu_p95_ms"] > 0, r
