"""The planner's queueing arithmetic: an Erlang-C queue per queue-slot, corrected for impatient callers
(exponential patience) the way Erlang-A behaves, solved as a fixed point; the staffing it requires; and
the callers' ring and patience draws. The calls themselves are served by `acd`, not by these formulas."""
from __future__ import annotations

import numpy as np

SL_T = 20.0
SHORT_ABANDON = 5.0


def erlang_c(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """P(wait > 0) for n servers and a erlangs (vectorized; n integer >= 0)."""
    n = n.astype(np.int64)
    b = np.ones_like(a, dtype=float)
    for k in range(1, int(n.max(initial=0)) + 1):
        bk = a * b / (k + a * b)
        b = np.where(k <= n, bk, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1.0 - b))
    return np.where((a < n) & (n > 0), np.clip(c, 0.0, 1.0), 1.0)


def wait_params(n, a, aht, patience, iters: int = 14):
    """(p_wait, mean conditional wait) with the abandon share found by bisection: abandoning callers
    lighten the load, which shortens the wait, which lowers abandonment."""
    lo, hi = np.zeros_like(a), np.ones_like(a)
    for _ in range(iters):
        ab = (lo + hi) / 2
        pw, m = _at(n, a * (1 - ab), aht)
        new = pw * m / (m + patience)
        up = new > ab
        lo, hi = np.where(up, ab, lo), np.where(up, hi, ab)
    return _at(n, a * (1 - (lo + hi) / 2), aht)


def _at(n, a_eff, aht):
    pw = erlang_c(n, a_eff)
    m = aht / np.maximum(n - a_eff, 0.3)
    return pw, np.where(n > 0, m, 1e9)


def expected_sl(pw, m, patience):
    """Expected service level (answered within T over answered + abandoned − short) of one slot."""
    r = 1.0 / m + 1.0 / patience
    ans_t = (1.0 / m) / r * (1.0 - np.exp(-SL_T * r))
    short = (1.0 / patience) / r * (1.0 - np.exp(-SHORT_ABANDON * r))
    return ((1 - pw) + pw * ans_t) / (1 - pw * short)


TARGET_SL = 0.80  # the planner staffs every half hour for 80% within 20 s


def required_table(aht: float, patience: float, a_max: float, target: float = TARGET_SL, grid: int = 400):
    """The planner's Erlang-A staffing curve for one queue: (loads in erlangs, smallest agents meeting
    `target` at each load). Loads between grid points round up to the next one."""
    a = np.linspace(0.0, max(a_max, 1.0), grid)
    n_max = int(np.ceil(a_max * 1.3)) + 8
    n = np.arange(1, n_max + 1, dtype=float)[:, None] * np.ones((1, grid))
    aa = np.ones((n_max, 1)) * a[None, :]
    pw, m = wait_params(n.ravel(), aa.ravel(), aht, patience, iters=10)
    ok = (expected_sl(pw, m, patience) >= target).reshape(n_max, grid)
    need = np.where(ok.any(0), ok.argmax(0) + 1, n_max).astype(float)
    need[0] = 0.0
    return a, np.maximum.accumulate(need)


def required_agents(table, a) -> np.ndarray:
    """Agents the planner asks for at load `a` (erlangs), from a `required_table`; at least one while
    the lines are open."""
    grid, need = table
    i = np.minimum(np.searchsorted(grid, a, side="left"), len(grid) - 1)
    return np.where(a > 0, np.maximum(need[i], 1.0), 0.0)


def size_load(shape, aht, patience, supply, target: float = TARGET_SL):
    """Per queue, calls per unit of `shape` (queues, days, slots) at which the Erlang-A requirement for
    `target` adds up to the agent half-hours the roster supplies (`supply`, per queue). Returns the
    scale and the requirement at that scale."""
    Q = shape.shape[0]
    scale, req = np.zeros(Q), np.zeros_like(shape)
    for qi in range(Q):
        load = shape[qi] * aht[qi] / 1800.0
        peak_staff = supply[qi] / max((shape[qi] > 0).sum(), 1) * shape[qi].max() / shape[qi][shape[qi] > 0].mean()
        table = required_table(aht[qi], patience[qi], a_max=1.2 * peak_staff + 2)
        lo, hi = 1e-3, 1e4
        for _ in range(40):
            mid = np.sqrt(lo * hi)
            if required_agents(table, load * mid).sum() <= supply[qi]:
                lo = mid
            else:
                hi = mid
        scale[qi] = lo
        req[qi] = required_agents(table, load * lo)
    return scale, req


LANG_SHORT = 1.1    # = 1 + generate.UNDERSTAFFED: the supply `size_blended` is given over what the roster has
OVERFLOW_USE = 0.85  # share of the bilingual agents' idle time the planner counts on for English overflow


def blend_groups(langs):
    """Skill groups of a blended center: (group per queue, overflow groups per queue). One group per
    language; English calls overflow to every other language's group."""
    names = list(dict.fromkeys(["en", *langs]))
    group = np.array([names.index(l_) for l_ in langs])
    others = [names.index(l_) for l_ in names if l_ != "en"]
    return group, [others if l_ == "en" else [] for l_ in langs]


def size_blended(shape, aht, patience, supply, scale, required, langs):
    """The planner of a blended center. The language lines are a handful of agents each: they are
    staffed in full (one agent short there is a third of the line). The English lines are one pool,
    sized by Erlang-A on their summed load, staffed by the English agents, the center's shortfall and
    the part (`OVERFLOW_USE`) of the bilingual agents' idle time they can lend. `supply`: agent
    half-hours per queue × (1 + the center's shortfall, `LANG_SHORT`); `scale`, `required`: the
    per-queue sizing (`size_load`) the English queues' relative volumes come from. Returns the new
    (scale, required)."""
    en = np.array([l_ == "en" for l_ in langs])
    if not en.any() or en.all():
        return scale, required
    lang = np.flatnonzero(~en)
    scale, required = scale.copy(), required.copy()
    s_l, r_l = size_load(shape[lang], aht[lang], patience[lang], supply[lang] / LANG_SHORT)
    scale[lang], required[lang] = s_l, r_l
    load = scale[:, None, None] * shape * aht[:, None, None] / 1800.0  # erlangs per queue-day-slot
    lent = sum(max(supply[qi] / LANG_SHORT - load[qi].sum(), 0.0) for qi in lang) * OVERFLOW_USE
    short = supply[lang].sum() * (1 - 1 / LANG_SHORT)  # the language lines' share of the shortfall
    pool = load[en].sum(0)
    w = load[en].sum((1, 2))
    aht_p, pat_p = np.average(aht[en], weights=w), np.average(patience[en], weights=w)
    m, req = size_load((pool * 1800.0 / aht_p)[None], np.array([aht_p]), np.array([pat_p]),
                       np.array([supply[en].sum() + short + lent]))
    scale[en] *= m[0]
    # What the English agents are asked to cover: the pool's requirement net of the lent time, split
    # over the queues by their load (it only shapes where their shifts go).
    share = np.divide(load[en], pool[None], out=np.zeros_like(load[en]), where=pool[None] > 0)
    required[en] = np.ceil(req[0][None] * share * supply[en].sum() / (supply[en].sum() + short + lent))
    return scale, required


SHORT_CALLERS = 0.02  # hang up within seconds whatever the queue: misdials, wrong menu, changed mind
RING_S = (2.0, 1.5)   # gamma shape, scale of the seconds from an agent becoming free to their hello


def draw_callers(rng, patience):
    """Per call: (ring seconds, patience seconds). Patience is a few seconds for the short callers, else
    4 s plus an exponential of the queue's mean `patience`."""
    k = len(patience)
    ring = rng.gamma(RING_S[0], RING_S[1], k)
    short = rng.random(k) < SHORT_CALLERS
    tau = np.where(short, rng.uniform(0.0, 6.0, k), 4.0 + rng.exponential(1.0, k) * np.maximum(patience - 4.0, 1.0))
    return ring, tau
