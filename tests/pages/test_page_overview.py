from apptest_helpers import errors, run_page, notices


def test_overview_default_view(sample_db):
    at = run_page(sample_db)
    assert not errors(at)
    labels = [m.label for m in at.metric]
    assert "Service level" in labels and "Average handle time" in labels
    assert at.query_params["from"] and at.query_params["period"]


def test_overview_from_a_shared_link(sample_db):
    at = run_page(sample_db, params={"from": "2026-10-05", "to": "2026-10-11", "period": "custom",
                                     "grain": "day", "compare": "last_year", "queues": "Billing"})
    assert not errors(at)
    assert at.session_state["f_range"] == (__import__("datetime").date(2026, 10, 5),
                                           __import__("datetime").date(2026, 10, 11))
    assert at.session_state["f_queues"] == ["Billing"]


def test_overview_odd_links_are_corrected_with_a_notice(sample_db):
    at = run_page(sample_db, params={"from": "not-a-date", "grain": "fortnight",
                                     "agents": "x' OR 1=1 --", "queues": "Nope"})
    assert not errors(at)
    notes = notices(at)
    assert "dates could not be read" in notes and "unknown agent" in notes


def test_overview_empty_selection(sample_db):
    at = run_page(sample_db, params={"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                     "sites": "Toronto", "queues": "中文客服"})
    assert not errors(at)


def test_overview_hourly_view(sample_db):
    at = run_page(sample_db, params={"from": "2026-11-17", "to": "2026-11-18", "period": "custom", "grain": "hour"})
    assert not errors(at)
    assert at.session_state["f_grain"] == "hour" and at.metric


def test_init_is_idempotent(tmp_path):
    import duckdb

    from analytics.core import warehouse

    path = tmp_path / "w.duckdb"
    warehouse.init(path)
    with duckdb.connect(str(path), read_only=True) as con:
        first = sorted(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    warehouse.init(path)
    with duckdb.connect(str(path), read_only=True) as con:
        again = sorted(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
        assert con.execute("SELECT count(*) FROM settings WHERE key = 'caller_salt'").fetchone()[0] == 1
    assert first == again and ("fct_calls", "BASE TABLE") in first
