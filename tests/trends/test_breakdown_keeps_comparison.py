"""A site breakdown on Trends keeps each site's comparison and 95% interval (in a table under the chart,
since one band and one dashed line per site would hide the lines) and says so on screen."""
from datetime import date

from analytics.core import comparison, metrics, registry, status, warehouse
from analytics.core.filters import Filters
from apptest_helpers import errors, run_page

LINK = {"from": "2026-10-05", "to": "2026-11-01", "period": "custom", "grain": "week", "compare": "previous",
        "kpi": "fcr_pct", "breakdown": "site"}


def _table(at, column):
    for df in at.dataframe:
        frame = df.value
        if column in frame.columns:
            return frame
    raise AssertionError(f"no table with a {column!r} column")


def test_site_breakdown_keeps_each_sites_comparison_and_interval(sample_db):
    at = run_page(sample_db, "trends", LINK)
    assert not errors(at)
    table = _table(at, "Site")
    assert list(table.columns) == ["Site", "This period", "95% interval", "Comparison", "Change", "Significant"]
    f = Filters(start=date(2026, 10, 5), end=date(2026, 11, 1), grain="week")
    k = registry.get("fcr_pct")
    with warehouse.read_connection(sample_db) as con:
        sites = [s for s in metrics.compute(con, f, ["answered"], by="site")["site"].dropna()]
        site = sites[0]
        cur = metrics.compute(con, f.narrowed(sites=(site,)), ["fcr_pct"], with_stats=True).iloc[0].to_dict()
        prev = metrics.compute(con, f.comparison().narrowed(sites=(site,)), ["fcr_pct"],
                               with_stats=True).iloc[0].to_dict()
    d = comparison.delta_row(cur, prev, k)
    row = table[table["Site"] == site].iloc[0]
    assert row["This period"] == k.format(cur["fcr_pct"]) and row["Comparison"] == k.format(prev["fcr_pct"])
    assert row["Change"] == status.change_text(k, d["delta"], d["significant"])
    assert row["95% interval"] == f"{k.format(d['ci'][0])} – {k.format(d['ci'][1])}"
    captions = " ".join(c.value for c in at.caption)
    assert "in the table under the chart" in captions


def test_without_a_comparison_the_table_keeps_the_interval(sample_db):
    at = run_page(sample_db, "trends", {**LINK, "compare": "none"})
    assert not errors(at)
    table = _table(at, "Site")
    assert (table["Comparison"] == "—").all() and table["95% interval"].str.contains("–").all()
