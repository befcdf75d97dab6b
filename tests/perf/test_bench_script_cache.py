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
