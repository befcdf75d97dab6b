"""One chunk of calls (days [d0, d1)): arrivals, queueing, the agent who answered, handling, outcomes,
and the caller chains that make unresolved calls come back."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analytics.sample import acd, queueing
from analytics.sample.arrivals import SLOT_S, SLOTS
from analytics.sample.org import learning

# queue key -> [(reason, share, unresolved multiplier, talk multiplier)]
REASONS = {
    "billing": [("Bill explanation", .35, .7, .9), ("Payment arrangement", .2, .9, 1.0),
                ("Billing dispute", .2, 1.9, 1.3), ("Refund request", .15, 1.2, 1.1), ("Address change", .1, .4, .7)],
    "tech": [("Internet outage", .3, 1.5, 1.0), ("Slow connection", .25, 1.2, 1.2), ("Device setup", .2, .8, 1.3),
             ("Password reset", .15, .35, .6), ("Router replacement", .1, 1.0, 1.1)],
    "sales": [("New service", .4, .5, 1.1), ("Upgrade plan", .35, .5, 1.0), ("Pricing question", .25, .8, .8)],
    "retention": [("Cancel service", .6, 1.2, 1.1), ("Competitor offer", .4, 1.0, 1.0)],
    "persian": [("صورتحساب", .35, .8, .9), ("مشکل اینترنت", .3, 1.3, 1.1), ("اعتراض به صورتحساب", .15, 1.9, 1.3),
                ("فعال‌سازی سرویس", .2, .6, 1.0)],
    "chinese": [("账单查询", .35, .8, .9), ("网络故障", .3, 1.3, 1.1), ("账单争议", .15, 1.9, 1.3), ("开通服务", .2, .6, 1.0)],
}
QKEY = 10 ** 10  # separates queues in one sorted (queue, time) key
CALLERS_PER_DAY = 10 ** 7  # room for each chunk's new caller ids: chunk first day × this + call index
OTHER_QUEUE = 0.03  # share of call-backs that reach another queue


def reason_table(queue_keys):
    names, rows = [], []
    for qi, key in enumerate(queue_keys):
        for name, share, unres, talk in REASONS[key]:
            rows.append((qi, share, unres, talk))
            names.append(name)
    t = np.array(rows)
    return names, t[:, 0].astype(int), t[:, 1], t[:, 2], t[:, 3]


@dataclass
class Pending:
    """Repeat calls due after the chunk that produced them: (target second, queue, caller, unknown)."""
    t: np.ndarray
    q: np.ndarray
    caller: np.ndarray
    unknown: np.ndarray

    @staticmethod
    def empty():
        return Pending(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool))


def expected_aht(ctx):
    """Mean handle time per queue, as the planner's Erlang model assumes it."""
    return ctx.talk_median * ctx.reason_talk_mean * np.exp(0.5 ** 2 / 2) * 1.05 + 0.3 * 55 + 48.0


def _windows(ctx, d0: int, d1: int, rng):
    """Availability windows of the agents present on days [d0, d1): (shift row, open, close, break start,
    break seconds), in seconds from the window start. Logged-in time short of the schedule is a few
    minutes' late start and a longer break."""
    sh = ctx.sh
    i0, i1 = np.searchsorted(sh.day, [d0, d1])
    rows = np.arange(i0, i1)[~sh.absent[i0:i1]]
    base = sh.day[rows] * 86400.0
    lost = sh.scheduled_s[rows] - sh.logged_in_s[rows]
    late = np.minimum(lost, 300.0) * rng.random(len(rows))
    w_open = base + sh.start_s[rows] + late
    w_close = base + sh.end_s[rows]
    # The rest of the time not logged in is one long break: lunch for a full shift, mid-shift otherwise.
    mid = np.where(sh.lunch[rows] >= 0, sh.lunch[rows], sh.nslots[rows] // 2)
    w_break = base + (sh.start[rows] + mid) * SLOT_S
    w_break_s = np.where(sh.lunch[rows] >= 0, SLOT_S, 0.0) + lost - late
    return rows, w_open, w_close, w_break, w_break_s


def make(ctx, d0: int, d1: int, rng, pending: Pending):
    wf, sh = ctx.wf, ctx.sh
    Q = len(wf.queue_keys)
    lam = ctx.lam[:, d0:d1, :]
    counts = rng.poisson(lam).ravel()
    cell = np.flatnonzero(counts)
    qq, dd, ss = np.unravel_index(cell, lam.shape)
    per = counts[cell]
    c = np.repeat(np.arange(len(cell)), per)
    t = ((dd[c] + d0) * SLOTS + ss[c]).astype(np.int64) * SLOT_S + (rng.random(len(c)) * SLOT_S).astype(np.int64)
    order = np.argsort(t, kind="stable")
    c, t = c[order], t[order]
    q, day = qq[c], dd[c] + d0
    N = len(t)

    # What each call will need, before anyone answers it: its reason, the raw talk, hold and wrap-up
    # draws (the agent who takes it scales them), the ring and the caller's patience.
    cum = np.zeros((Q, ctx.max_reasons))
    for qi in range(Q):
        r = np.flatnonzero(ctx.reason_queue == qi)
        cum[qi, : len(r)] = np.cumsum(ctx.reason_share[r]) / ctx.reason_share[r].sum()
        cum[qi, len(r):] = 2.0
    local = (rng.random(N)[:, None] > cum[q]).sum(1)
    reason = ctx.reason_first[q] + local
    hard = ctx.reason_unres[reason] > 1.4
    talk_raw = ctx.talk_median[q] * ctx.reason_talk[reason] * np.exp(rng.normal(0, 0.5, N))
    hold_u = rng.random(N) - 0.22 - 0.08 * hard  # held if below 0.15 × the agent's learning curve
    hold_count = 1 + rng.poisson(0.35, N)
    hold_raw = hold_count * rng.gamma(2.0, 25.0, N)
    acw_raw = 40 * np.exp(rng.normal(0, 0.45, N))
    ring, patience = queueing.draw_callers(rng, ctx.patience[q])

    # The ACD: each queue's calls against its agents on shift.
    rows, w_open, w_close, w_break, w_break_s = _windows(ctx, d0, d1, rng)
    w_agent = sh.agent[rows]
    w_q = wf.queue[w_agent]
    w_lc = learning(sh.day[rows] - wf.hired[w_agent])
    w_talk = wf.speed[w_agent] * (1 + 0.35 * w_lc) * np.exp(-0.06 * wf.skill[w_agent])
    win = np.full(N, -1, dtype=np.int64)
    answer_at = np.empty(N)
    if ctx.blend is not None:  # one ACD over all queues: skill groups with overflow (see `acd.serve_blended`)
        group, overflow = ctx.blend
        tr, hu, hr, ar = talk_raw.tolist(), hold_u.tolist(), hold_raw.tolist(), acw_raw.tolist()
        lc_w, tk_w = w_lc.tolist(), w_talk.tolist()

        def handle(i, k):
            lc = lc_w[k]
            return (tr[i] * tk_w[k] + (hr[i] * (1 + 0.3 * lc) if hu[i] < 0.15 * lc else 0.0)
                    + ar[i] * (1 + 0.4 * lc))

        win, answer_at = acd.serve_blended(t.astype(float), q, ring, patience, handle, w_open, w_close, w_break,
                                           w_break_s, group[w_q], group.tolist(), overflow)
    for qi in range(Q if ctx.blend is None else 0):
        ci, wi = np.flatnonzero(q == qi), np.flatnonzero(w_q == qi)
        if not len(ci):
            continue
        tr, hu, hr, ar = talk_raw[ci].tolist(), hold_u[ci].tolist(), hold_raw[ci].tolist(), acw_raw[ci].tolist()
        lc_w, tk_w = w_lc[wi].tolist(), w_talk[wi].tolist()

        def handle(i, k, tr=tr, hu=hu, hr=hr, ar=ar, lc_w=lc_w, tk_w=tk_w):
            lc = lc_w[k]
            return (tr[i] * tk_w[k] + (hr[i] * (1 + 0.3 * lc) if hu[i] < 0.15 * lc else 0.0)
                    + ar[i] * (1 + 0.4 * lc))

        k, at = acd.serve(t[ci].astype(float), ring[ci], patience[ci], handle, w_open[wi], w_close[wi],
                          w_break[wi], w_break_s[wi])
        win[ci] = np.where(k >= 0, wi[np.maximum(k, 0)], -1)
        answer_at[ci] = at
    ans = win >= 0
    abandoned = ~ans
    wait = np.round(answer_at - t)
    agent = np.where(ans, w_agent[np.maximum(win, 0)], -1)

    # Handling, shaped by the reason, the agent's skill and how new they are (as the ACD used it).
    ag = np.maximum(agent, 0)
    lc = np.where(ans, w_lc[np.maximum(win, 0)], 0.0)
    z = wf.skill[ag]
    talk = talk_raw * np.where(ans, w_talk[np.maximum(win, 0)], 1.0)
    hold = hold_u < 0.15 * lc
    hold_count = np.where(hold, hold_count, 0)
    hold_s = np.round(np.where(hold, hold_raw, 0.0) * (1 + 0.3 * lc))
    acw = np.round(acw_raw * (1 + 0.4 * lc))
    transferred = rng.random(N) < 0.05 + 0.07 * lc + 0.03 * hard
    dead_air = np.round(talk * rng.beta(2, 40, N) * (1 + lc))
    p_unres = np.clip(0.42 * ctx.reason_unres[reason] * (1 + 0.5 * lc) * np.exp(-0.15 * z)
                      + 0.15 * transferred, 0.02, 0.9)
    unresolved = abandoned | (rng.random(N) < p_unres)
    resolved = ~unresolved | (rng.random(N) < 0.6)  # agents mark optimistically

    # Caller chains: an unresolved call comes back after a decaying interval, almost always to the same
    # queue. A first call is a new caller id (ids are never reused, so no accidental "repeats").
    fresh = d0 * CALLERS_PER_DAY + np.arange(N, dtype=np.int64)
    unknown = rng.random(N) < 0.10
    t_end = d1 * 86400
    skey = q * QKEY + t
    so = np.argsort(skey, kind="stable")
    skey_sorted = skey[so]

    def locate(tq, tt):
        pos = np.searchsorted(skey_sorted, tq * QKEY + tt)
        ok = pos < N
        pos = np.minimum(pos, N - 1)
        ok &= (skey_sorted[pos] // QKEY) == tq
        return np.where(ok, so[pos], -1)

    claimed = np.zeros(N, bool)
    if len(pending.t) and N:
        tg = locate(pending.q, pending.t)
        keep = tg >= 0
        tg, pc, pu = tg[keep], pending.caller[keep], pending.unknown[keep]
        tg, first = np.unique(tg, return_index=True)
        fresh[tg], unknown[tg] = pc[first], pu[first]
        claimed[tg] = True
    again = np.where(ans, unresolved & (rng.random(N) < 0.85), rng.random(N) < 0.55)
    src = np.flatnonzero(again)
    quick = rng.random(len(src)) < 0.35
    delay = np.where(ans[src], np.where(quick, rng.exponential(3 * 3600, len(src)),
                                        3600 + rng.exponential(36 * 3600, len(src))),
                     30 + rng.exponential(15 * 60, len(src)))
    tt = t[src] + delay.astype(np.int64)
    tq = q[src].copy()
    if Q > 1:  # a few are sent elsewhere (a billing question that turns out to be a retention one)
        other = rng.random(len(src)) < OTHER_QUEUE
        tq[other] = (tq[other] + rng.integers(1, Q, other.sum())) % Q
    inside = tt < t_end
    parent = np.arange(N)
    if N:
        s_in, tg = src[inside], locate(tq[inside], tt[inside])
        ok = (tg >= 0)
        s_in, tg = s_in[ok], tg[ok]
        ok = ~claimed[tg]
        s_in, tg = s_in[ok], tg[ok]
        tg, first = np.unique(tg, return_index=True)
        parent[tg] = s_in[first]
    root = parent
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    caller = fresh[root]
    unknown = unknown[root]
    out_src = src[~inside & (tt < ctx.end_s)]
    later = ~inside & (tt < ctx.end_s)
    new_pending = Pending(tt[later], tq[later], caller[out_src], unknown[out_src])

    return dict(
        t=t, q=q, day=day, wait=wait, abandoned=abandoned, agent=agent, reason=reason, talk=np.round(talk),
        hold_s=hold_s, hold_count=hold_count, acw=acw, transferred=transferred, dead_air=dead_air,
        unresolved=unresolved, resolved=resolved, caller=np.where(unknown, -1, caller), lc=lc,
    ), new_pending
