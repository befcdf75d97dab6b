"""The review data object: everything the Weekly review page and the offline report show, computed
once from the registry (metrics.compute) so the page, the HTML, the PDF and the `kpis` CLI agree."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

import pandas as pd

from analytics.core import comparison, status, targets, warehouse
from analytics.core import registry
from analytics.core.filters import Catalog, Filters, data_range
from analytics.review import actions as actions_mod
from analytics.review import figures
from analytics.review import highlights as highlights_mod
from analytics.review import leaders as leaders_mod
from analytics.review import watchlist as watchlist_mod
from analytics.review.period import ReviewPeriod
from analytics.core.numbers import as_float
from analytics.core.units import digits
from analytics.i18n import N_, _, ltr, ngettext

HEADLINE = registry.HEADLINE
TREND_IDS = ("offered", "service_level_pct", "abandon_rate_pct")
QUEUE_IDS = ("offered", "service_level_pct", "asa_s", "abandon_rate_pct", "aht_s")
TREND_GRAIN = {"week": "day", "month": "day", "quarter": "week", "year": "month"}
NO_CALLS = N_("No calls in this period.")
SIG_NOTE = N_("(sig.) = significant at the 95% level; (n.s.) = not significant; no mark = not testable.")


@dataclass
class Leaders:
    kpi_id: str
    teams_best: pd.DataFrame
    teams_worst: pd.DataFrame
    agents_best: pd.DataFrame
    agents_worst: pd.DataFrame


@dataclass
class Watchlist:
    attrition: pd.DataFrame | None
    attrition_note: str | None
    qa_failures: pd.DataFrame
    over_span: pd.DataFrame


@dataclass
class Review:
    period: ReviewPeriod
    previous: ReviewPeriod
    last_year: ReviewPeriod
    center_name: str
    generated_at: datetime
    empty: bool
    headline: pd.DataFrame                       # one row per headline KPI, numbers and their texts
    highlights: list = field(default_factory=list)
    leaders: Leaders | None = None
    watchlist: Watchlist | None = None
    trend: pd.DataFrame | None = None
    trend_grain: str = "day"
    by_queue: pd.DataFrame | None = None
    actions: pd.DataFrame | None = None
    last_actions: actions_mod.LastReview | None = None
    notes: list[str] = field(default_factory=list)
    highlight_views: list = field(default_factory=list)   # one HighlightView per highlight, same order
    # days of the previous period / last year's the data covers, of their days: {"prev": (6, 7), …}
    coverage: dict = field(default_factory=dict)

    def compared(self, tag: str) -> bool:
        """Is the comparison period `tag` ("prev", "ly") within the data whole? Against a period the
        data covers only in part, a change compares the week with a fraction of a week: none is given."""
        covered, days = self.coverage.get(tag, (1, 1))
        return covered == days


@dataclass
class HighlightView:
    """What one highlight's chart shows: its KPI over the period and where the change came from."""
    kpi_id: str
    title: str
    trend: pd.DataFrame        # the period column (trend_grain) and the KPI
    parts: pd.DataFrame        # queue, contribution (KPI units; sums to the change)


def filters_for(p: ReviewPeriod) -> Filters:
    """The center-wide filter of a review period (the review ignores the sidebar's scope)."""
    return Filters(start=p.start, end=p.end, preset="custom", grain=TREND_GRAIN[p.kind], compare="none",
                   calendar=p.calendar)


def _center_name(stored: str | None) -> str:
    """The center's name from the settings; the default (unnamed) one in the reader's language."""
    return _("Contact center") if not stored or stored == "Contact center" else stored


def significance_mark(sig: bool | None) -> str:
    return {True: _(" (sig.)"), False: _(" (n.s.)")}.get(sig, "")


def _row(df: pd.DataFrame) -> dict:
    return df.iloc[0].to_dict() if len(df) else {}




def headline_frame(cur: dict, prev: dict, ly: dict, tgts: dict, ids=HEADLINE,
                   whole: dict | None = None) -> pd.DataFrame:
    """Each headline KPI against target, the previous period and last year; a change's mark is
    comparison.delta_row's significance, the one `kpis --compare` prints (a count's is untested).
    `whole`: {"prev": False} when the data covers that period only in part (Review.compared)."""
    whole = whole or {}
    rows = []
    for kid in ids:
        k = registry.get(kid)
        value = as_float(cur.get(kid))
        t = tgts.get(kid)
        rec = {"kpi_id": kid, "label": k.label, "unit": k.unit, "value": value, "value_text": k.format(value),
               "target": t.value if t else None, "target_text": k.format(t.value) if t else "",
               "status": status.of(kid, value, t) or ""}
        for tag, other in (("prev", prev), ("ly", ly)):
            if not (as_float(other.get("offered")) or 0) > 0:   # no calls then: nothing to compare with
                rec.update({tag: None, f"{tag}_text": _("no data"), f"{tag}_delta": None,
                            f"{tag}_significant": None, f"{tag}_delta_text": "—"})
                continue
            if not whole.get(tag, True):   # a fraction of a period: neither its value nor a change
                rec.update({tag: None, f"{tag}_text": _("partial data"), f"{tag}_delta": None,
                            f"{tag}_significant": None, f"{tag}_delta_text": "—"})
                continue
            d = comparison.delta_row(cur, other, k)
            rec[f"{tag}"] = d["prev"]
            rec[f"{tag}_text"] = k.format(d["prev"])
            rec[f"{tag}_delta"] = d["delta"]
            rec[f"{tag}_significant"] = d["significant"]
            rec[f"{tag}_delta_text"] = (k.format_delta(d["delta"]) + significance_mark(d["significant"])
                                        if d["delta"] is not None else "—")
        rows.append(rec)
    return pd.DataFrame(rows)


def queue_frame(by_queue: pd.DataFrame) -> pd.DataFrame:
    """The queue table (QUEUE_IDS by queue) out of the highlights' per-queue frame, which already holds
    those columns from the same query: the queues with calls (offered is 0, never undefined, where a
    queue had calls), as metrics.compute(con, f, QUEUE_IDS, by="queue") returns them."""
    out = by_queue.loc[by_queue["offered"].notna(), ["queue", *QUEUE_IDS]]
    return out.reset_index(drop=True)


def build_review(con, period: ReviewPeriod, *, db_path: Path | None = None, rank_by: str = "fcr_pct",
                 include_actions: bool = True,
                 progress: Callable[[float, str], None] | None = None) -> Review:
    """Compute the review of `period` on an open (read-only is enough) connection."""
    step = progress or (lambda share, text: None)
    prev_p, ly_p = period.previous(), period.last_year()
    notes: list[str] = []
    step(0.05, _("Headline KPIs"))
    ids = list(dict.fromkeys(HEADLINE + highlights_mod.CANDIDATES))
    seg_ids = list(highlights_mod.CANDIDATES)
    # every number of the review in one query per KPI source (analytics/review/figures.py)
    fig = figures.gather(con, {"cur": period, "prev": prev_p, "ly": ly_p}, ids, seg_ids,
                         list(dict.fromkeys([*TREND_IDS, *highlights_mod.CANDIDATES])),
                         TREND_GRAIN[period.kind], rank_by)
    cur, prev, ly = fig.totals["cur"], fig.totals["prev"], fig.totals["ly"]
    tgts = targets.effective(con)
    first, last = data_range(con)
    within = Catalog(first_day=first, last_day=last) if first is not None else None
    coverage = {tag: (within.days_covered(p.start, p.end) if within else 0, p.days)
                for tag, p in (("prev", prev_p), ("ly", ly_p))}
    review = Review(
        period=period, previous=prev_p, last_year=ly_p,
        center_name=_center_name(warehouse.setting(con, "center_name", None)),
        generated_at=datetime.now().replace(microsecond=0),
        empty=not (as_float(cur.get("offered")) or 0) > 0,
        headline=headline_frame(cur, prev, ly, tgts,
                                whole={tag: c == d for tag, (c, d) in coverage.items()}),
        trend_grain=TREND_GRAIN[period.kind], notes=list(dict.fromkeys(notes)), coverage=coverage,
    )
    for tag, p in (("prev", prev_p), ("ly", ly_p)):
        covered, days = coverage[tag]
        if 0 < covered < days:
            review.notes.append(ngettext(
                "{period} has data on only {covered} of its {days} day: no change against it is given.",
                "{period} has data on only {covered} of its {days} days: no change against it is given.",
                days).format(period=ltr(digits(p.label)), covered=digits(str(covered)), days=digits(str(days))))
    if include_actions:
        review.actions = actions_mod.for_period(con, period.label)
        review.last_actions = actions_mod.last_review(con, period)
    if review.empty:
        step(1.0, _("Done"))
        return review

    step(0.25, _("Highlights"))
    # weekday × block drivers name causes of calls KPIs only (highlights.find_drivers)
    segments = {"queue": (fig.by_queue["cur"], fig.by_queue["prev"]),
                "block": (fig.by_block["cur"], fig.by_block["prev"])}
    # ranked only against a previous period the data covers whole (Review.compared)
    review.highlights = highlights_mod.rank(cur, prev, segments) if review.compared("prev") else []
    review.highlight_views = highlight_views(fig.trend, review.highlights, segments["queue"], review.trend_grain)

    step(0.5, _("Teams and agents"))
    k = registry.get(rank_by)
    tb, tw = leaders_mod.best_and_worst(fig.teams, k, "supervisor")
    ab, aw = leaders_mod.best_and_worst(fig.agents, k, "agent")
    review.leaders = Leaders(rank_by, tb, tw, ab, aw)

    step(0.7, _("Watchlist"))
    att, att_note = (watchlist_mod.attrition(db_path) if db_path is not None
                     else (None, watchlist_mod.NO_MODEL))
    review.watchlist = Watchlist(att, att_note, watchlist_mod.qa_failures(con, period),
                                 watchlist_mod.over_span(con, period))

    step(0.85, _("Trend and queues"))
    review.trend = fig.trend[[review.trend_grain, *TREND_IDS]].copy()
    review.by_queue = queue_frame(fig.by_queue["cur"])
    step(1.0, _("Done"))
    return review


def highlight_views(trend: pd.DataFrame, hl: list, queue_segments, grain: str) -> list[HighlightView]:
    """Each highlight gets its own chart: the KPI by `grain` over the period (`trend` holds every
    candidate KPI by `grain`), and the exact decomposition of its change by queue
    (highlights.contributions)."""
    if not hl:
        return []
    out = []
    for h in hl:
        k = registry.get(h.kpi_id)
        parts = pd.DataFrame(columns=["queue", "contribution"])
        cur_q, prev_q = queue_segments
        if highlights_mod._has_inputs(cur_q, k) and highlights_mod._has_inputs(prev_q, k):
            c = highlights_mod.contributions(cur_q, prev_q, k, "queue")
            parts = c.rename("contribution").rename_axis("queue").reset_index().dropna()
        cols = [c for c in trend.columns if c in (grain, k.id)]
        out.append(HighlightView(k.id, h.text, trend[cols].copy(), parts))
    return out


def build_from_path(db_path: Path, period: ReviewPeriod, **kw) -> Review:
    with warehouse.read_connection(Path(db_path)) as con:
        return build_review(con, period, db_path=Path(db_path), **kw)
