"""The bench's verdict per target row (issue #13): the scale of center follows the call count, each
row carries its measured value and whether it met the target, and a miss is reported as a miss."""
from analytics.perf import bench


def _result(calls, p95, cold, daily_s, daily_rss, ratio, growth):
    return {
        "ratios": {"calls": calls, "pandas_over_rollup": ratio},
        "pages": [{"page": "Overview", "p95_ms": 100.0}, {"page": "Weekly review", "p95_ms": p95}],
        "cold_page": {"first_render_ms": cold},
        "daily_import": {"rows": 5000, "wall_s": daily_s, "peak_rss_mb": daily_rss, "exit_code": 0},
        "large_import": {"rows": 5_000_000, "wall_s": 90.0, "peak_rss_mb": 900.0, "exit_code": 0},
        "memory": {"rss_after_5_mb": 1000.0, "growth_after_5_mb": growth},
    }


def _row(checks, name):
    return next(r for r in checks["rows"] if r["row"] == name)


def test_a_medium_center_is_held_to_the_medium_targets():
    checks = bench.target_checks(_result(7_500_000, 400.0, 1500.0, 4.0, 900.0, 25.0, 5.0))
    assert checks["scale"] == "medium"
    assert _row(checks, "page p95 ms: Overview")["met"] is True
    review = _row(checks, "page p95 ms: Weekly review")
    assert (review["value"], review["target"], review["met"]) == (400.0, 300, False)
    assert _row(checks, "cold first render ms: Overview")["met"] is True
    assert _row(checks, "daily import wall s")["met"] is True
    assert _row(checks, "pandas / rollup (same question, same run)")["met"] is True
    assert _row(checks, "app RSS growth MB, sessions 5→last")["met"] is True
    assert checks["all_met"] is False


def test_a_large_center_is_held_to_the_large_targets():
    checks = bench.target_checks(_result(41_800_000, 400.0, 2500.0, 8.0, 1600.0, 9.0, 300.0))
    assert checks["scale"] == "large"
    assert _row(checks, "page p95 ms: Weekly review")["met"] is True  # 400 ms ≤ 1.5 s
    assert _row(checks, "cold first render ms: Overview")["met"] is True  # ≤ 3 s on large
    assert _row(checks, "daily import wall s")["met"] is True  # ≤ 10 s on large
    assert _row(checks, "daily import peak RSS MB")["met"] is False  # 1.5 GB on any size
    assert _row(checks, "pandas / rollup (same question, same run)")["met"] is False
    assert _row(checks, "app RSS growth MB, sessions 5→last")["met"] is False
    assert _row(checks, "5,000,000-row import peak RSS MB")["met"] is True


def test_rows_not_measured_are_left_out():
    res = _result(7_500_000, 100.0, 1000.0, 1.0, 100.0, 50.0, 0.0)
    del res["daily_import"], res["large_import"]
    names = [r["row"] for r in bench.target_checks(res)["rows"]]
    assert not any("import" in n for n in names)
    assert "cold first render ms: Overview" in names


def test_meta_names_the_run(sample_db):
    m = bench.meta(sample_db)
    assert {"date_utc", "commit", "cpus", "duckdb", "warehouse_mb", "load_at_start"} <= set(m)
    assert m["warehouse_mb"] > 0 and len(m["load_at_start"]) == 3
