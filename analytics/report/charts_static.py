"""The review's charts as static images for the report: inline SVG for HTML, high-DPI PNG for PDF.

Charts come from the shared builders (analytics.core.charts) and are rendered by vl-convert, which runs
Vega offline: nothing is fetched. The SVG loses its xmlns attributes (an inline <svg> in HTML5 needs
none) so the HTML file contains no http(s) address at all."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import altair as alt

from analytics.core import charts
from analytics.core import periods, registry
from analytics.i18n import _
from analytics.review.build import Review

log = logging.getLogger("switchboard.report")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    import vl_convert as vlc
    for d in FONT_DIRS:
        if Path(d).is_dir():
            try:
                vlc.register_font_directory(d)
            except Exception as exc:  # a font folder vl-convert cannot read: charts fall back to its own fonts
                log.warning("could not register fonts in %s: %s", d, exc)


def review_charts(review: Review) -> list[tuple[str, alt.Chart]]:
    """(title, chart) pairs of the review: each highlight's KPI over the period and where its change came
    from (the same charts as the page), then volume and service level, abandonment by queue."""
    if review.empty or review.trend is None or review.trend.empty:
        return []
    grain = review.trend_grain
    by_grain = _("{kpi} by {grain}")
    grain_word = _(periods.grain_label(grain))
    out = []
    from analytics.review import charts as rv_charts

    tgts = {r["kpi_id"]: r["target"] for r in review.headline.to_dict("records")}
    for view in review.highlight_views:
        k = registry.get(view.kpi_id)
        t = tgts.get(k.id)
        out.append((by_grain.format(kpi=k.label, grain=grain_word), rv_charts.trend(view, grain, target=None if t is None or t != t else t,
                                                           height=200).properties(width=620)))
        parts = rv_charts.parts(view)
        if parts is not None:
            out.append((_("{kpi}: where the change came from").format(kpi=k.label), parts.properties(width=560)))
    sl = registry.get("service_level_pct")
    out.append((by_grain.format(kpi=sl.label, grain=grain_word), charts.trend(review.trend, sl, grain, target=sl.default_target,
                                                      height=220).properties(width=620)))
    off = registry.get("offered")
    out.append((by_grain.format(kpi=off.label, grain=grain_word), charts.trend(review.trend, off, grain, height=200).properties(width=620)))
    if review.by_queue is not None and not review.by_queue.empty:
        ab = registry.get("abandon_rate_pct")
        q = review.by_queue.dropna(subset=[ab.id])
        if not q.empty:
            out.append((_("{kpi} by queue").format(kpi=ab.label),
                        charts.bars(q, ab, "queue", target=ab.default_target).properties(width=560)))
    return out


LABEL_SLACK = 40   # px: an eighth of the widest label (labelLimit 260) and then some


def _spec(chart: alt.Chart) -> tuple[dict, dict]:
    """The chart's spec without its own title (the report prints each chart's title as its heading,
    and vl-convert overlays the lines of a two-line right-to-left title), and the number/time locale it
    carries (Persian digits), which vl-convert applies only when passed beside the spec."""
    spec = charts.localize_spec(chart.to_dict())
    spec.pop("title", None)
    # vl-convert lays out labels with its own sans-serif; a reader's wider one (DejaVu Sans, about an
    # eighth wider) needs room beyond the measured width, or a long label starts outside the drawing
    spec["padding"] = {"left": LABEL_SLACK, "right": LABEL_SLACK, "top": 5, "bottom": 5}
    loc = spec.get("config", {}).get("locale", {})
    kw = {}
    if loc.get("number"):
        kw["format_locale"] = loc["number"]
    if loc.get("time"):
        kw["time_format_locale"] = loc["time"]
    return spec, kw


def to_svg(chart: alt.Chart) -> str:
    import vl_convert as vlc
    _register_fonts()
    spec, kw = _spec(chart)
    svg = vlc.vegalite_to_svg(spec, **kw)
    return _XMLNS.sub("", svg)


def to_png(chart: alt.Chart, scale: float = 3.0) -> bytes:
    import vl_convert as vlc
    _register_fonts()
    spec, kw = _spec(chart)
    return vlc.vegalite_to_png(spec, scale=scale, **kw)
