"""The calendar in the app: `cal=` in the link opens that calendar (sidebar, the period in Jalali days,
chart axes in Jalali periods, the link written back with it); Settings stores the deployment's default,
which a link without cal= then opens in. Center: tests/jalali_center.py (across Nowruz 1405)."""
import shutil

import pytest
from apptest_helpers import errors, run_page
from streamlit import dataframe_util

from jalali_center import build_center

FARVARDIN = {"from": "2026-03-21", "to": "2026-04-20", "period": "custom", "grain": "week"}


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    return build_center(tmp_path_factory.mktemp("jpage") / "j.duckdb")


@pytest.fixture()
def db(center, tmp_path):
    path = tmp_path / "copy.duckdb"   # a private copy: the settings test writes
    shutil.copy(center, path)
    return path


def _axis(at, field):
    """The x values of the first chart whose data has `field`, in drawing order (the frame's order: the
    axis sorts none)."""
    for c in list(at.get("arrow_vega_lite_chart")) + list(at.get("vega_lite_chart")):
        for d in c.proto.datasets:
            df = dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data)
            if field in df.columns:
                return list(df[field])
    raise AssertionError(f"no chart with {field}")


def _qp(at, key):
    v = at.query_params[key]
    return v[-1] if isinstance(v, list) else v


def test_a_jalali_month_link_opens_in_the_persian_calendar(center):
    at = run_page(center, "overview", {**FARVARDIN, "cal": "persian"}, timeout=180)
    assert not errors(at)
    assert at.session_state["f_calendar"] == "persian"
    assert _qp(at, "cal") == "persian" and _qp(at, "from") == "2026-03-21" and _qp(at, "to") == "2026-04-20"
    # the period's first and last day as Jalali days (the boxes that stand for the Gregorian date picker)
    assert (at.sidebar.text_input(key="f_jfrom").value, at.sidebar.text_input(key="f_jto").value) == (
        "1405/01/01", "1405/01/31")
    # the volume chart is by Saturday–Friday week, in order: Nowruz (a Saturday) starts week 1
    assert _axis(at, "week") == ["1405-W01", "1405-W02", "1405-W03", "1405-W04", "1405-W05"]


def test_the_same_link_without_cal_is_gregorian(center):
    at = run_page(center, "overview", FARVARDIN, timeout=180)
    assert not errors(at)
    assert at.session_state["f_calendar"] == "gregorian" and _qp(at, "cal") == "gregorian"
    assert _axis(at, "week") == ["2026-W12", "2026-W13", "2026-W14", "2026-W15", "2026-W16", "2026-W17"]


def test_jalali_days_on_a_daily_axis(center):
    at = run_page(center, "overview", {"from": "2026-03-19", "to": "2026-03-22", "period": "custom",
                                       "grain": "day", "cal": "persian"}, timeout=180)
    assert not errors(at)
    assert _axis(at, "day") == ["1404/12/28", "1404/12/29", "1405/01/01", "1405/01/02"]   # across Nowruz


def test_settings_store_the_deployments_calendar(db):
    at = run_page(db, "settings", timeout=180)
    assert not errors(at)
    at.selectbox(key="set_default_calendar").set_value("persian").run()
    at.button(key="set_default_calendar_save").click().run()
    assert not errors(at)
    assert any("Persian (Jalali)" in s.value for s in at.success)
    fresh = run_page(db, "overview", {}, timeout=180)
    assert fresh.session_state["f_calendar"] == "persian" and _qp(fresh, "cal") == "persian"
    # the default view is the last Saturday–Friday week (data end Saturday 2026-04-25: 04-18 … 04-24)
    assert _qp(fresh, "from") == "2026-04-18" and _qp(fresh, "to") == "2026-04-24"


def test_trends_by_jalali_week(center):
    at = run_page(center, "trends", {**FARVARDIN, "cal": "persian", "kpi": "offered"}, timeout=180)
    assert not errors(at)
    assert _axis(at, "period")[:5] == ["1405-W01", "1405-W02", "1405-W03", "1405-W04", "1405-W05"]


def test_the_review_offers_jalali_weeks(center):
    at = run_page(center, "review", {"cal": "persian"}, timeout=240)
    assert not errors(at)
    # the data end on Saturday 2026-04-25: the last complete Saturday–Friday week is 1405-W05
    assert _qp(at, "review_period") == "1405-W05"
    assert any("1405-W04" in c.value for c in at.caption)       # compared with the Jalali week before


def test_the_service_heatmap_runs_saturday_to_friday(center):
    from apptest_helpers import chart_specs

    def heat_sort(at):
        for spec in chart_specs(at):
            for layer in [spec] + spec.get("layer", []):
                enc = layer.get("encoding", {})
                if (layer.get("mark") or {}).get("type") == "rect" and "sort" in enc.get("y", {}):
                    return enc["y"]["sort"]
        raise AssertionError("no heatmap")

    persian = run_page(center, "service", {**FARVARDIN, "cal": "persian"}, timeout=180)
    assert not errors(persian)
    assert heat_sort(persian) == ["Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri"]
    gregorian = run_page(center, "service", FARVARDIN, timeout=180)
    assert heat_sort(gregorian)[0] == "Mon"
