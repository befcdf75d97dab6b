"""One chunk of calls (days [d0, d1)): arrivals, queueing, the agent who answered, handling, outcomes,
and the caller chains that make unresolved calls come back."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analytics.sample.arrivals import SLOT_S, SLOTS
from analytics.sample.org import learning
from analytics.sample.queueing import draw_waits, wait_params
from analytics.sample.shifts import slot_rows

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


def make(ctx, d0: int, d1: int, rng, pending: Pending):
    wf, sh = ctx.wf, ctx.sh
    Q = len(wf.queue_keys)
    lam = ctx.lam[:, d0:d1, :]
    counts = rng.poisson(lam).ravel()
    staff = ctx.sh.staff[:, d0:d1, :]
    n_srv = np.floor(staff + rng.random(staff.shape)).ravel()
    cell = np.flatnonzero(counts)
    qq, dd, ss = np.unravel_index(cell, lam.shape)
    pw_c, m_c = wait_params(n_srv[cell], lam.ravel()[cell] * ctx.aht[qq] / SLOT_S, ctx.aht[qq], ctx.patience[qq])
    per = counts[cell]
    c = np.repeat(np.arange(len(cell)), per)
    t = ((dd[c] + d0) * SLOTS + ss[c]).astype(np.int64) * SLOT_S + (rng.random(len(c)) * SLOT_S).astype(np.int64)
    order = np.argsort(t, kind="stable")
    c, t = c[order], t[order]
    q, day, slot = qq[c], dd[c] + d0, ss[c]
    N = len(t)
    wait, abandoned = draw_waits(rng, pw_c[c], m_c[c], ctx.patience[q])

    # Who answered: a present agent of the queue working that slot.
    rep, rslot = slot_rows(sh, d0, d1)
    rkey = ((sh.day[rep] - d0) * SLOTS + rslot) * Q + wf.queue[sh.agent[rep]]
    ro = np.argsort(rkey, kind="stable")
    rkey, ragent = rkey[ro], sh.agent[rep][ro]
    ckey = ((day - d0) * SLOTS + slot) * Q + q
    lo, hi = np.searchsorted(rkey, ckey, "left"), np.searchsorted(rkey, ckey, "right")
    abandoned |= hi == lo
    ans = ~abandoned
    pick = lo + (rng.random(N) * (hi - lo)).astype(np.int64)
    agent = np.where(ans, ragent[np.minimum(pick, len(ragent) - 1)] if len(ragent) else 0, -1)

    # Handling, shaped by the reason, the agent's skill and how new they are.
    cum = np.zeros((Q, ctx.max_reasons))
    for qi in range(Q):
        r = np.flatnonzero(ctx.reason_queue == qi)
        cum[qi, : len(r)] = np.cumsum(ctx.reason_share[r]) / ctx.reason_share[r].sum()
        cum[qi, len(r):] = 2.0
    local = (rng.random(N)[:, None] > cum[q]).sum(1)
    reason = ctx.reason_first[q] + local
    ag = np.maximum(agent, 0)
    lc = np.where(ans, learning(day - wf.hired[ag]), 0.0)
    z = wf.skill[ag]
    talk = (ctx.talk_median[q] * ctx.reason_talk[reason] * wf.speed[ag] * (1 + 0.35 * lc) * np.exp(-0.06 * z)
            * np.exp(rng.normal(0, 0.5, N)))
    hold = rng.random(N) < 0.22 + 0.15 * lc + 0.08 * (ctx.reason_unres[reason] > 1.4)
    hold_count = np.where(hold, 1 + rng.poisson(0.35, N), 0)
    hold_s = np.round(hold_count * rng.gamma(2.0, 25.0, N) * (1 + 0.3 * lc))
    acw = np.round(40 * np.exp(rng.normal(0, 0.45, N)) * (1 + 0.4 * lc))
    transferred = rng.random(N) < 0.05 + 0.07 * lc + 0.03 * (ctx.reason_unres[reason] > 1.4)
    dead_air = np.round(talk * rng.beta(2, 40, N) * (1 + lc))
    p_unres = np.clip(0.42 * ctx.reason_unres[reason] * (1 + 0.5 * lc) * np.exp(-0.15 * z)
                      + 0.15 * transferred, 0.02, 0.9)
    unresolved = abandoned | (rng.random(N) < p_unres)
    resolved = ~unresolved | (rng.random(N) < 0.6)  # agents mark optimistically

    # Caller chains: an unresolved call comes back (same queue) after a decaying interval.
    fresh = rng.integers(0, ctx.caller_pop, N)
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
    inside = tt < t_end
    parent = np.arange(N)
    if N:
        s_in, tg = src[inside], locate(q[src[inside]], tt[inside])
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
    new_pending = Pending(tt[~inside & (tt < ctx.end_s)], q[out_src], caller[out_src], unknown[out_src])

    return dict(
        t=t, q=q, day=day, wait=wait, abandoned=abandoned, agent=agent, reason=reason, talk=np.round(talk),
        hold_s=hold_s, hold_count=hold_count, acw=acw, transferred=transferred, dead_air=dead_air,
        unresolved=unresolved, resolved=resolved, caller=np.where(unknown, -1, caller), lc=lc,
    ), new_pending
