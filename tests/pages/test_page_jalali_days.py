"""The custom period picked as Jalali days (cal=persian): two boxes hold the first and last day as
'۱۴۰۵/۰۱/۰۱' (Persian digits in Persian), a typed day — Persian or Latin digits — becomes the link's
Gregorian from/to and a custom period, a day that does not exist or lies outside the data is refused
with a message and changes nothing, and the Gregorian calendar keeps Streamlit's date picker.
Center: tests/jalali_center.py (data 2026-03-10 … 2026-04-25, across Nowruz 1405)."""
import pytest
from apptest_helpers import errors, run_page

from analytics import i18n
from jalali_center import build_center

FARVARDIN = {"from": "2026-03-21", "to": "2026-04-20", "period": "custom", "grain": "week", "cal": "persian"}


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    return build_center(tmp_path_factory.mktemp("jdays") / "j.duckdb")


def _qp(at, key):
    v = at.query_params[key]
    return v[-1] if isinstance(v, list) else v


def _boxes(at):
    return at.sidebar.text_input(key="f_jfrom"), at.sidebar.text_input(key="f_jto")


def test_jalali_days_in_persian_round_trip_to_the_link(center):
    with i18n.using("fa"):
        at = run_page(center, "overview", {**FARVARDIN, "lang": "fa"}, timeout=180)
        assert not errors(at)
        first, last = _boxes(at)
        assert (first.value, last.value) == ("۱۴۰۵/۰۱/۰۱", "۱۴۰۵/۰۱/۳۱")
        assert "از" in first.label and not at.sidebar.date_input   # no Gregorian picker in this calendar
        first.input("۱۴۰۵/۰۱/۰۵").run()
        assert not errors(at)
        assert (_qp(at, "from"), _qp(at, "to"), _qp(at, "period")) == ("2026-03-25", "2026-04-20", "custom")
        at.sidebar.text_input(key="f_jto").input("1405/1/10").run()      # Latin digits, one-digit month
        assert (_qp(at, "from"), _qp(at, "to")) == ("2026-03-25", "2026-03-30")
        assert _boxes(at)[1].value == "۱۴۰۵/۰۱/۱۰"                        # written back the house way


@pytest.mark.parametrize("typed", ["1405/13/01", "1404/12/30", "next week", "1405/02/20", "1405/01/01 "])
def test_a_bad_or_outside_day_is_refused_and_changes_nothing(center, typed):
    at = run_page(center, "overview", FARVARDIN, timeout=180)
    _boxes(at)[1].input("1405/01/02").run()
    assert _qp(at, "to") == "2026-03-22"
    _boxes(at)[0].input(typed).run()
    assert not errors(at)
    if typed == "1405/01/01 ":      # spaces around a good day are fine
        assert not at.sidebar.warning and _qp(at, "from") == "2026-03-21"
        return
    assert at.sidebar.warning, typed                                   # said why, in the sidebar
    assert (_qp(at, "from"), _qp(at, "to")) == ("2026-03-21", "2026-03-22")
    assert _boxes(at)[0].value == typed                                # the typed text is kept to correct


def test_a_preset_writes_the_boxes_and_gregorian_keeps_the_date_picker(center):
    at = run_page(center, "overview", FARVARDIN, timeout=180)
    at.sidebar.selectbox(key="f_preset").select("last_month").run()
    assert not errors(at)
    start, end = _qp(at, "from"), _qp(at, "to")
    from analytics.core import calendars
    from datetime import date
    assert (_boxes(at)[0].value, _boxes(at)[1].value) == (
        calendars.date_label(date.fromisoformat(start), "persian"), calendars.date_label(date.fromisoformat(end), "persian"))
    at.sidebar.selectbox(key="f_calendar").select("gregorian").run()
    assert not errors(at)
    assert at.sidebar.date_input(key="f_range") is not None and not at.sidebar.text_input
