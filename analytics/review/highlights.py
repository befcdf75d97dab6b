"""Automatic highlights: which KPIs moved most against the previous period, and where the move came from.

Each KPI's change is ranked by its size (relative to the room it had to move) and its significance
(comparison.delta_row's test, the one the CLI and every page read: counts are not tested). The driver is found by an exact
decomposition of the change into segments — queues, and weekday × 2-hour blocks — using the
numerators and denominators that metrics.compute returns with `with_stats=True`:

    R_cur − R_prev = Σ_i [(N_i,cur − N_i,prev) − R_prev · (D_i,cur − D_i,prev)] / D_cur

so a segment's contribution is what it added to the change, and contributions sum to the change.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from analytics.core import comparison
from analytics.core import registry
from analytics import i18n
from analytics.core import units
from analytics.i18n import _, isolate

# KPIs considered for highlights: the headline set plus the QA pass rate.
CANDIDATES = tuple(dict.fromkeys(registry.HEADLINE + ("qa_pass_rate_pct",)))
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BLOCK_H = 2                 # hours per time-of-day block
MIN_SIZE = 0.05             # a change smaller than 5% of its room is not a highlight unless significant
DRIVER_SHARE = 0.30         # a segment must carry ≥ 30% of the change to be named
EXTEND_RATIO = 0.5          # a neighbouring block joins the driver if it adds ≥ half the top block's share
WEIGHT = {True: 1.0, None: 0.5, False: 0.2}   # significant / untested / not significant


@dataclass
class Highlight:
    kpi_id: str
    label: str
    value: float | None
    prev: float | None
    delta: float
    p_value: float | None
    significant: bool | None
    size: float
    score: float
    good: bool | None                 # None for neutral KPIs
    drivers: list[str] = field(default_factory=list)
    text: str = ""


def _isnum(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def size_of(k: registry.Kpi, value: float, prev: float) -> float:
    """How big a change is: relative to the distance from the bound it moves toward for bounded KPIs
    (a 2-point rise of a 5% abandonment rate is large, of an 80% service level moderate), relative to
    the previous value otherwise."""
    delta = abs(value - prev)
    lo, hi = k.display.bounds
    if k.unit in ("pct", "score", "nps"):  # bounded both ways: the room left toward the nearer bound
        room = min(prev - lo, hi - prev)
    else:
        room = abs(prev)
    return delta / max(room, 1.0)


def _sums(df: pd.DataFrame, keys: list[str], cols: list[str]) -> dict:
    """Σ of `cols` per key tuple (missing values count 0 and missing keys are left out, as in a
    groupby sum): plain Python over the handful of segments, where pandas' groupby is ten times slower."""
    out: dict = {}
    arrays = [df[c].to_numpy(dtype=float, na_value=float("nan")) for c in cols]
    for i, key in enumerate(zip(*(df[k].tolist() for k in keys))):
        if any(x is None or x != x for x in key):   # groupby leaves missing keys out
            continue
        acc = out.setdefault(key, [0.0] * len(cols))
        for j, arr in enumerate(arrays):
            v = arr[i]
            if v == v:
                acc[j] += float(v)
    return out


def contributions(cur: pd.DataFrame, prev: pd.DataFrame, k: registry.Kpi, key: str | list[str]) -> pd.Series:
    """Each segment's share of the KPI's change (in the KPI's units); frames hold `key` and the
    KPI's stats columns (or its value, for counts). Sums to value_cur − value_prev."""
    keys = [key] if isinstance(key, str) else list(key)
    cols = [k.id] if k.kind == "count" else [f"{k.id}__num", f"{k.id}__den"]
    a, b = _sums(cur, keys, cols), _sums(prev, keys, cols)
    segs = sorted(set(a) | set(b))
    index = (pd.Index([s[0] for s in segs], name=keys[0]) if len(keys) == 1
             else pd.MultiIndex.from_tuples(segs, names=keys))
    zero = [0.0] * len(cols)
    if k.kind == "count":
        return pd.Series([a.get(s, zero)[0] - b.get(s, zero)[0] for s in segs], index=index, dtype=float)
    d_cur = sum(v[1] for v in a.values())
    d_prev = sum(v[1] for v in b.values())
    if d_cur <= 0 or d_prev <= 0:
        return pd.Series(dtype=float)
    r_prev = sum(v[0] for v in b.values()) / d_prev
    factor = 100.0 if k.kind == "rate" else k.scale
    return pd.Series([factor * ((a.get(s, zero)[0] - b.get(s, zero)[0]) - r_prev * (a.get(s, zero)[1] - b.get(s, zero)[1]))
                      / d_cur for s in segs], index=index, dtype=float)


def weekday_blocks(hourly: pd.DataFrame) -> pd.DataFrame:
    """Hourly stats frame (key 'hour' = 'YYYY-MM-DD HH:00') → weekday (0–6) and block start hour."""
    out = hourly.copy()
    ts = pd.to_datetime(out["hour"], format="%Y-%m-%d %H:%M")
    out["weekday"] = ts.dt.day_of_week
    out["block"] = (ts.dt.hour // BLOCK_H) * BLOCK_H
    return out


def top_queues(contrib: pd.Series, total: float) -> list[str]:
    if contrib.empty or total == 0:
        return []
    signed = (contrib * math.copysign(1, total)).sort_values(ascending=False)
    return [str(q) for q, c in signed.items() if c / abs(total) >= DRIVER_SHARE][:2]


def top_time_block(contrib: pd.Series, total: float) -> str | None:
    """The weekday × hour rectangle around the largest contributing block, grown while neighbouring
    rows/columns add at least half of the top block's contribution per block."""
    if contrib.empty or total == 0:
        return None
    sign = math.copysign(1, total)
    cells = {(int(w), int(b)): float(c) * sign for (w, b), c in contrib.items()}
    (w0, b0), best = max(cells.items(), key=lambda kv: kv[1])
    if best <= 0:
        return None
    wd, bl = [w0, w0], [b0, b0]

    def strip(ws, bs):
        vals = [cells.get((w, b), 0.0) for w in ws for b in bs]
        return sum(vals) / max(len(vals), 1)

    while True:
        options = []
        if wd[0] > 0:
            options.append(("w-", strip([wd[0] - 1], range(bl[0], bl[1] + 1, BLOCK_H))))
        if wd[1] < 6:
            options.append(("w+", strip([wd[1] + 1], range(bl[0], bl[1] + 1, BLOCK_H))))
        if bl[0] > 0:
            options.append(("b-", strip(range(wd[0], wd[1] + 1), [bl[0] - BLOCK_H])))
        if bl[1] < 24 - BLOCK_H:
            options.append(("b+", strip(range(wd[0], wd[1] + 1), [bl[1] + BLOCK_H])))
        if not options:
            break
        move, gain = max(options, key=lambda o: o[1])
        if gain < EXTEND_RATIO * best:
            break
        if move == "w-":
            wd[0] -= 1
        elif move == "w+":
            wd[1] += 1
        elif move == "b-":
            bl[0] -= BLOCK_H
        else:
            bl[1] += BLOCK_H
    share = sum(cells.get((w, b), 0.0) for w in range(wd[0], wd[1] + 1)
                for b in range(bl[0], bl[1] + 1, BLOCK_H)) / abs(total)
    if share < DRIVER_SHARE:
        return None
    days = WEEKDAYS[wd[0]] if wd[0] == wd[1] else f"{WEEKDAYS[wd[0]]}–{WEEKDAYS[wd[1]]}"
    return f"{days} {bl[0]}–{bl[1] + BLOCK_H} h"


def _sentence(h: Highlight, k: registry.Kpi) -> str:
    sig = {True: _("significant"), False: _("not significant"), None: _("not tested")}[h.significant]
    if h.good is not None:
        sig = _("{direction}, {significance}").format(direction=_("better") if h.good else _("worse"),
                                                       significance=sig)
    words = dict(kpi=k.label, change=k.format_delta(abs(h.delta)).lstrip("+-\u200e"), value=k.format(h.value),
                 previous=k.format(h.prev), verdict=sig)
    if h.delta > 0:
        text = _("{kpi} up {change} to {value} (from {previous}), {verdict}").format(**words)
    else:
        text = _("{kpi} down {change} to {value} (from {previous}), {verdict}").format(**words)
    if h.drivers:
        queues = [isolate(d) for d in h.drivers if not d.endswith(" h")]
        times = [_time_block(d) for d in h.drivers if d.endswith(" h")]
        text += _("; driven by {drivers}").format(
            drivers=_(", ").join(filter(None, [_(" and ").join(queues)] + times)))
    return text


def _time_block(text: str) -> str:
    """'Mon–Wed 9–12 h' (as _block writes it) in the active language: weekday names from CLDR."""
    import re

    m = re.fullmatch(r"(\w+)(?:–(\w+))? (\d+)–(\d+) h", text)
    if not m or i18n.current() == i18n.DEFAULT:
        return text
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", locale=i18n.LOCALES[i18n.current()])
    day = lambda w: names[WEEKDAYS.index(w)] if w in WEEKDAYS else w
    days = day(m[1]) if not m[2] else f"{day(m[1])}–{day(m[2])}"
    return _("{days} {start}–{end} h").format(days=days, start=units.digits(m[3]), end=units.digits(m[4]))


def rank(cur: dict, prev: dict, segments: dict | None = None,
         ids=CANDIDATES, limit: int = 6) -> list[Highlight]:
    """Highlights, largest first. `cur`/`prev`: one metrics.compute row each (with stats);
    `segments`: {"queue": (cur_df, prev_df), "hour": (cur_df, prev_df)} of stats by queue and by hour
    (or "block": by weekday and block, as review/figures.py gives them)."""
    segments = segments or {}
    out: list[Highlight] = []
    for kid in ids:
        k = registry.get(kid)
        d = comparison.delta_row(cur, prev, k)
        if not (_isnum(d["value"]) and _isnum(d["prev"])) or d["delta"] == 0:
            continue
        p, sig = d["p_value"], d["significant"]
        size = size_of(k, d["value"], d["prev"])
        if size < MIN_SIZE and not sig:
            continue
        good = None if k.direction == registry.NEUTRAL else (d["delta"] * k.direction > 0)
        h = Highlight(kid, k.label, d["value"], d["prev"], d["delta"], p, sig, size, size * WEIGHT[sig], good)
        # a change the test calls noise gets no cause: "driven by Wed 14–16 h" would dress it up
        h.drivers = find_drivers(k, h.delta, segments) if sig is not False else []
        h.text = _sentence(h, k)
        out.append(h)
    out.sort(key=lambda h: h.score, reverse=True)
    return out[:limit]


def _has_inputs(df: pd.DataFrame | None, k: registry.Kpi) -> bool:
    if df is None or df.empty:
        return False
    need = [k.id] if k.kind == "count" else [f"{k.id}__num", f"{k.id}__den"]
    return all(c in df.columns for c in need)


def find_drivers(k: registry.Kpi, total: float, segments: dict) -> list[str]:
    if k.kind not in ("rate", "mean", "count"):
        return []
    names: list[str] = []
    q = segments.get("queue")
    if q and _has_inputs(q[0], k) and _has_inputs(q[1], k):
        names += top_queues(contributions(q[0], q[1], k, "queue"), total)
    if k.source not in ("calls", "queue_service"):   # evaluation hours say nothing of callers
        return names
    # "block": frames already by weekday × block (review/figures.py); "hour": by hour, grouped here
    h = segments.get("block")
    if h is None and segments.get("hour"):
        h = tuple(weekday_blocks(x) for x in segments["hour"])
    if h and _has_inputs(h[0], k) and _has_inputs(h[1], k):
        block = top_time_block(contributions(h[0], h[1], k, ["weekday", "block"]), total)
        if block:
            names.append(block)
    return names
