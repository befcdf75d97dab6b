"""The call card's content, as words and small frames: the header (when, queue, agent, outcome), the
timeline of wait → talk → hold → after-call work, transfers, the repeat / first-contact status and the
survey. Pure functions over the row of sql/queries/agents_call_detail.sql; the page draws them."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analytics.core import labels, units

# the parts of a call in the order a caller lives them (hold is recorded as a total, not when it happened)
SEGMENTS = (("wait_s", "Wait"), ("talk_s", "Talk"), ("hold_s", "Hold"), ("acw_s", "After-call work"))
CSAT_WORDS = {1: "very dissatisfied", 2: "dissatisfied", 3: "neutral", 4: "satisfied", 5: "very satisfied"}


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or (
        not isinstance(v, (str, bool)) and pd.isna(v))


def _get(row, key):
    v = row.get(key) if hasattr(row, "get") else None
    return None if _missing(v) else v


@dataclass(frozen=True)
class Header:
    title: str          # "Tue 13 Oct 2026, 09:14 · Billing"
    outcome: str        # "Answered after 12 s" / "Abandoned after 1 min 05 s"
    agent: str | None   # "Mina Karimi (A0002)" or None for an abandoned call
    team: str | None    # "Ava Gagnon (S01)"
    reason: str | None
    caller: str


def header(row) -> Header:
    when = pd.Timestamp(_get(row, "arrived_at"))
    queue = _get(row, "queue") or "—"
    wait = _get(row, "wait_s")
    outcome = _get(row, "outcome")
    if outcome == "answered":
        said = "Answered" + (f" after {units.duration_s(wait)} in the queue" if wait is not None else "")
    elif outcome == "abandoned":
        said = "Abandoned: the caller hung up" + (f" after {units.duration_s(wait)} in the queue"
                                                  if wait is not None else " while waiting")
    else:
        said = str(outcome or "—")
    agent = labels.person(_get(row, "agent_name"), row.get("agent_id")) if _get(row, "agent_id") else None
    team = (labels.person(_get(row, "supervisor_name"), row.get("supervisor_id"))
            if _get(row, "supervisor_id") else None)
    return Header(title=f"{when:%a %d %b %Y, %H:%M} · {queue}", outcome=said, agent=agent, team=team,
                  reason=_get(row, "reason"), caller=_get(row, "caller") or "unknown caller")


def timeline(row) -> pd.DataFrame:
    """One row per recorded part with its start and end in seconds from arrival: wait, talk, hold,
    after-call work (parts not recorded or zero are left out), with the duration in words."""
    out, t = [], 0.0
    for col, label in SEGMENTS:
        v = _get(row, col)
        if v is None or float(v) <= 0:
            continue
        out.append({"part": label, "start_s": t, "end_s": t + float(v), "seconds": float(v),
                    "duration": units.duration_s(v)})
        t += float(v)
    return pd.DataFrame(out, columns=["part", "start_s", "end_s", "seconds", "duration"])


def handling_words(row) -> list[str]:
    """Handle time, holds, dead air and transfers, each as one short sentence (only what was recorded)."""
    words = []
    handle = _get(row, "handle_s")
    if _get(row, "outcome") == "answered" and handle is not None:
        words.append(f"Handle time {units.duration_s(handle)} (talk + hold + after-call work).")
    holds = _get(row, "hold_count")
    if holds:
        words.append(f"Put on hold {int(holds)} time{'s' if int(holds) != 1 else ''}.")
    dead = _get(row, "dead_air_s")
    if dead:
        words.append(f"{units.duration_s(dead)} of silence (dead air) during the talk.")
    legs = int(_get(row, "legs") or 1)
    if legs > 1:
        words.append(f"Transferred: {legs} legs (the caller was passed on {legs - 1} "
                     f"time{'s' if legs > 2 else ''}); waits and times are summed over the legs.")
    elif _get(row, "transferred"):
        words.append("Transferred to another queue or agent.")
    return words


def resolution_words(row, window_h: float = 168) -> list[str]:
    """Resolved flag and the repeat / first-contact-resolution status, in words."""
    out = []
    resolved = _get(row, "resolved")
    if resolved is True:
        out.append("Marked resolved by the agent.")
    elif resolved is False:
        out.append("Marked unresolved by the agent.")
    window = (f"{window_h / 24:g} days" if window_h % 24 == 0 else units.duration_h(window_h))
    repeated = _get(row, "repeated_within_window")
    if _get(row, "outcome") != "answered":
        pass
    elif repeated is True:
        out.append(f"The caller called again within {window}: a repeat call, so not resolved at first contact.")
    elif repeated is False:
        out.append(f"No call from this caller in the following {window}: resolved at first contact.")
    else:
        why = ("the caller is not identified" if (_get(row, "caller") or "unknown caller") == "unknown caller"
               else f"the call is within {window} of the data's end, too recent to tell")
        out.append(f"First-contact resolution unknown: {why}.")
    prev = _get(row, "hours_since_callers_previous_call")
    if prev is not None:
        out.append(f"The caller's previous call was {units.duration_h(float(prev))} earlier.")
    return out


def survey_words(survey: pd.DataFrame) -> list[str]:
    """The post-call survey's answers in words ([] when the caller answered none)."""
    if survey is None or survey.empty:
        return []
    row = survey.iloc[0]
    out = []
    csat = _get(row, "csat")
    if csat is not None:
        out.append(f"Satisfaction (CSAT) {int(csat)} of 5: {CSAT_WORDS.get(int(csat), '')}.")
    nps = _get(row, "nps")
    if nps is not None:
        kind = "promoter" if nps >= 9 else "passive" if nps >= 7 else "detractor"
        out.append(f"Would recommend (NPS question) {int(nps)} of 10: a {kind}.")
    when = _get(row, "answered_at")
    if when is not None:
        out.append(f"Survey answered {pd.Timestamp(when):%a %d %b %Y, %H:%M}.")
    return out


def evaluations(evals: pd.DataFrame, items: pd.DataFrame) -> list[dict]:
    """Each evaluation as {title, score, criteria (frame criterion/score)}, human ones first."""
    out = []
    if evals is None or evals.empty:
        return out
    for _, e in evals.sort_values(["kind", "evaluated_at"], key=lambda s: s.map({"human": 0, "auto": 1})
                                  if s.name == "kind" else s).iterrows():
        who = ("Automated check" if e["kind"] == "auto"
               else "Evaluated by " + labels.person(_get(e, "evaluator_name"), e["evaluator_id"]))
        when = _get(e, "evaluated_at")
        crit = (items[items["evaluation_id"] == e["evaluation_id"]][["criterion", "score"]].reset_index(drop=True)
                .assign(criterion=lambda d: d["criterion"].astype(str).str.replace("_", " ").str.capitalize())
                if items is not None and not items.empty else pd.DataFrame(columns=["criterion", "score"]))
        out.append({"title": who + (f" · {pd.Timestamp(when):%d %b %Y}" if when is not None else ""),
                    "kind": e["kind"], "score": float(e["score"]), "criteria": crit,
                    "evaluation_id": e["evaluation_id"]})
    return out
