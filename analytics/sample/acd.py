"""The ACD: each queue is a first-come-first-served line served by the agents actually on shift.

A call waits until one of its queue's logged-in agents is free (the one idle longest takes it), rings a
few seconds, and is answered, unless the caller's patience runs out first. Agents take their break when
it is due and they are free, and stop taking calls when their shift ends. Waits, abandonment and every
agent's busy time therefore follow from arrivals, handle times and staffing, interval by interval and
across intervals (a backlog carries over), the way an M/M/n+M queue with time-varying n behaves."""
from __future__ import annotations

import bisect
import heapq

import numpy as np

def serve(t, ring, patience, handle, w_open, w_close, w_break, w_break_s):
    """One queue's calls in arrival order against its agents' availability windows.

    t, ring, patience: per call (seconds); handle(i, k) -> handle seconds of call i taken in window k;
    w_open, w_close, w_break: per window (absolute seconds); w_break_s: length of the one break
    (lunch and any other time logged out), taken once it is due and the agent is free.
    Returns (window index or -1 if abandoned, answer time or abandon time) per call."""
    n = len(t)
    win = np.full(n, -1, dtype=np.int64)
    at = np.empty(n, dtype=np.float64)
    t_, ring_, pat_ = t.tolist(), ring.tolist(), patience.tolist()
    close, lunch, lunch_s = w_close.tolist(), w_break.tolist(), w_break_s.tolist()
    took = [d <= 0 for d in lunch_s]
    heap = list(zip(w_open.tolist(), range(len(close))))
    heapq.heapify(heap)
    win_l, at_l = [-1] * n, [0.0] * n
    pop, replace = heapq.heappop, heapq.heapreplace
    for i in range(n):
        ti = t_[i]
        k = -1
        while heap:
            f, k = heap[0]
            e = f if f > ti else ti
            if e >= close[k]:                # shift over: this agent takes no more calls
                pop(heap)
                k = -1
                continue
            if not took[k] and e >= lunch[k]:  # lunch is due and the agent is free: take it now
                took[k] = True
                replace(heap, ((f if f > lunch[k] else lunch[k]) + lunch_s[k], k))
                k = -1
                continue
            break
        if k < 0:
            at_l[i] = ti + pat_[i]
            continue
        answer = e + ring_[i]
        if answer - ti > pat_[i]:
            at_l[i] = ti + pat_[i]
            continue
        replace(heap, (answer + handle(i, k), k))
        win_l[i], at_l[i] = k, answer
    win[:] = win_l
    at[:] = at_l
    return win, at


OVERFLOW_S = 0.0  # seconds an English call waits for an English agent before a bilingual one may take it


def serve_blended(t, q, ring, patience, handle, w_open, w_close, w_break, w_break_s, w_group, home, overflow,
                  overflow_s: float = OVERFLOW_S):
    """Skills-based routing over several queues at once, the way a small center's ACD is set up.

    Each availability window belongs to a skill group (`w_group`); a call of queue `q` goes to its
    queue's `home` group (first come, first served, the longest-idle agent first, as in `serve`). If
    nobody there is free within `overflow_s` seconds, it also becomes eligible for the groups in
    `overflow[q]` (bilingual agents who take the English lines when their own is quiet) and goes to
    whoever frees up first. t, q, ring, patience: per call in arrival order; handle(i, k) -> seconds
    of call i taken in window k. Returns (window index or -1 if abandoned, answer or abandon time)."""
    n = len(t)
    t_, q_, ring_, pat_ = t.tolist(), q.tolist(), ring.tolist(), patience.tolist()
    close, lunch, lunch_s = w_close.tolist(), w_break.tolist(), w_break_s.tolist()
    took = [d <= 0 for d in lunch_s]
    groups = int(max(w_group.max(initial=-1), max(home, default=-1))) + 1
    heaps = [[] for _ in range(groups)]
    for k, (f, g) in enumerate(zip(w_open.tolist(), w_group.tolist())):
        heaps[g].append((f, k))
    for h in heaps:
        heapq.heapify(h)
    pop, replace = heapq.heappop, heapq.heapreplace

    def head(heap, ti):
        """(earliest moment the group's next agent can answer a call arriving at ti, window) or None."""
        while heap:
            f, k = heap[0]
            e = f if f > ti else ti
            if e >= close[k]:                # shift over: this agent takes no more calls
                pop(heap)
                continue
            if not took[k] and e >= lunch[k]:  # lunch is due and the agent is free: take it now
                took[k] = True
                replace(heap, ((f if f > lunch[k] else lunch[k]) + lunch_s[k], k))
                continue
            return e, k
        return None

    own_t = [[] for _ in range(groups)]  # arrival times of the calls whose home is each group
    for ti, qi in zip(t_, q_):
        own_t[home[qi]].append(ti)
    win_l, at_l = [-1] * n, [0.0] * n
    day = -1
    for i in range(n):
        ti, qi = t_[i], q_[i]
        if ti // 86400 != day:  # a new day: drop the shifts that are over, so a heap's top is today's
            day = ti // 86400
            for h in heaps:
                h[:] = [x for x in h if close[x[1]] > ti]
                heapq.heapify(h)
        best, bh = head(heaps[home[qi]], ti), heaps[home[qi]]
        if overflow[qi] and (best is None or best[0] > ti + overflow_s):
            for g in overflow[qi]:
                c = head(heaps[g], ti)
                if c is None:
                    continue
                e = max(c[0], ti + overflow_s)
                # The group's own callers come first: had one of them arrived by then, the agent would
                # have taken that call instead.
                j = bisect.bisect_right(own_t[g], ti)
                if j < len(own_t[g]) and own_t[g][j] <= e:
                    continue
                # ... and the group lends an agent only while another one stays free for them (the
                # second-earliest entry of a heap is one of the head's two children).
                if not any(f <= e < close[k2] for f, k2 in heaps[g][1:3]):
                    continue
                if best is None or e < best[0]:
                    best, bh = (e, c[1]), heaps[g]
        if best is None:
            at_l[i] = ti + pat_[i]
            continue
        e, k = best
        answer = e + ring_[i]
        if answer - ti > pat_[i]:
            at_l[i] = ti + pat_[i]
            continue
        replace(bh, (answer + handle(i, k), k))
        win_l[i], at_l[i] = k, answer
    return np.array(win_l, dtype=np.int64), np.array(at_l, dtype=np.float64)
