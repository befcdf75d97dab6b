"""Units: the one vocabulary for how a number is written — tiles, tables, chart axes and tooltips,
CSV and report text, the settings form and target ranges all ask the KPI's Unit. Formatting lives in
this module only (locale-aware formatting will hang here)."""
from __future__ import annotations

import math
from dataclasses import dataclass

UNDEFINED = "—"  # an undefined value (no population) is shown as an em dash, never as 0


def undefined(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class Unit:
    id: str
    word: str             # in a sentence or form label: "%", "seconds"
    title_suffix: str     # after an axis title: "Service level (%)"
    column: str           # printf format of a sortable table column (st.column_config.NumberColumn)
    d3: str               # d3 format of a chart's values: axis labels and tooltips of trend charts
    d3_ticks: str         # d3 format of the coarse ticks of a bullet chart
    bounds: tuple[float, float]  # plausible values; a target outside them is a typo, not an ambition
    step: float           # the step of a number input
    decimals: int         # display digits of format()
    delta_suffix: str = ""  # a change of a percentage is in points

    def format(self, value) -> str:
        """Display a value; undefined (None/NaN) shows as an em dash."""
        if undefined(value):
            return UNDEFINED
        v = float(value)
        if self.id == "s" and abs(v) >= 600:
            return f"{int(v // 60)}:{int(round(v % 60)):02d} min"
        if self.id == "nps":
            return f"{v:+.0f}"
        if self.id == "count":
            return f"{v:,.0f}"
        if self.id == "h":
            return duration_h(v)
        return f"{v:.{self.decimals}f}{self._suffix()}"

    def format_delta(self, delta) -> str:
        """A signed change: +2.0 pts, −3 s, +1,204."""
        if undefined(delta):
            return UNDEFINED
        d = float(delta)
        if self.id == "count":
            return f"{d:+,.0f}"
        if self.id in ("pct", "s"):
            return f"{d:+.{self.decimals}f}{self.delta_suffix}"
        return f"{d:+.1f}"

    def _suffix(self) -> str:
        return {"pct": "%", "s": " s", "h": " h"}.get(self.id, "")


def duration_h(hours: float) -> str:
    """Hours in readable units: '45 min', '5.5 h', '11 d 3 h' (not '266.8 h')."""
    if abs(hours) < 1:
        return f"{hours * 60:.0f} min"
    if abs(hours) < 24:
        return f"{hours:.1f} h"
    d, h = divmod(round(abs(hours)), 24)
    sign = "-" if hours < 0 else ""
    return f"{sign}{d} d {h} h" if h else f"{sign}{d} d"


UNITS: dict[str, Unit] = {u.id: u for u in (
    Unit("pct", "%", " (%)", "%.1f%%", ".1f", ".0f", (0.0, 100.0), 1.0, 1, " pts"),
    Unit("s", "seconds", " (s)", "%.0f s", ",.0f", ",.0f", (0.0, 86_400.0), 1.0, 0, " s"),
    Unit("h", "hours", " (h)", "%.1f h", ".1f", ",.1f", (0.0, 8_760.0), 1.0, 1),
    Unit("count", "count", "", "%d", ",.0f", ",.1f", (0.0, 1e12), 1.0, 0),
    Unit("score", "points", "", "%.1f", ".2f", ",.1f", (0.0, 100.0), 1.0, 1),
    Unit("nps", "NPS points", "", "%+.0f", "+.0f", "+.0f", (-100.0, 100.0), 1.0, 0),
    Unit("ratio", "ratio", "", "%.2f", ".2f", ",.1f", (0.0, 1e6), 0.1, 1),
    Unit("pts", "points", "", "%.1f", ".2f", ",.1f", (-100.0, 100.0), 0.1, 1),
)}


def get(unit_id: str) -> Unit:
    try:
        return UNITS[unit_id]
    except KeyError:
        raise ValueError(f"unknown unit {unit_id!r}; use one of {', '.join(UNITS)}") from None


def format_value(value, unit_id: str) -> str:
    return get(unit_id).format(value)


def format_delta(delta, unit_id: str) -> str:
    return get(unit_id).format_delta(delta)
