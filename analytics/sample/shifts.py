"""The roster: who is scheduled when, who shows up, and the agents on the phones per queue-slot.

Staffing follows the planner's forecast, not the other way round: for every queue and day the planner
turns the forecast load into Erlang-A required agents per half hour (`queueing.required_agents`), then
places the day's scheduled agents' shifts so their coverage follows that requirement. What actually
answers the phones then differs from the plan the way it does in real centers: absences, vacancies,
a weekday pattern that never quite matches the volume, and a forecast that misses."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scipy.optimize import nnls

from analytics.sample.arrivals import CLOSE_SLOT, OPEN_SLOT, SLOTS
from analytics.sample.org import Workforce, sigmoid

FULL_SLOTS, PART_SLOTS = 17, 12  # 8 h paid + 30 min lunch; 6 h
LUNCH_AT = (6, 7, 8, 9, 10)      # a full shift's lunch: a half hour 3 to 5 h after the start
# Weekly patterns: two days off, any pair; the planner mixes them so each weekday's head count follows
# that weekday's requirement (weekends need fewer people, but never none).
PATTERNS = [(a, b) for a in range(7) for b in range(a + 1, 7)]
# Logged-in time that is not available for calls (short aux, system issues). Breaks and lunch are
# logged out, so they show up as shrinkage, not here.
ON_PHONE = 0.97
# Schedule adherence is a habit (some people keep to the plan, some drift), slips with disengagement and
# slips further on a team whose supervisor does not manage it: what a workforce manager sees in real
# adherence reports. It is a trace of the agent's state, never a cause of leaving (the hazard ignores it).
ADH_HABIT_SD, ADH_ENG, ADH_POOR = 0.02, 0.025, 0.02


def _masks(length: int, lunches) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every feasible (start slot, lunch offset) of a shift of `length` half hours and the slots it covers."""
    starts, lunch, rows = [], [], []
    for s in range(OPEN_SLOT, CLOSE_SLOT - length + 1):
        for off in lunches:
            m = np.zeros(SLOTS)
            m[s:s + length] = 1.0
            if off >= 0:
                m[s + off] = 0.0
            starts.append(s)
            lunch.append(off)
            rows.append(m)
    return np.array(starts), np.array(lunch), np.array(rows)


FULL_STARTS, FULL_LUNCH, FULL_MASK = _masks(FULL_SLOTS, LUNCH_AT)
PART_STARTS, PART_LUNCH, PART_MASK = _masks(PART_SLOTS, (-1,))


def pattern_shares(weekday_need: np.ndarray) -> np.ndarray:
    """(queues, patterns) shares of agents per weekly pattern whose head count per weekday best follows
    `weekday_need` (queues, 7), the requirement per weekday (Monday first)."""
    works = np.array([[d not in p for d in range(7)] for p in PATTERNS], dtype=float).T  # (7, patterns)
    out = np.zeros((len(weekday_need), len(PATTERNS)))
    for qi, need in enumerate(weekday_need):
        target = 5.0 * need / need.sum()  # five working days per agent
        w, _ = nnls(works, target)
        out[qi] = w / w.sum() if w.sum() > 0 else 1.0 / len(PATTERNS)
    return out


@dataclass
class Shifts:
    agent: np.ndarray
    day: np.ndarray
    scheduled_s: np.ndarray
    logged_in_s: np.ndarray
    adherent_s: np.ndarray
    absent: np.ndarray
    start: np.ndarray   # first half-hour slot of the shift (0 = midnight), planned even when absent
    nslots: np.ndarray  # half hours from start to end, lunch included
    lunch: np.ndarray   # lunch half hour as an offset from start (-1: none, a part-time shift)
    staff: np.ndarray | None = None     # (queues, days, slots) effective agents on the phone
    required: np.ndarray | None = None  # (queues, days, slots) the planner's Erlang requirement

    @property
    def start_s(self) -> np.ndarray:
        """Shift start, seconds after midnight of `day`."""
        return self.start * 1800

    @property
    def end_s(self) -> np.ndarray:
        """Shift end, seconds after midnight of `day`."""
        return (self.start + self.nslots) * 1800


def roster(wf: Workforce, n_days: int, dow0: int, holiday: np.ndarray, weekday_need: np.ndarray, rng) -> Shifts:
    """Who is scheduled on which day and whether they show up; start times are placed later by `place`."""
    n = len(wf.seat)
    off = np.zeros((len(PATTERNS), 7), dtype=bool)
    for i, days in enumerate(PATTERNS):
        off[i, list(days)] = True
    shares = pattern_shares(weekday_need)
    # The weekly pattern belongs to the seat (a backfill inherits it), spread over each queue's seats by
    # stratified quantiles so even a small team covers the whole week.
    S = len(wf.seat_queue)
    seat_pat = np.empty(S, dtype=np.int64)
    for qi in range(len(wf.queue_keys)):
        cp = np.cumsum(shares[qi])
        seats = np.flatnonzero(wf.seat_queue == qi)
        u = (np.arange(len(seats)) + 0.5) / len(seats)
        seat_pat[rng.permutation(seats)] = np.minimum(np.searchsorted(cp, u), len(PATTERNS) - 1)
    pat = seat_pat[wf.seat]
    lo = np.clip(wf.hired, 0, n_days)
    hi = np.clip(wf.left, 0, n_days)
    cnt = np.maximum(hi - lo, 0)
    agent = np.repeat(np.arange(n), cnt)
    first = np.repeat(np.cumsum(cnt) - cnt, cnt)
    day = np.repeat(lo, cnt) + (np.arange(cnt.sum()) - first)
    dow = (dow0 + day) % 7
    q = wf.queue[agent]
    keep = ~off[pat[agent], dow]
    keep &= ~(holiday[q, day] & (rng.random(len(day)) < 0.5))
    agent, day, dow = agent[keep], day[keep], dow[keep]
    order = np.lexsort((agent, day))
    agent, day, dow = agent[order], day[order], dow[order]

    k = np.searchsorted(wf.month_end, day, side="left")
    p_abs = sigmoid(wf.abs_logit[agent, k]) * np.where((dow == 0) | (dow == 4), 1.25, 1.0)
    exit_k = np.searchsorted(wf.month_end, wf.left[agent] - 1, side="left")
    p_abs = np.where(exit_k == k, p_abs * 2.0, p_abs)  # disengaged in the notice month
    absent = rng.random(len(day)) < np.minimum(p_abs, 0.9)
    part = wf.parttime[agent]
    scheduled = np.where(part, 6 * 3600.0, 8 * 3600.0)
    logged = np.where(absent, 0.0, np.round(scheduled * np.clip(rng.normal(0.95, 0.03, len(day)), 0.7, 1.0)))
    adh = rng.normal(0.91, 0.04, len(day))
    habit = rng.normal(0.0, ADH_HABIT_SD, n)  # drawn last: every earlier draw stays as it was
    adh += habit[agent] + ADH_ENG * wf.eng[agent, k] - ADH_POOR * wf.poor[agent, k]
    adherent = np.round(logged * np.clip(adh, 0.5, 1.0))
    nslots = np.where(part, PART_SLOTS, FULL_SLOTS)
    return Shifts(agent, day, scheduled, logged, adherent, absent, np.zeros(len(day), np.int64), nslots,
                  np.full(len(day), -1, np.int64))


def supply(sh: Shifts, queue_of_agent: np.ndarray, n_queues: int) -> np.ndarray:
    """Agent half-hours on the phone per queue that the roster delivers (what the load is sized to)."""
    worked = np.where(sh.nslots == FULL_SLOTS, FULL_SLOTS - 1, sh.nslots)  # lunch is not worked
    w = worked * (sh.logged_in_s / sh.scheduled_s) * ON_PHONE
    return np.bincount(queue_of_agent[sh.agent], weights=w, minlength=n_queues)


def place(sh: Shifts, wf: Workforce, required: np.ndarray, rng, pool: np.ndarray | None = None) -> Shifts:
    """Give every scheduled shift a start so each queue-day's coverage follows `required` (queues, days,
    slots), greedily: the first agent opens the lines, the second closes them, each next one goes where
    the remaining shortfall is largest. Absent agents were planned too; they just don't show up.
    `pool` (queue -> queue whose agents it shares, for a blended center) plans pooled queues as one:
    their agents cover the pool's summed requirement, one opener and one closer for the pool."""
    Q, D, _ = required.shape
    per_queue = required
    if pool is not None:
        required = np.zeros_like(per_queue)
        np.add.at(required, pool, per_queue)
    group = (wf.queue if pool is None else pool[wf.queue])[sh.agent] * D + sh.day
    part = wf.parttime[sh.agent]
    order = np.lexsort((rng.random(len(group)), part, group))  # full-timers first within a queue-day
    g_sorted = group[order]
    first = np.searchsorted(g_sorted, g_sorted, side="left")
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order)) - first
    size = np.bincount(group, minlength=Q * D)
    R = required.reshape(Q * D, SLOTS)
    cover = np.zeros_like(R)
    start = np.zeros(len(group), np.int64)
    lunch = np.full(len(group), -1, np.int64)
    for r in range(int(rank.max(initial=-1)) + 1):
        rows = np.flatnonzero(rank == r)
        g = group[rows]
        # Relative shortfall: the planner spreads a shortage over the day in proportion (a slot short
        # by 2 of 40 suffers less than one short by 2 of 8), and avoids piling on where it is covered.
        gain = np.clip((R[g] - cover[g]) / np.maximum(R[g], 1.0), -0.5, 1.0)
        for is_part, starts, lunches, mask in ((False, FULL_STARTS, FULL_LUNCH, FULL_MASK),
                                               (True, PART_STARTS, PART_LUNCH, PART_MASK)):
            sel = part[rows] == is_part
            if not sel.any():
                continue
            score = gain[sel] @ mask.T + 1e-6 * rng.random((sel.sum(), len(starts)))
            if r == 0:    # someone opens the lines ...
                score[:, starts != starts.min()] = -np.inf
            elif r == 1:  # ... and someone closes them
                score[np.ix_(size[g[sel]] >= 2, starts != starts.max())] = -np.inf
            j = np.argmax(score, axis=1)
            start[rows[sel]], lunch[rows[sel]] = starts[j], lunches[j]
            cover[g[sel]] += mask[j]
    sh.start, sh.lunch = start, lunch
    sh.required = per_queue
    a_idx, s_idx = slot_rows(sh, 0, D)
    weight = (sh.logged_in_s / sh.scheduled_s)[a_idx] * ON_PHONE
    key = (wf.queue[sh.agent[a_idx]] * D + sh.day[a_idx]) * SLOTS + s_idx
    sh.staff = np.bincount(key, weights=weight, minlength=Q * D * SLOTS).reshape(Q, D, SLOTS)
    return sh


def slot_rows(sh: Shifts, day_lo: int, day_hi: int):
    """(shift index, slot) for every 30-minute slot that present agents work on days [day_lo, day_hi)."""
    i0, i1 = np.searchsorted(sh.day, [day_lo, day_hi])
    idx = np.arange(i0, i1)[~sh.absent[i0:i1]]
    ns = sh.nslots[idx]
    rep = np.repeat(idx, ns)
    off = np.arange(ns.sum()) - np.repeat(np.cumsum(ns) - ns, ns)
    keep = off != sh.lunch[rep]
    rep, off = rep[keep], off[keep]
    return rep, sh.start[rep] + off
