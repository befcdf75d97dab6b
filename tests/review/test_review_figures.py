"""The review built from a handful of queries (review/figures.py, one pass per KPI source) shows exactly
what the review built one metrics.compute question at a time showed: headline numbers and texts,
highlights and their drivers, each highlight's trend and decomposition, the leaders, the trend and the
queue table — for weeks, months, quarters and years (a year's previous year is last year: read once),
on the sample center and on the planted warehouse."""
from __future__ import annotations

import pandas as pd
import pytest

from analytics.core import metrics, registry, targets, warehouse
from analytics.core.filters import load_catalog
from analytics.review import build, figures, highlights, leaders
from analytics.review import period as rp
from review_planted import build_planted

RTOL = 1e-9


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return build_planted(tmp_path_factory.mktemp("planted") / "planted.duckdb")


def _row(df):
    return df.iloc[0].to_dict() if len(df) else {}


def reference(con, period: rp.ReviewPeriod, rank_by: str) -> dict:
    """The review's numbers as they were computed before figures.py: one compute() per question."""
    prev_p, ly_p = period.previous(), period.last_year()
    f, fp, fl = build.filters_for(period), build.filters_for(prev_p), build.filters_for(ly_p)
    grain = build.TREND_GRAIN[period.kind]
    ids = list(dict.fromkeys(build.HEADLINE + highlights.CANDIDATES))
    cur = _row(metrics.compute(con, f, ids, with_stats=True))
    prev = _row(metrics.compute(con, fp, ids, with_stats=True))
    ly = _row(metrics.compute(con, fl, ids, with_stats=True))
    # a comparison period the data covers only in part gives no change (Review.compared)
    cat = load_catalog(con)
    whole = {tag: cat.days_covered(p.start, p.end) == p.days for tag, p in (("prev", prev_p), ("ly", ly_p))}
    headline = build.headline_frame(cur, prev, ly, targets.effective(con), whole=whole)
    seg_ids = list(highlights.CANDIDATES)
    hour_ids = [i for i in seg_ids if registry.get(i).source in ("calls", "queue_service")]
    segments = {"queue": tuple(metrics.compute(con, x, seg_ids, by="queue", with_stats=True) for x in (f, fp)),
                "hour": tuple(metrics.compute(con, x, hour_ids, by="hour", with_stats=True) for x in (f, fp))}
    hl = highlights.rank(cur, prev, segments) if whole["prev"] else []
    views = []
    if hl:
        trend = metrics.compute(con, f, [h.kpi_id for h in hl], by=grain)
        for h in hl:
            k = registry.get(h.kpi_id)
            parts = pd.DataFrame(columns=["queue", "contribution"])
            if all(highlights._has_inputs(x, k) for x in segments["queue"]):
                c = highlights.contributions(segments["queue"][0], segments["queue"][1], k, "queue")
                parts = c.rename("contribution").rename_axis("queue").reset_index().dropna()
            views.append((h.kpi_id, trend[[grain, h.kpi_id]], parts))
    k = registry.get(rank_by)
    lead = (*leaders.best_and_worst(metrics.compute(con, f, [rank_by], by="supervisor", with_stats=True), k, "supervisor"),
            *leaders.best_and_worst(metrics.compute(con, f, [rank_by], by="agent", with_stats=True), k, "agent"))
    return {"headline": headline, "highlights": hl, "views": views, "leaders": lead,
            "trend": metrics.compute(con, f, list(build.TREND_IDS), by=grain),
            "by_queue": metrics.compute(con, f, list(build.QUEUE_IDS), by="queue"),
            "empty": not (cur.get("offered") or 0) > 0}


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_exact=False,
                                  rtol=RTOL, check_dtype=False, check_index_type=False, check_column_type=False)


CASES = [("sample", "2026-W46", "fcr_pct"), ("sample", "2026-W44", "qa_score_avg"), ("sample", "2026-10", "aht_s"),
         ("sample", "2026-Q4", "csat_pct"), ("sample", "2026", "transfer_rate_pct"), ("sample", "2026-W47", "fcr_pct"),
         ("planted", "2026-W46", "fcr_pct"), ("planted", "2026-W46", "qa_score_avg")]


@pytest.mark.parametrize("which,label,rank_by", CASES)
def test_review_from_few_queries_equals_one_query_per_question(which, label, rank_by, sample_db, planted):
    db = sample_db if which == "sample" else planted
    period = rp.parse(label)
    with warehouse.read_connection(db) as con:
        review = build.build_review(con, period, db_path=db, rank_by=rank_by, include_actions=False)
        ref = reference(con, period, rank_by)
    _same(review.headline, ref["headline"])
    assert list(review.headline["prev_delta_text"]) == list(ref["headline"]["prev_delta_text"])
    assert list(review.headline["ly_delta_text"]) == list(ref["headline"]["ly_delta_text"])
    assert review.empty == ref["empty"]
    if review.empty:
        return
    assert [h.text for h in review.highlights] == [h.text for h in ref["highlights"]]
    assert [h.drivers for h in review.highlights] == [h.drivers for h in ref["highlights"]]
    for h, r in zip(review.highlights, ref["highlights"]):
        assert h.score == pytest.approx(r.score, rel=RTOL) and h.significant == r.significant
    assert [v.kpi_id for v in review.highlight_views] == [v[0] for v in ref["views"]]
    for view, (_kid, trend, parts) in zip(review.highlight_views, ref["views"]):
        _same(view.trend, trend)
        _same(view.parts, parts)
    got = review.leaders
    for mine, theirs in zip((got.teams_best, got.teams_worst, got.agents_best, got.agents_worst), ref["leaders"]):
        _same(mine, theirs)
    _same(review.trend, ref["trend"])
    _same(review.by_queue, ref["by_queue"])


def test_the_review_reads_a_handful_of_queries(sample_db):
    """One query per KPI source (four), plus the ranking's own table when it is not the source's."""
    period = rp.parse("2026-W46")
    with warehouse.read_connection(sample_db) as con:
        ids = list(dict.fromkeys(build.HEADLINE + highlights.CANDIDATES))
        fig = figures.gather(con, {"cur": period, "prev": period.previous(), "ly": period.last_year()}, ids,
                             list(highlights.CANDIDATES), list(build.TREND_IDS), "day", "fcr_pct")
    assert fig.queries <= 5
    # every headline KPI has its value and, for rates and means, what the tests need
    for kid in build.HEADLINE:
        assert kid in fig.totals["cur"]
        if registry.get(kid).has_stats:
            assert {f"{kid}__num", f"{kid}__den", f"{kid}__days", f"{kid}__q"} <= set(fig.totals["cur"])
