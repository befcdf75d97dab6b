"""Data shaping for the Service & queues page: wait-time bins, the queue table's target status and the
short-abandon summary. Pure functions over frames that came from metrics / breakdowns / sql/queries."""
from __future__ import annotations

from analytics.core import status as st_lang

import math

import pandas as pd

from analytics.core import registry, units
from analytics.i18n import N_, _

# Wait-time bin edges in seconds; the SL threshold (20 s) and the short-abandon threshold (5 s) are edges.
WAIT_EDGES = (5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600)
SERIES_ORDER = (N_("Answered"), N_("Abandoned"), N_("Short abandon"))   # keys from the SQL; words via _()
OUTCOMES = {"answered": N_("Answered"), "abandoned": N_("Abandoned")}   # a call's outcome as a word

QUEUE_KPIS = ("offered", "answered", "abandoned", "short_abandoned", "service_level_pct", "asa_s",
              "abandon_rate_pct", "avg_abandon_wait_s", "max_wait_s")
HEAT_KPIS = ("offered", "service_level_pct", "asa_s", "abandon_rate_pct")
LONGEST_WAITS = 25


def _fmt_edge(s: float) -> str:
    return units.duration_s(s, short=True)


def bin_labels(edges=WAIT_EDGES) -> list[str]:
    """Label of bin i (i edges <= wait): '0–5 s', '5–10 s', …, '10 min +'."""
    labels = [f"{units.digits('0')}–{_fmt_edge(edges[0])}"]
    for lo, hi in zip(edges, edges[1:]):
        labels.append(f"{_fmt_edge(lo)}–{_fmt_edge(hi)}")
    labels.append(_("{value} +").format(value=_fmt_edge(edges[-1])))
    return labels


def wait_histogram(counts: pd.DataFrame, edges=WAIT_EDGES, include_short: bool = False) -> pd.DataFrame:
    """Every (series, bin) cell with its count (0 where none) and share of its series, labelled, in bin
    order. `counts` has columns series, bin (number of edges <= wait), calls. Short abandons all sit in
    the first bin by definition, so by default they are left out (the page shows them on their own)."""
    labels = bin_labels(edges)
    wanted = SERIES_ORDER if include_short else SERIES_ORDER[:2]
    present = [s for s in wanted if s in set(counts["series"])]
    grid = pd.MultiIndex.from_product([present, range(len(labels))], names=["series", "bin"])
    full = counts.set_index(["series", "bin"])["calls"].reindex(grid, fill_value=0).reset_index()
    full["wait"] = [labels[int(b)] for b in full["bin"]]
    full["calls"] = full["calls"].astype(int)
    totals = full.groupby("series")["calls"].transform("sum")
    full["share_pct"] = 100.0 * full["calls"] / totals.where(totals > 0)
    return full[["wait", "series", "calls", "share_pct", "bin"]]


def with_sl_status(by_queue: pd.DataFrame, target) -> pd.DataFrame:
    """The queue table plus 'sl_target' and 'sl_status' (met / missed, as text). `target` is one
    Target for every queue, or a function queue → Target (each queue's own target where one is set)."""
    out = by_queue.copy()
    target_of = target if callable(target) else (lambda _queue: target)
    tgts = [target_of(q) for q in out["queue"]]
    status = [st_lang.label(st_lang.of("service_level_pct", None if _missing(v) else float(v), t)) or "—"
              for v, t in zip(out["service_level_pct"], tgts)]
    at = out.columns.get_loc("service_level_pct") + 1
    out.insert(at, "sl_target", [t.value if t else None for t in tgts])
    out.insert(at + 1, "sl_status", status)
    return out


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def short_abandon_summary(values: dict) -> dict:
    """Count and shares of short abandons from registry values (offered, abandoned, short_abandoned).

    Shares are of all abandoned calls and of all offered calls; None where the base is 0."""
    short = values.get("short_abandoned") or 0.0
    abandoned = values.get("abandoned") or 0.0
    offered = values.get("offered") or 0.0
    return {
        "short_abandoned": short,
        "share_of_abandoned_pct": 100.0 * short / abandoned if abandoned else None,
        "share_of_offered_pct": 100.0 * short / offered if offered else None,
    }


def heat_label(kpi_id: str) -> str:
    k = registry.get(kpi_id)
    return _("Calls offered (total)") if kpi_id == "offered" else k.label


def series_in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """The wait distribution's series (Answered, Abandoned, Short abandon: keys) as the language's words,
    for what a reader sees (chart, CSV)."""
    out = frame.copy()
    out["series"] = [_(s) for s in out["series"]]
    return out


def outcome_word(outcome) -> str | None:
    """A call's outcome ('answered') as a word of the language ('Answered')."""
    if not isinstance(outcome, str):
        return outcome
    return _(OUTCOMES[outcome]) if outcome in OUTCOMES else outcome



# --- heatmap cell → its calls ------------------------------------------------------------------------
# A cell of the weekday × hour heatmap is a "slot", kept in the URL as e.g. "Mon-09" (slot=Mon-09).
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_WORDS = (N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"), N_("Saturdays"),
                 N_("Sundays"))
SLOTS = tuple(f"{d}-{h:02d}" for d in WEEKDAYS for h in range(24))
SLOT_CALLS = 500  # rows listed for one slot (the count says how many there are in all)


def slot_of(weekday, hour) -> str | None:
    """The slot of a heatmap cell (weekday name or ISO number, hour), or None if it is not one."""
    try:
        day = WEEKDAYS[int(weekday) - 1] if str(weekday).isdigit() else str(weekday)
        slot = f"{day}-{int(float(hour)):02d}"
    except (TypeError, ValueError, IndexError):
        return None
    return slot if slot in SLOTS else None


def slot_of_point(point: dict) -> str | None:
    """The slot of a clicked heatmap cell (the chart selection's field values)."""
    return slot_of(point.get("weekday"), point.get("hour")) if point else None


def slot_parts(slot: str) -> tuple[int, int]:
    """(ISO weekday 1–7, hour 0–23) of a slot."""
    day, hour = slot.split("-")
    return WEEKDAYS.index(day) + 1, int(hour)


def slot_cell(slot) -> tuple[str, int] | None:
    """The heatmap cell (weekday name, hour) of a slot, None for no or an unknown slot."""
    if slot not in SLOTS:
        return None
    day, hour = slot_parts(slot)
    return WEEKDAYS[day - 1], hour


def slot_label(slot: str) -> str:
    if not slot:
        return _("— click a cell or choose —")
    day, hour = slot_parts(slot)
    # "Mondays 09:00–09:59": the weekday's calls over the whole period (Persian digits in Persian)
    return _("{weekdays} {hours}").format(weekdays=_(WEEKDAY_WORDS[day - 1]), hours=units.hour_range(hour))


def longest_waits_view(longest: pd.DataFrame) -> pd.DataFrame:
    """The longest-waits table as read: the wait in readable units ('18 min 59 s', not 1139) beside
    the seconds (kept for sorting and the CSV), the agent as one "Name (id)" column."""
    from analytics.core import labels

    out = longest.copy()
    out.insert(out.columns.get_loc("wait_s"), "wait", [units.duration_s(v) for v in out["wait_s"]])
    if "outcome" in out:
        out["outcome"] = [outcome_word(o) for o in out["outcome"]]
    if "agent_id" in out and "agent_name" in out:
        at = out.columns.get_loc("agent_id")
        agent = [None if _missing(i) else labels.person(None if _missing(n) else n, i)
                 for i, n in zip(out["agent_id"], out["agent_name"])]
        out = out.drop(columns=["agent_id", "agent_name"])
        out.insert(at, "agent", agent)
    return out


def split_queue_table(by_queue: pd.DataFrame, center_target: float | None) -> tuple[list[str], list[str]]:
    """The queue table's columns as two tables that fit a 1280 px screen: calls (offered, answered,
    abandoned, short abandons) and service (level, status, speed, abandonment, waits). The SL target
    column stays only when some queue's target differs from the center's."""
    volume = ["queue"] + [c for c in ("offered", "answered", "abandoned", "short_abandoned") if c in by_queue]
    rest = [c for c in by_queue.columns if c not in volume]
    targets = by_queue["sl_target"].dropna().unique() if "sl_target" in by_queue else []
    if "sl_target" in rest and all(center_target is not None and t == center_target for t in targets):
        rest.remove("sl_target")
    return volume, ["queue"] + rest


def slot_calls_table(calls: pd.DataFrame) -> pd.DataFrame:
    """A slot's calls as listed: the call id first (what a click opens), the agent as "Name (id)" (two
    agents may share a name), the outcome as a word."""
    from analytics.core import labels

    out = calls.drop(columns=["calls_in_slot"], errors="ignore").copy()
    out["agent"] = [labels.person(n, i) if isinstance(i, str) and i else None
                    for n, i in zip(out["agent_name"], out["agent_id"])]
    out["outcome"] = [outcome_word(o) for o in out["outcome"]]
    return out[["call_id", "arrived_at", "queue", "outcome", "wait_s", "handle_s", "agent", "reason"]]
