"""The roster: who is scheduled when, who shows up, and the agents on the phones per queue-slot."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import nnls

from analytics.sample.arrivals import CLOSE_SLOT, INTRADAY, OPEN_SLOT, SLOTS
from analytics.sample.org import Workforce, sigmoid

FULL_SLOTS, PART_SLOTS = 17, 12  # 8 h paid + 30 min lunch; 6 h
STARTS = np.arange(OPEN_SLOT, CLOSE_SLOT - FULL_SLOTS + 1)
# (days off) and share of agents: weekends mostly off, but someone always covers Saturday and Sunday.
PATTERNS = [((5, 6), 0.30), ((6, 4), 0.22), ((5, 3), 0.19), ((6, 2), 0.17), ((5, 1), 0.12)]
ON_PHONE = 0.88  # the rest of a logged-in shift goes to breaks, meetings, aux


def _start_weights() -> np.ndarray:
    """Start-time mix whose coverage best follows the intraday arrival curve (what a WFM planner does)."""
    cover = np.zeros((SLOTS, len(STARTS)))
    for j, s in enumerate(STARTS):
        cover[s:s + FULL_SLOTS, j] = 1.0
        cover[s + 8, j] = 0.0
    w, _ = nnls(cover, INTRADAY)
    w = w + 0.02 * w.max()
    w[-2:] = np.maximum(w[-2:], 0.06 * w.sum())  # someone must close the lines
    return w / w.sum()


@dataclass
class Shifts:
    agent: np.ndarray
    day: np.ndarray
    scheduled_s: np.ndarray
    logged_in_s: np.ndarray
    adherent_s: np.ndarray
    absent: np.ndarray
    start: np.ndarray
    nslots: np.ndarray
    staff: np.ndarray  # (queues, days, slots) effective agents on the phone


def build(wf: Workforce, n_days: int, dow0: int, holiday: np.ndarray, rng) -> Shifts:
    n = len(wf.seat)
    off = np.zeros((len(PATTERNS), 7), dtype=bool)
    for i, (days, _) in enumerate(PATTERNS):
        off[i, list(days)] = True
    # The roster belongs to the seat (a backfill inherits it), spread over each queue's seats by
    # stratified quantiles so even a small team covers the whole day and week.
    S = len(wf.seat_queue)
    seat_start, seat_pat = np.empty(S, dtype=np.int64), np.empty(S, dtype=np.int64)
    cw = np.cumsum(_start_weights())
    cp = np.cumsum([p for _, p in PATTERNS])
    for qi in range(len(wf.queue_keys)):
        seats = np.flatnonzero(wf.seat_queue == qi)
        u = (np.arange(len(seats)) + 0.5) / len(seats)
        seat_start[rng.permutation(seats)] = STARTS[np.minimum(np.searchsorted(cw, u), len(STARTS) - 1)]
        seat_pat[rng.permutation(seats)] = np.minimum(np.searchsorted(cp, u), len(PATTERNS) - 1)
    pat = seat_pat[wf.seat]
    start_slot = seat_start[wf.seat]
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
    adherent = np.round(logged * np.clip(rng.normal(0.91, 0.04, len(day)), 0.5, 1.0))
    nslots = np.where(part, PART_SLOTS, FULL_SLOTS)
    start = start_slot[agent] + np.where(part, rng.integers(0, 3, len(day)) * 2, 0)
    sh = Shifts(agent, day, scheduled, logged, adherent, absent, start, nslots, None)
    a_idx, s_idx = slot_rows(sh, 0, n_days)
    weight = (logged / scheduled)[a_idx] * ON_PHONE
    key = (wf.queue[agent[a_idx]] * n_days + day[a_idx]) * SLOTS + s_idx
    staff = np.bincount(key, weights=weight, minlength=len(wf.queue_keys) * n_days * SLOTS)
    sh.staff = staff.reshape(len(wf.queue_keys), n_days, SLOTS)
    return sh


def slot_rows(sh: Shifts, day_lo: int, day_hi: int):
    """(shift index, slot) for every 30-minute slot that present agents work on days [day_lo, day_hi)."""
    i0, i1 = np.searchsorted(sh.day, [day_lo, day_hi])
    idx = np.arange(i0, i1)[~sh.absent[i0:i1]]
    ns = sh.nslots[idx]
    rep = np.repeat(idx, ns)
    off = np.arange(ns.sum()) - np.repeat(np.cumsum(ns) - ns, ns)
    keep = ~((sh.nslots[rep] == FULL_SLOTS) & (off == 8))  # lunch
    rep, off = rep[keep], off[keep]
    return rep, sh.start[rep] + off
