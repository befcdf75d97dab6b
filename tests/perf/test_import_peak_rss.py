"""The import benchmarks report the child's own peak memory. Linux carries a parent's high-water mark
into a forked child's ru_maxrss (and keeps it across exec), so a bench holding gigabytes of frames made
every import read as large as the bench itself."""
import numpy as np

from analytics.perf import imports


def test_a_child_cli_reports_its_own_peak_not_the_parents(tmp_path):
    ballast = np.ones(600 * 2 ** 20 // 8)  # the parent holds ~600 MB while the child runs
    res = imports._run_cli(["init", "--db", str(tmp_path / "wh.duckdb")], imports._child_env())
    assert res["exit_code"] == 0, res["output"]
    assert res["peak_rss_mb"] is not None and 20 < res["peak_rss_mb"] < 400, res
    assert ballast.sum() > 0


def test_the_child_runs_the_cli_with_its_arguments_and_exit_code(tmp_path):
    res = imports._run_cli(["kpis", "--db", str(tmp_path / "missing.duckdb")], imports._child_env())
    assert res["exit_code"] != 0 and res["output"]
