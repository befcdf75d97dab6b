from apptest_helpers import errors, run_page, notices, shown


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


def _first_day(db):
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT min(arrived_at)::DATE FROM calls").fetchone()[0]


def _view(first, start_offset):
    from datetime import timedelta

    return {"from": str(first + timedelta(days=start_offset)), "to": str(first + timedelta(days=start_offset + 6)),
            "period": "custom", "grain": "day", "compare": "previous"}


def test_a_comparison_the_data_does_not_cover_shows_no_change(sample_db):
    """A change against a period before the data began compared the week with nothing ("+20,029"), or
    with a fraction of a week; the header says why no change is shown. Trends drops its comparison
    card likewise; with a whole comparison week the changes are back."""
    first = _first_day(sample_db)
    assert first.day == 1   # a first-of-month start compares with the same days of the month before
    for offset, says in ((0, "(no data then: changes are not shown)"),
                         (4, "(data on only 4 of its 7 days: changes are not shown)")):
        at = run_page(sample_db, params=_view(first, offset))
        assert not errors(at)
        assert any(says in shown(c.value) for c in at.caption), [c.value for c in at.caption][:1]
        assert at.metric and all(not m.delta for m in at.metric)
        tr = run_page(sample_db, "trends", params=_view(first, offset) | {"kpi": "service_level_pct"})
        assert not errors(tr)
        assert "This period against the comparison" not in [h.value for h in tr.subheader]
    at = run_page(sample_db, params=_view(first, 8))
    assert not any("changes are not shown" in shown(c.value) for c in at.caption)
    assert any(m.delta for m in at.metric)
    tr = run_page(sample_db, "trends", params=_view(first, 8) | {"kpi": "service_level_pct"})
    assert "This period against the comparison" in [h.value for h in tr.subheader]
