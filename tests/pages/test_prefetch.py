"""context.prefetch: a page that starts its later reads on a thread while it draws reads exactly what it
reads in order, each once, shows the same, and leaves no read running after its run — with the options
of a shared link (the reads follow the link's option, read before its widget is drawn)."""
import collections
import threading

import pytest
import streamlit as st

from analytics.core import metrics, queries
from apptest_helpers import errors, info_texts, run_page

OCT = {"from": "2026-10-01", "to": "2026-10-31", "period": "custom"}
VIEWS = [
    ("organization", {}),
    ("organization", OCT | {"history": "24m", "org_grain": "quarter"}),
    ("customer", OCT),
    ("quality", OCT | {"criteria_by": "team", "flag": "long_silence"}),
    ("service", {}),
]


def _prefetchers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "switchboard-prefetch" and t.is_alive()]


@pytest.fixture
def reads(monkeypatch):
    """Every read the warehouse gets (KPI computations and queries), counted by its arguments, from any
    thread: a spy around the real functions, the database is real."""
    seen, lock, threads = collections.Counter(), threading.Lock(), set()
    seen.threads = threads  # the names of the threads that read

    def spy(name, fn):
        def read(con, *args, **kwargs):
            key = (name, repr(args), repr(sorted((k, v) for k, v in kwargs.items() if k != "notes")))
            with lock:
                seen[key] += 1
                threads.add(threading.current_thread().name)
            return fn(con, *args, **kwargs)
        return read

    for name in ("compute", "compute_pair"):
        monkeypatch.setattr(metrics, name, spy(name, getattr(metrics, name)))
    monkeypatch.setattr(queries, "run", spy("run", queries.run))
    return seen


def _shown(at) -> dict:
    return {"metrics": [(m.label, m.value) for m in at.metric], "markdown": [m.value for m in at.markdown],
            "captions": [c.value for c in at.caption], "tables": [len(d.value) for d in at.dataframe],
            "charts": len(at.get("arrow_vega_lite_chart")), "info": info_texts(at)}


def _both_ways(monkeypatch, reads, open_page) -> dict:
    """open_page() drawn in order (SWITCHBOARD_PREFETCH=0) and reading ahead, caches cleared each time
    after a first drawing has loaded the resources (catalog, settings), so both start alike: per mode,
    the reads counted by their arguments, the screen and the AppTest."""
    open_page()
    runs = {}
    for mode in ("0", "1"):
        monkeypatch.setenv("SWITCHBOARD_PREFETCH", mode)
        st.cache_data.clear()
        reads.clear()
        reads.threads.clear()
        at = open_page()
        assert not errors(at)
        assert not _prefetchers(), "a read of the run outlived it"
        assert ("switchboard-prefetch" in reads.threads) == (mode == "1")
        runs[mode] = (collections.Counter(reads), _shown(at), at)
    return runs


@pytest.mark.parametrize("page,params", VIEWS, ids=[f"{p}-{i}" for i, (p, _) in enumerate(VIEWS)])
def test_prefetch_reads_what_the_page_reads_once_and_shows_the_same(sample_db, reads, monkeypatch, page, params):
    runs = _both_ways(monkeypatch, reads, lambda: run_page(sample_db, page, params))
    (in_order, shown_in_order, _), (ahead, shown_ahead, _) = runs["0"], runs["1"]
    assert ahead == in_order, "prefetch read something the page does not, or read it twice"
    assert shown_ahead == shown_in_order
    assert len(ahead) >= 5  # the page does read (the spy sees the worker's reads too)


def test_a_page_that_stops_early_leaves_no_read_running(sample_db, reads, monkeypatch):
    monkeypatch.setenv("SWITCHBOARD_PREFETCH", "1")
    st.cache_data.clear()
    # a period before the center opened: the Organization page says so and stops before its tables
    at = run_page(sample_db, "organization", {"from": "2001-01-01", "to": "2001-01-31", "period": "custom"})
    assert not errors(at)
    assert not _prefetchers()
    assert any("No data" in t or "no data" in t for t in info_texts(at)), info_texts(at)


def test_a_supervisors_reads_ahead_are_of_their_team(sample_db, reads, monkeypatch, tmp_path):
    """The thread reads in the session's team scope: were it to read the whole center, its entries would
    not be the page's (the cache key names the scope), and the page would read everything again."""
    from analytics.auth import users

    users_path = tmp_path / "users.json"
    users.add(users_path, "sue", "correct horse", "supervisor", supervisor_id="S01")
    for k, v in {"SWITCHBOARD_AUTH": "users", "SWITCHBOARD_USERS": str(users_path),
                 "SWITCHBOARD_AUDIT": str(tmp_path / "audit.jsonl")}.items():
        monkeypatch.setenv(k, v)

    def org_page_as_sue():
        at = run_page(sample_db)
        at.text_input[0].input("sue")
        at.text_input[1].input("correct horse")
        at.button[0].click()
        at.run()
        at.switch_page("pages/organization.py")
        at.run()
        assert not errors(at)
        return at

    runs = _both_ways(monkeypatch, reads, org_page_as_sue)
    assert runs["1"][:2] == runs["0"][:2]
    for _reads, _screen, at in runs.values():
        assert set(at.dataframe[-1].value["supervisor_id"]) == {"S01"}  # the org chart: sue's team only
