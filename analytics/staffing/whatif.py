"""What-if: recompute required staff and expected SL / ASA / abandonment for changed assumptions.

Everything is vectorised numpy over the interval frame (analytics/staffing/erlang.py), so a scenario over
a week of intervals for every queue answers in tens of milliseconds; the page caches the frame it
starts from and only this step reruns when a slider moves."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analytics.staffing import erlang

# Time inside a logged-in shift that is not on the phones (breaks, meetings, coaching) when the data
# cannot tell (plan.measured_aux_pct): a common planning allowance (two 15-minute breaks of an 8-hour
# shift are 6 %, meetings and coaching about as much again).
DEFAULT_AUX_PCT = 12.0


@dataclass(frozen=True)
class Scenario:
    target_pct: float = 80.0        # service level target: target_pct % answered within target_s
    target_s: float = 20.0
    aht_delta_s: float = 0.0        # added to every interval's handle time
    volume_pct: float = 0.0         # calls +x %
    shrinkage_pct: float | None = None  # scheduled time not on the phones; None = measured absence + aux
    aux_pct: float | None = None    # logged-in time off the phones; None = measured (else DEFAULT_AUX_PCT)
    extra_agents: int = 0           # +N agents on one shift …
    extra_start_h: float = 9.0      # … starting at this hour …
    extra_hours: float = 8.0        # … for this many hours, every day of the period

    def as_dict(self) -> dict:
        return asdict(self)


def parse_target(text: str) -> tuple[float, float]:
    """'80/20' → (80.0, 20.0): percent answered within seconds."""
    try:
        pct, secs = (float(p) for p in str(text).split("/"))
    except ValueError:
        raise ValueError(f"target {text!r} is not PCT/SECONDS, e.g. 80/20") from None
    if not (0 < pct < 100) or secs < 0:
        raise ValueError(f"target {text!r}: the percentage must be between 0 and 100 and the seconds ≥ 0")
    return pct, secs


def aux(scenario: Scenario, measured_aux_pct: float | None = None) -> float:
    """Percent of logged-in time off the phones: the scenario's, else the measured, else the allowance."""
    if scenario.aux_pct is not None:
        return float(scenario.aux_pct)
    return float(measured_aux_pct) if measured_aux_pct is not None else DEFAULT_AUX_PCT


def shrinkage(scenario: Scenario, measured: float | None, measured_aux_pct: float | None = None) -> float:
    """Fraction of scheduled time not on the phones."""
    if scenario.shrinkage_pct is not None:
        return float(np.clip(scenario.shrinkage_pct / 100.0, 0.0, 0.95))
    base = measured if measured is not None else 0.0
    return float(np.clip(1.0 - (1.0 - base) * (1.0 - aux(scenario, measured_aux_pct) / 100.0), 0.0, 0.95))


def evaluate(frame: pd.DataFrame, patience: dict, scenario: Scenario, model: str = "erlang_a",
             minutes: int = 30, measured_shrinkage: float | None = None,
             max_occupancy: float | None = None, measured_aux_pct: float | None = None) -> pd.DataFrame:
    """The interval frame with required/expected columns for `scenario`. `frame` needs queue,
    interval_start, offered, aht_s, scheduled_agents (NaN where unknown) and, for past intervals,
    logged_in_agents."""
    out = frame.copy()
    if out.empty:
        for c in ("required_agents", "required_scheduled", "expected_service_level_pct", "expected_asa_s",
                  "expected_abandon_pct", "expected_occupancy_pct", "modelled_service_level_pct",
                  "staffing_gap", "gap_agent_hours", "sl_points_vs_target"):
            out[c] = pd.Series(dtype=float)
        return out
    secs = minutes * 60.0
    offered = out["offered"].to_numpy(float) * (1.0 + scenario.volume_pct / 100.0)
    aht = np.maximum(out["aht_s"].to_numpy(float) + scenario.aht_delta_s, 1.0)
    lam = offered / secs
    by_q = {q: getattr(patience.get(q), "patience_s", np.nan) for q in out["queue"].unique()}
    pat = out["queue"].map(by_q).to_numpy(float)
    if model == "erlang_a":
        pat = np.where(np.isfinite(pat), pat, 1e6)  # no estimate: patience too long to matter
    target = scenario.target_pct / 100.0
    shrink = shrinkage(scenario, measured_shrinkage, measured_aux_pct)
    off_phone = aux(scenario, measured_aux_pct) / 100.0
    need = erlang.required_agents(lam, aht, target, scenario.target_s, pat if model == "erlang_a" else None,
                                  model, max_occupancy)
    sched = out["scheduled_agents"].to_numpy(float) if "scheduled_agents" in out else np.full(len(out), np.nan)
    hod = (out["interval_start"].dt.hour + out["interval_start"].dt.minute / 60.0).to_numpy()
    in_extra = (hod >= scenario.extra_start_h) & (hod < scenario.extra_start_h + scenario.extra_hours)
    known = np.isfinite(sched) | (in_extra & (scenario.extra_agents > 0))
    sched = np.where(np.isfinite(sched), sched, 0.0) + np.where(in_extra, scenario.extra_agents, 0)
    sched = np.where(known, sched, np.nan)  # no shifts: the expected outcome is unknown, not zero
    on_phone = np.where(known, sched, 0.0) * (1.0 - shrink)
    m = erlang.interpolate(on_phone, lam, aht, scenario.target_s, pat if model == "erlang_a" else None, model)
    m = {k: np.where(known, v, np.nan) for k, v in m.items()}
    out["offered"] = offered
    out["aht_s"] = aht
    out["required_agents"] = need
    out["required_scheduled"] = np.ceil(need / max(1.0 - shrink, 0.05) - 1e-9)
    out["scheduled_agents"] = sched
    out["expected_service_level_pct"] = 100.0 * m["service_level"]
    out["expected_asa_s"] = m["asa_s"]
    out["expected_abandon_pct"] = 100.0 * m["abandon_rate"]
    out["expected_occupancy_pct"] = 100.0 * m["occupancy"]
    if "logged_in_agents" in out:
        logged = out["logged_in_agents"].to_numpy(float)
        ok = np.isfinite(logged)
        mm = erlang.interpolate(np.where(ok, logged, 0.0) * (1.0 - off_phone), lam, aht,
                                scenario.target_s, pat if model == "erlang_a" else None, model, with_asa=False)
        out["modelled_service_level_pct"] = np.where(ok, 100.0 * mm["service_level"], np.nan)
    out["staffing_gap"] = sched - out["required_scheduled"]
    out["gap_agent_hours"] = out["staffing_gap"] * minutes / 60.0
    out["sl_points_vs_target"] = out["expected_service_level_pct"] - scenario.target_pct
    return out


def summary(ev: pd.DataFrame, minutes: int) -> dict:
    """Headline numbers of an evaluated frame: calls-weighted expected SL, short/over intervals and hours."""
    if ev.empty:
        return {"intervals": 0}
    w = ev["offered"].to_numpy(float)
    under = ev["staffing_gap"] < 0
    over = ev["staffing_gap"] > 0
    wsum = max(w.sum(), 1e-12)
    return {
        "intervals": int(len(ev)),
        "expected_service_level_pct": float((ev["expected_service_level_pct"] * w).sum() / wsum),
        "expected_abandon_pct": float((ev["expected_abandon_pct"] * w).sum() / wsum),
        "expected_asa_s": float(np.nansum(np.where(np.isfinite(ev["expected_asa_s"]), ev["expected_asa_s"], 0) * w) / wsum),
        "required_agent_hours": float(ev["required_scheduled"].sum() * minutes / 60.0),
        "scheduled_agent_hours": float(ev["scheduled_agents"].sum() * minutes / 60.0),
        "understaffed_intervals": int(under.sum()),
        "overstaffed_intervals": int(over.sum()),
        "short_agent_hours": float(-ev.loc[under, "gap_agent_hours"].sum()),
        "surplus_agent_hours": float(ev.loc[over, "gap_agent_hours"].sum()),
        "sl_points_lost": float(-(ev.loc[under, "sl_points_vs_target"].clip(upper=0) * w[under.to_numpy()]).sum() / wsum),
    }
