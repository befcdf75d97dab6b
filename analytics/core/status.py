"""The one status language of the screens and the report: what a colour means.

Colour encodes **status against target** (met / near / missed) and a change is coloured only when it
is **significant** (better / worse); anything else is neutral grey, and a change that is not significant
says "n.s.". Every status also has a word and an icon, so colour is never the only carrier (and the
palette is Okabe–Ito: blue, orange and vermillion stay apart for colour-blind readers). Diverging
scales (heatmaps) are centred on the target, so "below target" and "above target" are the two hues.

Tiles, tables, heatmaps, bullets, review and report ask this module; nothing else picks a status colour.
"""
from __future__ import annotations

from dataclasses import dataclass

from analytics.core import registry
from analytics.core.numbers import as_float
from analytics.i18n import _, dot, gettext, ngettext

MET, NEAR, MISSED = "met", "near", "missed"
# "near": on the wrong side of the target by at most this much (absolute, in the KPI's unit) …
NEAR_ABS = {"pct": 2.0, "score": 2.0, "nps": 5.0}
# … and at most this share of the target (so a 5% abandonment target is "near" up to 5.5%, not 7%)
NEAR_REL = 0.10

BLUE, ORANGE, VERMILLION, GREY, LIGHT = "#0072B2", "#E69F00", "#D55E00", "#6B7280", "#F2F2F2"


@dataclass(frozen=True)
class Look:
    word_en: str     # what the screen says (English; `word` is in the session's language)
    icon: str        # a text mark that survives CSV, PDF and grey-scale printing
    material: str    # Streamlit icon
    hex: str         # charts, tables, HTML report
    name: str        # Streamlit's named colour (st.metric delta_color, :name-badge[])


LOOKS = {
    MET: Look("On target", "✔", ":material/check_circle:", BLUE, "blue"),
    NEAR: Look("Near target", "▲", ":material/error:", ORANGE, "orange"),
    MISSED: Look("Off target", "✖", ":material/cancel:", VERMILLION, "red"),
    None: Look("No target", "", "", GREY, "gray"),
}
BETTER = Look("Better", "▲", "", BLUE, "blue")
WORSE = Look("Worse", "▼", "", VERMILLION, "red")
NOT_SIGNIFICANT = Look("n.s.", "", "", GREY, "gray")
UNTESTED = Look("", "", "", GREY, "gray")


def _word(self: Look) -> str:
    return gettext(self.word_en)


Look.word = property(_word)


def tolerance(k: registry.Kpi, target: float) -> float:
    rel = NEAR_REL * abs(target)
    return min(NEAR_ABS[k.unit], rel) if k.unit in NEAR_ABS else rel


def of(kpi_id: str, value, target) -> str | None:
    """'met' | 'near' | 'missed' | None (no value, no target or a KPI without a direction).
    `target` is a number or anything with a `.value` (targets.Target)."""
    k = registry.get(kpi_id)
    t = as_float(getattr(target, "value", target))
    v = as_float(value)
    if v is None or t is None or k.direction == registry.NEUTRAL:
        return None
    shortfall = (t - v) * k.direction          # > 0: on the wrong side of the target
    if shortfall <= 0:
        return MET
    return NEAR if shortfall <= tolerance(k, t) + 1e-12 else MISSED


def look(status: str | None) -> Look:
    return LOOKS.get(status, LOOKS[None])


def target_text(k: registry.Kpi, target) -> str:
    """'target ≥ 80.0%' / 'target ≤ 5.0%' (the direction says which side is good)."""
    t = as_float(getattr(target, "value", target))
    if t is None:
        return ""
    side = {registry.HIGHER_IS_BETTER: "≥ ", registry.LOWER_IS_BETTER: "≤ "}.get(k.direction, "")
    return _("target {value}").format(value=f"{side}{k.format(t)}")


def label(status: str | None) -> str:
    """'✖ Off target' — the icon and the word, for tables, CSV and the report."""
    lk = look(status)
    return f"{lk.icon} {lk.word}".strip() if status else ""


def badge(status: str | None, k: registry.Kpi, target) -> str:
    """Streamlit markdown: one coloured badge with icon, word and target ("⊗ Off target · ≤ 5.0%")."""
    tt = target_text(k, target)
    if status is None:
        return ":gray-badge[" + (tt or LOOKS[None].word) + "]"
    lk = look(status)
    return f":{lk.name}-badge[{lk.material} {lk.word}{dot()}{_target_value(k, target)}]"


def _target_value(k: registry.Kpi, target) -> str:
    t = as_float(getattr(target, "value", target))
    side = {registry.HIGHER_IS_BETTER: "≥ ", registry.LOWER_IS_BETTER: "≤ "}.get(k.direction, "")
    return f"{side}{k.format(t)}" if t is not None else ""


def change(k: registry.Kpi, delta, significant: bool | None) -> Look:
    """How to show a change: coloured only when significant; neutral with 'n.s.' when not; neutral and
    silent when untested (counts of a few days, medians, maxima) or for KPIs without a direction."""
    d = as_float(delta)
    if d is None or d == 0 or significant is None:
        return UNTESTED
    if not significant:
        return NOT_SIGNIFICANT
    if k.direction == registry.NEUTRAL:
        return UNTESTED
    return BETTER if d * k.direction > 0 else WORSE


def change_text(k: registry.Kpi, delta, significant: bool | None) -> str:
    """'+1.2 pts' plus ' n.s.' when not significant — the words of the change, never colour alone."""
    d = as_float(delta)
    if d is None:
        return "—"
    text = k.format_delta(d)
    return text + (" " + NOT_SIGNIFICANT.word if significant is False else "")


def legend_markdown() -> str:
    """One line saying what the colours mean (shown above tiles and tables)."""
    met, near, missed = LOOKS[MET], LOOKS[NEAR], LOOKS[MISSED]
    return (f":{met.name}-badge[{met.material} {met.word}] "
            f":{near.name}-badge[{near.material} {near.word}] "
            f":{missed.name}-badge[{missed.material} {missed.word}]"
            + _(" — near: within {share} of the target on the wrong side. "
                "A change is coloured only when significant (5% level): ").format(share=_share(NEAR_REL))
            + f":{BETTER.name}[{BETTER.icon} {BETTER.word.lower()}] :{WORSE.name}[{WORSE.icon} {WORSE.word.lower()}]"
            + _(", otherwise grey with “{ns}”.").format(ns=NOT_SIGNIFICANT.word))


def _share(x: float) -> str:
    from analytics.core import units
    return _("{value}%").format(value=units.number(100 * x, 0, group=False))


def legend_html() -> str:
    """The same legend for the HTML report."""
    parts = [f'<span style="color:{lk.hex}">{lk.icon} {lk.word}</span>' for lk in (LOOKS[MET], LOOKS[NEAR], LOOKS[MISSED])]
    return (dot().join(parts) + _(" (near: within {share} of the target). Changes are coloured only "
                                  "when significant at the 5% level; “{ns}” = not significant.").format(
        share=_share(NEAR_REL), ns=NOT_SIGNIFICANT.word))


# --- charts ------------------------------------------------------------------------------------------

def diverging_scale(k: registry.Kpi, target, values) -> dict:
    """Vega-Lite scale kwargs for a heatmap coloured against the target: the target is the light
    midpoint, the bad side vermillion, the good side blue, whatever the KPI's direction. Without a
    target (or a direction), a sequential grey-blue scale."""
    t = as_float(getattr(target, "value", target))
    vals = [v for v in (as_float(x) for x in values) if v is not None]
    if t is None or k.direction == registry.NEUTRAL or not vals:
        return {"scheme": "blues"}
    lo, hi = min(vals + [t]), max(vals + [t])
    if lo == hi:
        lo, hi = t - 1, t + 1
    low_color, high_color = (VERMILLION, BLUE) if k.direction == registry.HIGHER_IS_BETTER else (BLUE, VERMILLION)
    return {"domain": [lo, t, hi], "range": [low_color, LIGHT, high_color], "interpolate": "rgb"}


def status_color_scale() -> dict:
    """Vega-Lite scale kwargs for a nominal 'status word' field."""
    words = [LOOKS[s].word for s in (MET, NEAR, MISSED, None)]
    return {"domain": words, "range": [LOOKS[s].hex for s in (MET, NEAR, MISSED, None)]}


# --- tables ------------------------------------------------------------------------------------------

def cell_css(status: str | None) -> str:
    """Background tint + text colour for a table cell of that status (empty for no status)."""
    if status is None:
        return ""
    return {MET: "background-color: #DCEBF5; color: #00466E",
            NEAR: "background-color: #FBEFD2; color: #6B4A00",
            MISSED: "background-color: #F7DCCF; color: #7A2E00"}[status]


def style_kpi_table(df, targets_by_row, ids):
    """A pandas Styler for st.dataframe: KPI cells formatted in their unit, tinted by status against the
    row's target and marked with the status icon (never colour alone). `targets_by_row`: a list (one
    {kpi_id: target} per row) or one dict for every row. The values stay numbers, so columns still sort."""
    rows = targets_by_row if isinstance(targets_by_row, list) else [targets_by_row] * len(df)
    present = [i for i in ids if i in df.columns]
    statuses = {i: [of(i, v, (rows[n] or {}).get(i)) for n, v in enumerate(df[i])] for i in present}

    def css(col):
        return [cell_css(s) for s in statuses[col.name]]

    styler = df.style
    if present:
        styler = styler.apply(css, subset=present)
        # one unit per column (a seconds column all in s, or all in m:ss min)
        formats = {i: registry.get(i).display.column_formatter(df[i]) for i in present}
        styler = styler.format(formats)
        # one formatter per cell: the icon depends on the row's target, not on the value alone
        for i in present:
            ci = df.columns.get_loc(i)
            for n, s in enumerate(statuses[i]):
                if s is not None:
                    styler._display_funcs[(n, ci)] = (lambda v, _f=formats[i], _m=look(s).icon: f"{_f(v)} {_m}")
    return styler


# --- small numbers -----------------------------------------------------------------------------------

UNSTABLE_DAYS = registry.UNSTABLE_BELOW_DAYS   # the contract: an annualized rate over fewer days is unstable


def unstable(k: registry.Kpi, days: int) -> bool:
    """An annualized rate over fewer than 90 days rests on a handful of leavers: it is shown with its
    count and without target status."""
    return k.unstable(days)   # registry: Kpi.annualized; metrics frames carry <id>__leavers, <id>__unstable


def unstable_text(k: registry.Kpi, days: int, count=None, agents=None) -> str:
    """Why an annualized rate gets no status, led by the small number it rests on: "1 leaver of 69
    agents in 7 days; annualized from under 90 days, …"."""
    from analytics.core import units
    n, m = as_float(count), as_float(agents)
    counted = ""
    if n is not None:
        args = dict(count=units.number(n, 0), days=units.digits(str(days)),
                    agents=units.number(m, 0) if m is not None else "")
        voluntary = k.id.startswith("voluntary")
        if m is None:
            counted = (ngettext("{count} voluntary leaver in {days} days; ", "{count} voluntary leavers in {days} days; ", int(n))
                       if voluntary else ngettext("{count} leaver in {days} days; ", "{count} leavers in {days} days; ", int(n)))
        else:
            counted = (ngettext("{count} voluntary leaver of {agents} agents in {days} days; ",
                                "{count} voluntary leavers of {agents} agents in {days} days; ", int(n)) if voluntary
                       else ngettext("{count} leaver of {agents} agents in {days} days; ",
                                     "{count} leavers of {agents} agents in {days} days; ", int(n)))
        counted = counted.format(**args)
    return counted + _("annualized from under {days} days, so unstable — no target status. "
                       "Choose a quarter or longer for a rate you can compare.").format(days=units.digits(str(UNSTABLE_DAYS)))
