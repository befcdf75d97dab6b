"""The agent scorecard: per-agent registry KPIs joined to the roster, ranked within team and center,
with funnel-plot flags so a low-volume agent is not singled out for a rate chance alone explains.

Inputs are frames the pages already have: the registry's KPIs by agent (`metrics.compute(...,
by="agent", with_stats=True)`) and the roster (sql/queries/agents_roster.sql). Nothing here computes
a KPI; it ranks, joins and compares the registry's numbers.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.core import labels, registry
from analytics import i18n, stats
from analytics.i18n import N_, _, dot

SCORECARD_KPIS = ("answered", "aht_s", "hold_rate_pct", "transfer_rate_pct", "fcr_pct", "qa_score_avg",
                  "csat_pct", "adherence_pct", "absence_rate_pct")
# Rates with a count numerator and denominator: the ones a binomial funnel plot applies to.
FUNNEL_KPIS = ("transfer_rate_pct", "fcr_pct", "hold_rate_pct", "csat_pct", "absence_rate_pct")
ALERT, ALARM = 0.95, 0.998
LEVELS = (ALERT, ALARM)
ALERT_SUFFIX, ALARM_SUFFIX = "95", "998"



def tenure_months(hired_on: pd.Series, left_on: pd.Series, as_of: date) -> pd.Series:
    """Months employed on `as_of` (or on the leaving day, if earlier); 30.44 days a month."""
    hired = pd.to_datetime(hired_on)
    end = pd.to_datetime(left_on).fillna(pd.Timestamp(as_of)).clip(upper=pd.Timestamp(as_of))
    return ((end - hired).dt.days / 30.4375).clip(lower=0).round(1)


def _performance(values: pd.Series, kpi_id: str) -> pd.Series:
    """Values oriented so that larger is better (neutral KPIs such as volume: larger ranks first)."""
    sign = -1.0 if registry.get(kpi_id).direction == registry.LOWER_IS_BETTER else 1.0
    return values.astype(float) * sign


def rank_columns(frame: pd.DataFrame, kpi_id: str, team_col: str = "supervisor_id") -> pd.DataFrame:
    """rank_in_team (1 = best), team_size, pct_in_team and pct_in_center (100 = better than every
    peer) of `kpi_id`, direction-aware. Agents without a value get no rank."""
    out = frame.copy()
    perf = _performance(out[kpi_id], kpi_id)
    work = pd.DataFrame({"perf": perf, "team": out[team_col].fillna("—")}, index=out.index)
    ranked = stats.peer_percentiles(work, "perf", "team")
    out["rank_in_team"] = work.groupby("team")["perf"].rank(method="min", ascending=False)
    out["team_size"] = work.groupby("team")["perf"].transform("count")
    out["pct_in_team"] = ranked["pct_in_team"].to_numpy()
    out["pct_in_center"] = ranked["pct_in_center"].to_numpy()
    return out


def funnel(kpis: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """Each agent's rate against the funnel around the pooled center rate (Σk ÷ Σn).
    Needs the `<id>__num`/`<id>__den` stats columns. Columns: agent, agent_name, k, n, value (%),
    center, lcl/ucl per level, outside_95, outside_998, direction, status. Empty if no agent has n > 0."""
    k = registry.get(kpi_id)
    if k.kind != "rate":
        raise ValueError(f"{kpi_id} is not a rate KPI: a binomial funnel needs counts")
    num, den = f"{kpi_id}__num", f"{kpi_id}__den"
    data = kpis[kpis["agent"].notna()].copy()
    data = data[pd.to_numeric(data[den], errors="coerce").fillna(0) > 0]
    if data.empty:
        return pd.DataFrame(columns=["agent", "agent_name", "k", "n", "value", "center", "status"])
    frame = stats.funnel_flags(data[num].astype(float).to_numpy(), data[den].astype(float).to_numpy(),
                               labels=data["agent"].tolist(), levels=LEVELS, percent=True)
    frame = frame.rename(columns={"label": "agent"})
    frame.insert(1, "agent_name", data["agent_name"].to_numpy() if "agent_name" in data else frame["agent"])
    words = {w: i18n.label(w) for w in STATUS_WORDS}  # translated once, not once per agent
    frame["status"] = [words[status_key(o95, o998, d, v, c)] for o95, o998, d, v, c in zip(
        frame[f"outside_{ALERT_SUFFIX}"], frame[f"outside_{ALARM_SUFFIX}"], frame["direction"],
        frame["value"], frame["center"])]
    return frame


STATUS_WORDS = (N_("high, outside 99.8% limits"), N_("low, outside 99.8% limits"), N_("high, outside 95% limits"),
                N_("low, outside 95% limits"), N_("within limits"))
NO_CALLS_TO_JUDGE = N_("no calls to judge")


def status_key(outside_alert: bool, outside_alarm: bool, direction: str, value: float, center: float) -> str:
    side = direction or ("high" if value > center else "low")
    if outside_alarm:
        return f"{side}, outside 99.8% limits"
    if outside_alert:
        return f"{side}, outside 95% limits"
    return "within limits"


SIDES = {"high": N_("high"), "low": N_("low")}


def funnel_export(points: pd.DataFrame) -> pd.DataFrame:
    """The funnel's points for the CSV, its side (high/low) in the reader's language."""
    if "direction" not in points:
        return points
    return points.assign(direction=[_(SIDES[d]) if d in SIDES else d for d in points["direction"]])


def funnel_csv_config(k: registry.Kpi) -> dict[str, str]:
    """The funnel CSV's headers in words: what the counts are, and the unit of every rate and limit."""
    pct = lambda words: _("{words} (%)").format(words=words)  # noqa: E731
    return {"agent": _("Agent"), "agent_name": _("Name"), "k": _("Calls counted in the rate"),
            "n": _("Calls the rate is out of"), "value": pct(k.label), "center": pct(_("Center rate")),
            "lcl_95": pct(_("Lower 95% limit")), "ucl_95": pct(_("Upper 95% limit")),
            "lcl_998": pct(_("Lower 99.8% limit")), "ucl_998": pct(_("Upper 99.8% limit")),
            "outside_95": _("Outside the 95% limits"), "outside_998": _("Outside the 99.8% limits"),
            "direction": _("Side of the center (when outside)"), "status": _("Status")}


def funnel_curve(center_pct: float, max_n: float, min_n: float = 1.0, points: int = 120) -> pd.DataFrame:
    """Limit lines to draw: the funnel at `points` sizes from min_n to max_n (denser at small n)."""
    top = max(float(max_n), 2.0)
    low = min(max(float(min_n), 1.0), top / 2)
    sizes = np.unique(np.round(np.geomspace(low, top, points)))
    return stats.funnel_limits_proportion(center_pct / 100.0, sizes, LEVELS, percent=True)


def funnels(kpis: pd.DataFrame, ids=FUNNEL_KPIS) -> dict[str, pd.DataFrame]:
    """`funnel` of each KPI in `ids` that has its stats columns, computed once for a page: the
    scorecard's status and flags and the funnel plot read the same frames."""
    return {kid: funnel(kpis, kid) for kid in ids if f"{kid}__den" in kpis}


def flag_summary(kpis: pd.DataFrame, ids=FUNNEL_KPIS, by_kpi: dict[str, pd.DataFrame] | None = None) -> pd.Series:
    """Per agent: the funnel KPIs on which the agent is outside the 99.8% limits, as text
    ("Transfer rate high · CSAT low"); "" when none. Indexed by agent id. `by_kpi`: the `funnels`
    already computed."""
    by_kpi = funnels(kpis, ids) if by_kpi is None else by_kpi
    flags: dict[str, list[str]] = {}
    for kid in ids:
        if kid not in by_kpi:
            continue
        fr = by_kpi[kid]
        for agent, out, direction in zip(fr["agent"], fr.get(f"outside_{ALARM_SUFFIX}", []), fr.get("direction", [])):
            if out:
                flags.setdefault(agent, []).append(
                    (_("{kpi} high") if direction == "high" else _("{kpi} low")).format(kpi=registry.get(kid).label))
    agents = kpis["agent"].dropna()
    return pd.Series([dot().join(flags.get(a, [])) for a in agents], index=agents.to_numpy(), name="flags")


def build(kpis: pd.DataFrame, roster: pd.DataFrame, rank_kpi: str, as_of: date,
          funnel_kpi: str | None = None, by_kpi: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per agent in `kpis` (registry KPIs by agent, with stats): identity, team, site, tenure,
    the scorecard KPIs, rank/percentiles of `rank_kpi`, the funnel status of `funnel_kpi` and the
    flags of every funnel KPI (99.8% limits). `by_kpi`: the `funnels` already computed."""
    by_kpi = funnels(kpis) if by_kpi is None else by_kpi
    data = kpis[kpis["agent"].notna()].copy()
    people = roster.set_index("agent_id")
    out = pd.DataFrame({"agent": data["agent"].to_numpy()})
    names = data["agent_name"] if "agent_name" in data else data["agent"]
    out["name"] = [n if isinstance(n, str) and n else a for n, a in zip(names, data["agent"])]
    # two agents of one name (common in a large center) would be two identical rows: those get their id
    twins = out["name"].duplicated(keep=False)
    out.loc[twins, "name"] = [labels.person(n, a) for n, a in zip(out.loc[twins, "name"], out.loc[twins, "agent"])]
    for col in ("supervisor_id", "supervisor_name", "site", "hired_on", "left_on"):
        out[col] = out["agent"].map(people[col]) if col in people else None
    out = out.rename(columns={"supervisor_name": "team"})
    out["tenure_months"] = tenure_months(out["hired_on"], out["left_on"], as_of)
    for kid in SCORECARD_KPIS:
        out[kid] = pd.to_numeric(data[kid], errors="coerce").to_numpy() if kid in data else np.nan
    out["answered"] = out["answered"].fillna(0)  # an agent with shifts but no calls answered none
    out = rank_columns(out, rank_kpi)
    if funnel_kpi:  # a KPI without its counts (no `__den`) has no funnel: no status to show
        fr = by_kpi[funnel_kpi].set_index("agent") if funnel_kpi in by_kpi else pd.DataFrame()
        out["funnel_status"] = out["agent"].map(fr["status"]).fillna(i18n.label(NO_CALLS_TO_JUDGE)) if len(fr) else ""
    out["flags"] = out["agent"].map(flag_summary(kpis, by_kpi=by_kpi)).fillna("")
    return out.drop(columns=["left_on"]).reset_index(drop=True)


def team_options(card: pd.DataFrame) -> dict[str, str]:
    """Supervisor id → display label for the teams present in the scorecard, by name."""
    teams = card.dropna(subset=["supervisor_id"]).drop_duplicates("supervisor_id")
    teams = teams.sort_values(["team", "supervisor_id"], na_position="last")
    return {sid: labels.person(name, sid)
            for sid, name in zip(teams["supervisor_id"], teams["team"])}


REVIEW_FLAGS = {"long_hold": N_("long hold"), "transferred": N_("transferred"),
                "repeated_7d": N_("repeat within 7 days"), "unresolved": N_("unresolved")}


def flag_calls(calls: pd.DataFrame) -> pd.DataFrame:
    """Calls (sql/queries/agents_calls.sql) with at least one review flag, and a `flags` text column."""
    if calls.empty:
        return calls.assign(flags=pd.Series(dtype=str))
    marks = pd.DataFrame({
        "long_hold": calls["long_hold"].fillna(False).astype(bool),
        "transferred": calls["transferred"].fillna(False).astype(bool),
        "repeated_7d": calls["repeated_7d"].fillna(False).astype(bool),
        "unresolved": calls["resolved"].eq(False).fillna(False).astype(bool),
    })
    parts = [np.where(marks[c].to_numpy(), _(REVIEW_FLAGS[c]), "") for c in marks.columns]
    text = [dot().join(p for p in row if p) for row in zip(*parts)]
    out = calls.assign(flags=text)
    return out[marks.any(axis=1).to_numpy()].reset_index(drop=True)
