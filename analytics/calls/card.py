"""The call card's content, as words and small frames: the header (when, queue, agent, outcome), the
timeline of wait → talk → hold → after-call work, transfers, the repeat / first-contact status and the
survey. Pure functions over the row of sql/queries/agents_call_detail.sql; the page draws them."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analytics import i18n
from analytics.core import calendars, labels, units
from analytics.i18n import N_, _, dot, isolate, ngettext

# the parts of a call in the order a caller lives them (hold is recorded as a total, not when it happened)
SEGMENTS = (("wait_s", N_("Wait")), ("talk_s", N_("Talk")), ("hold_s", N_("Hold")),
            ("acw_s", N_("After-call work")))
CSAT_WORDS = {1: N_("very dissatisfied"), 2: N_("dissatisfied"), 3: N_("neutral"), 4: N_("satisfied"),
              5: N_("very satisfied")}


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
        said = (_("Answered after {wait} in the queue").format(wait=units.duration_s(wait)) if wait is not None
                else _("Answered"))
    elif outcome == "abandoned":
        said = (_("Abandoned: the caller hung up after {wait} in the queue").format(wait=units.duration_s(wait))
                if wait is not None else _("Abandoned: the caller hung up while waiting"))
    else:
        said = str(outcome or "—")
    agent = labels.person(_get(row, "agent_name"), row.get("agent_id")) if _get(row, "agent_id") else None
    team = (labels.person(_get(row, "supervisor_name"), row.get("supervisor_id"))
            if _get(row, "supervisor_id") else None)
    return Header(title=f"{units.datetime_text(when)}{dot()}{isolate(queue)}", outcome=said, agent=agent,
                  team=team, reason=_get(row, "reason"), caller=caller_text(_get(row, "caller")))


def caller_text(caller) -> str:
    """The warehouse's caller words ('unknown caller', 'caller #1a2b3c4d': written by the fct_calls mart)
    in the active language, the caller's short hash kept as it is."""
    if not caller or caller == "unknown caller":
        return _("unknown caller")
    if str(caller).startswith("caller #"):
        return _("caller {id}").format(id=isolate(str(caller)[len("caller "):]))
    return str(caller)


def timeline(row) -> pd.DataFrame:
    """One row per recorded part with its start and end in seconds from arrival: wait, talk, hold,
    after-call work (parts not recorded or zero are left out), with the duration in words."""
    out, t = [], 0.0
    for col, label in SEGMENTS:
        v = _get(row, col)
        if v is None or float(v) <= 0:
            continue
        out.append({"part": _(label), "start_s": t, "end_s": t + float(v), "seconds": float(v),
                    "duration": units.duration_s(v)})
        t += float(v)
    return pd.DataFrame(out, columns=["part", "start_s", "end_s", "seconds", "duration"])


def handling_words(row) -> list[str]:
    """Handle time, holds, dead air and transfers, each as one short sentence (only what was recorded)."""
    words = []
    handle = _get(row, "handle_s")
    if _get(row, "outcome") == "answered" and handle is not None:
        words.append(_("Handle time {duration} (talk + hold + after-call work).").format(
            duration=units.duration_s(handle)))
    holds = _get(row, "hold_count")
    if holds:
        words.append(ngettext("Put on hold {n} time.", "Put on hold {n} times.", int(holds)).format(
            n=units.number(int(holds), 0)))
    dead = _get(row, "dead_air_s")
    if dead:
        words.append(_("{duration} of silence (dead air) during the talk.").format(duration=units.duration_s(dead)))
    legs = int(_get(row, "legs") or 1)
    if legs > 1:
        words.append(ngettext("Transferred: {legs} legs (the caller was passed on {n} time); waits and times "
                              "are summed over the legs.",
                              "Transferred: {legs} legs (the caller was passed on {n} times); waits and times "
                              "are summed over the legs.", legs - 1).format(
            legs=units.number(legs, 0), n=units.number(legs - 1, 0)))
    elif _get(row, "transferred"):
        words.append(_("Transferred to another queue or agent."))
    return words


def resolution_words(row, window_h: float = 168) -> list[str]:
    """Resolved flag and the repeat / first-contact-resolution status, in words."""
    out = []
    resolved = _get(row, "resolved")
    if resolved is True:
        out.append(_("Marked resolved by the agent."))
    elif resolved is False:
        out.append(_("Marked unresolved by the agent."))
    days = int(window_h // 24)
    window = (ngettext("{n} day", "{n} days", days).format(n=units.number(days, 0)) if window_h % 24 == 0
              else units.duration_h(window_h))
    repeated = _get(row, "repeated_within_window")
    if _get(row, "outcome") != "answered":
        pass
    elif repeated is True:
        out.append(_("The caller called again within {window}: a repeat call, so not resolved at first "
                     "contact.").format(window=window))
    elif repeated is False:
        out.append(_("No call from this caller in the following {window}: resolved at first contact.").format(
            window=window))
    elif (_get(row, "caller") or "unknown caller") == "unknown caller":
        out.append(_("First-contact resolution unknown: the caller is not identified."))
    else:
        out.append(_("First-contact resolution unknown: the call is within {window} of the data's end, too "
                     "recent to tell.").format(window=window))
    prev = _get(row, "hours_since_callers_previous_call")
    if prev is not None:
        out.append(_("The caller's previous call was {duration} earlier.").format(
            duration=units.duration_h(float(prev))))
    return out


def survey_words(survey: pd.DataFrame) -> list[str]:
    """The post-call survey's answers in words ([] when the caller answered none)."""
    if survey is None or survey.empty:
        return []
    row = survey.iloc[0]
    out = []
    csat = _get(row, "csat")
    if csat is not None:
        word = CSAT_WORDS.get(int(csat))
        out.append(_("Satisfaction (CSAT) {score} of {top}: {word}.").format(
            score=units.number(int(csat), 0), top=units.number(5, 0), word=_(word) if word else "—"))
    nps = _get(row, "nps")
    if nps is not None:
        score, top = units.number(int(nps), 0), units.number(10, 0)
        if nps >= 9:
            out.append(_("Would recommend (NPS question) {score} of {top}: a promoter.").format(score=score, top=top))
        elif nps >= 7:
            out.append(_("Would recommend (NPS question) {score} of {top}: a passive.").format(score=score, top=top))
        else:
            out.append(_("Would recommend (NPS question) {score} of {top}: a detractor.").format(score=score, top=top))
    when = _get(row, "answered_at")
    if when is not None:
        out.append(_("Survey answered {when}.").format(when=units.datetime_text(pd.Timestamp(when))))
    return out


def evaluations(evals: pd.DataFrame, items: pd.DataFrame) -> list[dict]:
    """Each evaluation as {title, score, criteria (frame criterion/score)}, human ones first."""
    out = []
    if evals is None or evals.empty:
        return out
    for _i, e in evals.sort_values(["kind", "evaluated_at"], key=lambda s: s.map({"human": 0, "auto": 1})
                                  if s.name == "kind" else s).iterrows():
        who = (_("Automated check") if e["kind"] == "auto"
               else _("Evaluated by {evaluator}").format(
                   evaluator=isolate(labels.person(_get(e, "evaluator_name"), e["evaluator_id"]))))
        when = _get(e, "evaluated_at")
        crit = (items[items["evaluation_id"] == e["evaluation_id"]][["criterion", "score"]].reset_index(drop=True)
                if items is not None and not items.empty else pd.DataFrame(columns=["criterion", "score"]))
        # 'hold_etiquette' reads 'Hold etiquette', as on the Quality page (labels.criterion: a criterion is
        # the user's data, not translated; only an identifier is turned into words)
        crit = crit.assign(criterion=[labels.criterion(c) for c in crit["criterion"]])
        day = calendars.long_date(pd.Timestamp(when).date(), calendars.current()) if when is not None else None
        out.append({"title": who + (f"{dot()}{day}" if day else ""),
                    "kind": e["kind"], "score": float(e["score"]), "criteria": crit,
                    "evaluation_id": e["evaluation_id"]})
    return out
