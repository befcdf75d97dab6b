"""The review's analytics: periods, highlights and their drivers, funnel-fair leaders, the watchlist
and the meeting's actions — on hand-built warehouses with known answers."""
from datetime import date

import pandas as pd
import pytest

from analytics.core import registry
from analytics.core import metrics, warehouse
from analytics.review import actions, build, highlights, leaders, watchlist
from analytics.review import period as rp
from review_planted import build_planted
from analytics.report import html as report_html, text as report_text


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return build_planted(tmp_path_factory.mktemp("planted") / "planted.duckdb")


def test_periods_parse_and_neighbours():
    w = rp.parse("2026-W46")
    assert (w.start, w.end) == (date(2026, 11, 9), date(2026, 11, 15))
    assert w.previous().label == "2026-W45" and w.last_year().label == "2025-W46"
    assert rp.parse("2026-01").previous().label == "2025-12"
    assert rp.parse("2026-Q1").previous().label == "2025-Q4" and rp.parse("2026-Q4").last_year().label == "2025-Q4"
    assert rp.parse("2026").previous().label == "2025"
    assert rp.parse("2026-W53").last_year().label == "2025-W52"
    # data ending on Saturday 2026-11-21: the last complete week is W46, the last complete month October
    assert rp.default(date(2026, 8, 1), date(2026, 11, 21), "week").label == "2026-W46"
    assert rp.default(date(2026, 8, 1), date(2026, 11, 22), "week").label == "2026-W47"
    assert rp.default(date(2026, 8, 1), date(2026, 11, 21), "month").label == "2026-10"
    assert rp.default(date(2026, 8, 1), date(2026, 11, 21), "year").label == "2026"  # none complete: partial
    for bad in ("2026-W", "W46", "2026-13", "2026-Q5", "'; DROP TABLE calls; --", ""):
        with pytest.raises(ValueError, match="cannot read review period"):
            rp.parse(bad)


def test_planted_change_ranks_first_and_names_its_driver(planted):
    with warehouse.read_connection(planted) as con:
        review = build.build_review(con, rp.parse("2026-W46"), db_path=planted)
    top = review.highlights[0]
    assert top.kpi_id == "abandon_rate_pct", [h.text for h in review.highlights]
    assert top.significant is True and top.good is False
    assert "Billing" in top.drivers and "Tue–Wed 10–12 h" in top.drivers
    assert "پشتیبانی" not in top.text
    assert top.text.startswith("Abandonment rate up ") and "driven by Billing, Tue–Wed 10–12 h" in top.text


def test_a_change_called_noise_gets_no_cause_and_no_colour(planted):
    """Service level falls 3 points in the planted week, not significantly: the highlight says so,
    names no driver, and the report does not colour it (the abandonment rise beside it is coloured)."""
    from analytics.report import html

    with warehouse.read_connection(planted) as con:
        review = build.build_review(con, rp.parse("2026-W46"), db_path=planted)
    noise = [h for h in review.highlights if h.significant is False]
    assert [h.kpi_id for h in noise] == ["service_level_pct"]
    assert noise[0].drivers == [] and "driven by" not in noise[0].text and "not significant" in noise[0].text
    page = html.render(review)
    assert f"<li>{noise[0].text}</li>" in page
    assert '<li class="bad">Abandonment rate up' in page


def test_no_change_no_highlight(tmp_path):
    db = build_planted(tmp_path / "flat.duckdb", plant=False)
    with warehouse.read_connection(db) as con:
        review = build.build_review(con, rp.parse("2026-W46"), db_path=db)
    assert [h.kpi_id for h in review.highlights if h.kpi_id != "qa_score_avg" and h.kpi_id != "qa_pass_rate_pct"
            and h.kpi_id != "qa_coverage_pct"] == []


def test_a_previous_week_the_data_covers_in_part_gives_no_change(tmp_path):
    """Data from Wednesday of W45 on: W46 against two days of W45 would compare a week with a part of
    one (calls offered "+150%"), so the review gives W45's values no change and ranks no highlight."""
    from review_planted import agents, calls, evaluations
    from warehouse_builder import build as build_rows

    db = build_rows(tmp_path / "late.duckdb", agents=agents(), evaluations=evaluations(),
                    calls=[c for c in calls() if c["arrived_at"].date() >= date(2026, 11, 4)])
    with warehouse.read_connection(db) as con:
        review = build.build_review(con, rp.parse("2026-W46"), db_path=db)
        whole = build.build_review(con, rp.parse("2026-W45"), db_path=db)   # its previous week: no data at all
    assert review.coverage["prev"] == (5, 7) and not review.compared("prev")
    row = review.headline.set_index("kpi_id").loc["offered"]
    assert row["prev_text"] == "partial data" and row["prev_delta"] is None and row["prev_delta_text"] == "—"
    assert review.highlights == [] and review.highlight_views == []
    assert any("5 of its 7 days" in n for n in review.notes), review.notes
    assert "only in part" in report_text.no_highlights(review)
    html = report_html.render(review)
    assert "partial data" in html and "only in part" in html
    # a previous week without any data says so as before, and no note
    assert whole.headline.set_index("kpi_id").loc["offered", "prev_text"] == "no data" and whole.notes == []


def test_contributions_sum_to_the_change(planted):
    k = registry.get("abandon_rate_pct")
    with warehouse.read_connection(planted) as con:
        cur_f, prev_f = build.filters_for(rp.parse("2026-W46")), build.filters_for(rp.parse("2026-W45"))
        total = metrics.compute_one(con, cur_f, [k.id])[k.id] - metrics.compute_one(con, prev_f, [k.id])[k.id]
        for by in ("queue", "hour"):
            cur = metrics.compute(con, cur_f, [k.id], by=by, with_stats=True)
            prev = metrics.compute(con, prev_f, [k.id], by=by, with_stats=True)
            contrib = highlights.contributions(cur, prev, k, by)
            assert contrib.sum() == pytest.approx(total)
    assert contrib.idxmax() in ("2026-11-10 10:00", "2026-11-10 11:00", "2026-11-11 10:00", "2026-11-11 11:00")


def test_time_block_grows_over_adjacent_days_only_when_they_matter():
    cells = {(1, 10): 1.0, (2, 10): 0.9, (3, 10): 0.1, (1, 12): 0.2}
    s = pd.Series(cells)
    assert highlights.top_time_block(s, 2.2) == "Tue–Wed 10–12 h"
    assert highlights.top_time_block(pd.Series({(4, 8): 1.0}), 1.0) == "Fri 8–10 h"
    assert highlights.top_time_block(pd.Series({(4, 8): 0.1, (0, 0): 0.1}), 1.0) is None  # nothing concentrated


def test_leaders_do_not_punish_low_volume():
    k = registry.get("fcr_pct")
    frame = pd.DataFrame({
        "agent": ["big_bad", "tiny_bad", "avg1", "avg2", "big_good"],
        "agent_name": ["Big bad", "Tiny bad", "Avg 1", "Avg 2", "Big good"],
        "fcr_pct": [60.0, 0.0, 80.0, 80.0, 95.0],
        "fcr_pct__num": [120, 0, 400, 400, 190], "fcr_pct__den": [200, 2, 500, 500, 200],
    })
    best, worst = leaders.best_and_worst(frame, k, "agent")
    assert worst.iloc[0]["id"] == "big_bad"                      # 200 calls at 60%: beyond the funnel
    assert worst.iloc[0]["standing"] == "beyond the 99.8% limit"
    tiny = leaders.standings(frame, k, "agent").set_index("id").loc["tiny_bad"]
    assert tiny["standing"] == "within the funnel"              # 0 of 2 is chance, not a verdict
    assert best.iloc[0]["id"] == "big_good"
    aht = registry.get("aht_s")                                  # lower is better: shorter AHT ranks best
    frame2 = pd.DataFrame({"agent": ["fast", "slow", "mid"], "aht_s": [200.0, 400.0, 300.0],
                           "aht_s__num": [20000.0, 40000.0, 30000.0], "aht_s__den": [100, 100, 100],
                           "aht_s__sumsq": [100 * (200.0 ** 2 + 50 ** 2), 100 * (400.0 ** 2 + 50 ** 2),
                                            100 * (300.0 ** 2 + 50 ** 2)]})
    best, worst = leaders.best_and_worst(frame2, aht, "agent")
    assert best.iloc[0]["id"] == "fast" and worst.iloc[0]["id"] == "slow"


def test_watchlist(planted):
    p = rp.parse("2026-W46")
    with warehouse.read_connection(planted) as con:
        qa = watchlist.qa_failures(con, p)
        span = watchlist.over_span(con, p)
    assert list(qa["agent_id"]) == ["A01"] and int(qa.iloc[0]["failed"]) == 3   # A02 failed once; A03's were auto
    assert list(span["supervisor_id"]) == ["S1"] and int(span.iloc[0]["agents"]) == 13


def test_attrition_watchlist_never_fails(planted):
    df, note = watchlist.attrition(planted)
    if df is None:
        assert note == watchlist.NO_MODEL
    else:
        assert {"agent_id", "risk"} <= set(df.columns)


def test_actions_persist_and_show_as_last_reviews_actions(tmp_path):
    db = build_planted(tmp_path / "actions.duckdb", plant=False)
    w45, w46, w47 = rp.parse("2026-W45"), rp.parse("2026-W46"), rp.parse("2026-W47")
    with warehouse.read_connection(db) as con:   # a warehouse without the table reads as "no actions"
        assert actions.for_period(con, "2026-W45").empty
    a1 = actions.add(db, w45, "Call the carrier about Billing's trunk", "مریم", date(2026, 11, 12))
    actions.add(db, w45, "Coach <script>alert(1)</script> team", None, None)
    with pytest.raises(actions.ActionError, match="needs a note"):
        actions.add(db, w45, "   ", "x")
    with pytest.raises(actions.ActionError, match="not a date"):
        actions.add(db, w45, "x", "y", "next friday")
    actions.set_done(db, a1, True)
    with warehouse.read_connection(db) as con:
        last = actions.last_review(con, w46)
        assert last.period_label == "2026-W45"
        assert list(last.actions["note"])[0] == "Call the carrier about Billing's trunk"
        assert list(last.actions["done"]) == [True, False] and list(last.actions["owner"])[0] == "مریم"
        assert actions.last_review(con, w47).period_label == "2026-W45"   # a skipped week still finds it
        assert actions.last_review(con, w45).period_label is None
        assert actions.last_review(con, rp.parse("2026-11")).period_label is None   # months are their own series
    actions.set_done(db, a1, False)
    with warehouse.read_connection(db) as con:
        assert list(actions.last_review(con, w46).actions["done"]) == [False, False]
