"""The ACD: each queue is a first-come-first-served line served by the agents actually on shift.

A call waits until one of its queue's logged-in agents is free (the one idle longest takes it), rings a
few seconds, and is answered, unless the caller's patience runs out first. Agents take their break when
it is due and they are free, and stop taking calls when their shift ends. Waits, abandonment and every
agent's busy time therefore follow from arrivals, handle times and staffing, interval by interval and
across intervals (a backlog carries over), the way an M/M/n+M queue with time-varying n behaves."""
from __future__ import annotations

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
