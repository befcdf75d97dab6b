"""Erlang C (M/M/n) and Erlang A (M/M/n+M, Palm's queue with exponential patience), vectorised.

Every function takes numpy arrays (broadcast together) so a page can size a week of intervals, or a
what-if, in one call. Units: arrival rate `lam` in calls per second, `aht` and `patience` in seconds,
`n` agents on the phones (integers; `interpolate` handles fractional staffing).

Erlang A closed forms (derived from the birth–death chain; the same as Mandelbaum & Zeltyn, "The
Palm/Erlang-A queue, with applications to call centers", 2005, section 4): with x = nμ/θ, y = λ/θ,
E = Erlang B(n, λ/μ), and S = Σ_k Π_{i≤k} y/(x+i) = Γ(x+1) eʸ y⁻ˣ P(x, y) (P = regularised lower
incomplete gamma), the probability that all agents are busy is π_n = E / (1 + (S−1)E), and for a
caller who finds k waiting, the offered wait is a sum of exponentials with rates θ(x+m), m = 0..k.
Summing over k in closed form gives
    P(wait > t)             = π_n K P(x,   y e^{-θt})           K = Γ(x+1) eʸ y⁻ˣ
    P(served, wait > t)     = π_n K (x/y) P(x+1, y e^{-θt})
    P(abandon)              = π_n (S (1 − x/y) + x/y)
    P(abandon, wait ≤ s)    = ∫₀ˢ θ e^{-θτ} P(wait > τ) dτ   (4-point Gauss–Legendre: over 5 s the integrand is nearly linear)
Service level and abandonment follow the product's KPI definitions (short abandons, wait < 5 s, leave
both denominators). tests/staffing/ check these against an exact birth–death solution, a simulation
and published tables.
"""
from __future__ import annotations

import numpy as np
from scipy import special

SHORT_ABANDON_S = 5.0
MODELS = ("erlang_a", "erlang_c")
_TINY = 1e-300


def offered_load(lam, aht):
    """Erlangs: arrival rate × handle time."""
    return np.asarray(lam, float) * np.asarray(aht, float)


def erlang_b(n, a):
    """Blocking probability B(n, a) for integer n ≥ 0 (stable recursion, vectorised)."""
    n, a = np.broadcast_arrays(np.asarray(n, np.int64), np.asarray(a, float))
    b = np.ones(n.shape)
    top = int(n.max(initial=0))
    for k in range(1, top + 1):
        bk = a * b / (k + a * b)
        b = np.where(k <= n, bk, b)
    return b


def erlang_b_table(a, top: int) -> np.ndarray:
    """B(k, a) for k = 0..top, shape (top + 1, len(a)): one recursion serves every n of a search."""
    a = np.asarray(a, float)
    out = np.empty((top + 1,) + a.shape)
    b = np.ones(a.shape)
    out[0] = b
    for k in range(1, top + 1):
        b = a * b / (k + a * b)
        out[k] = b
    return out


def erlang_c(n, a):
    """P(wait > 0) in M/M/n: 1 where the load reaches the agents (the queue grows without end)."""
    n = np.asarray(n, np.int64)
    a = np.asarray(a, float)
    b = erlang_b(n, a)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1.0 - b))
    return np.where((a < n) & (n > 0), np.clip(c, 0.0, 1.0), np.where(a > 0, 1.0, 0.0))


def _log_p(x, y):
    """log P(x, y), the regularised lower incomplete gamma, without underflow where y ≪ x."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = special.gammainc(x, y)
        out = np.log(np.maximum(p, _TINY))
        low = p < 1e-200
        if np.any(low):
            # series: P(x,y) = yˣ e^{-y} / Γ(x+1) · Σ_j y^j / ((x+1)…(x+j)), quick where y ≪ x
            xs, ys = np.broadcast_arrays(x, y)
            xs, ys = xs[low], ys[low]
            term, acc = np.ones_like(xs), np.ones_like(xs)
            for j in range(1, 80):
                term = term * ys / (xs + j)
                acc = acc + term
            out = out.copy() if out.shape else out
            out[low] = xs * np.log(np.maximum(ys, _TINY)) - ys - special.gammaln(xs + 1) + np.log(acc)
    return out


def _erlang_a_parts(n, lam, aht, patience, b=None):
    """(π_n, log K, x, y, S) of M/M/n+M; arrays broadcast together; requires n ≥ 1 and lam > 0.
    `b`: Erlang B(n, λ/μ) when the caller already has it."""
    mu, theta = 1.0 / aht, 1.0 / patience
    x = n * mu / theta
    y = lam / theta
    e = erlang_b(n, lam / mu) if b is None else b
    log_k = special.gammaln(x + 1) + y - x * np.log(y)
    s = np.exp(np.minimum(log_k + _log_p(x, y), 700.0))
    pi_n = e / (1.0 + (s - 1.0) * e)
    return pi_n, log_k, x, y, s


def metrics(n, lam, aht, sl_seconds, patience=None, model: str = "erlang_a",
            short_s: float = SHORT_ABANDON_S, with_asa: bool = True, b=None) -> dict[str, np.ndarray]:
    """Expected KPIs of one interval's queue with n agents (integers), as fractions and seconds.

    keys: service_level (answered within T ÷ (answered + abandoned − short abandons)), p_wait,
    abandon_rate ((abandoned − short) ÷ (offered − short); 0 under Erlang C), asa_s (mean wait of
    answered calls), occupancy (busy agents ÷ agents)."""
    n, lam, aht, t = np.broadcast_arrays(np.asarray(n, np.int64), np.asarray(lam, float),
                                         np.asarray(aht, float), np.asarray(sl_seconds, float))
    shape0 = n.shape
    n, lam, aht, t = (np.atleast_1d(np.array(v)) for v in (n, lam, aht, t))
    shape = n.shape
    if b is not None:
        b = np.atleast_1d(np.asarray(b, float))
    out = _metrics(n, lam, aht, t, shape, patience, model, short_s, with_asa, b)
    return {k: v.reshape(shape0) for k, v in out.items()}


def _metrics(n, lam, aht, t, shape, patience, model, short_s, with_asa, b=None):
    out = {k: np.zeros(shape) for k in ("service_level", "p_wait", "abandon_rate", "asa_s", "occupancy")}
    out["service_level"][:] = 1.0
    live = (lam > 0) & (aht > 0)
    if model == "erlang_c":
        a = lam * aht
        stable = live & (n > a)
        c = erlang_c(n, a)
        with np.errstate(divide="ignore", invalid="ignore"):
            gap = np.where(stable, n - a, 1.0)
            out["p_wait"] = np.where(live, c, 0.0)
            out["service_level"] = np.where(stable, 1.0 - c * np.exp(-gap * t / aht), np.where(live, 0.0, 1.0))
            out["asa_s"] = np.where(stable, c * aht / gap, np.where(live, np.inf, 0.0))
            out["occupancy"] = np.where(live & (n > 0), np.minimum(a / np.maximum(n, 1), 1.0), 0.0)
        return out
    if model != "erlang_a":
        raise ValueError(f"unknown model {model!r}: choose one of {', '.join(MODELS)}")
    if patience is None:
        raise ValueError("Erlang A needs the callers' mean patience")
    pat = np.array(np.broadcast_to(np.asarray(patience, float), shape))
    nobody = live & (n <= 0)  # nobody to answer: every caller abandons
    out["service_level"][nobody] = 0.0
    out["p_wait"][nobody] = 1.0
    out["abandon_rate"][nobody] = 1.0
    ok = live & (n > 0)
    if np.any(ok):
        nn, ll, hh, tt, pp = n[ok], lam[ok], aht[ok], t[ok], pat[ok]
        pi_n, log_k, x, y, s = _erlang_a_parts(nn, ll, hh, pp, None if b is None else b[ok])
        theta = 1.0 / pp
        lpk = np.log(np.maximum(pi_n, _TINY)) + log_k
        p_wait = np.minimum(pi_n * s, 1.0)
        p_ab = np.clip(pi_n * (s * (1 - x / y) + x / y), 0.0, 1.0)
        u_t = y * np.exp(-theta * tt)
        served_late = np.exp(lpk + np.log(x / y) + _log_p(x + 1, u_t))
        # abandons within s: ∫₀ˢ θ e^{-θτ} P(wait > τ) dτ, every factor ≤ 1 (stable for any patience)
        tau = (_GL8_Z[:, None] + 1.0) * short_s / 2.0
        log_tail = lpk[None, :] + _log_p(x[None, :], y[None, :] * np.exp(-theta[None, :] * tau))
        dens = theta[None, :] * np.exp(-theta[None, :] * tau + np.minimum(log_tail, 0.0))
        short = np.clip((_GL8_W[:, None] * dens).sum(axis=0) * short_s / 2.0, 0.0, p_ab)
        answered_in_t = np.clip(1.0 - p_ab - served_late, 0.0, 1.0)
        denom = np.maximum(1.0 - short, _TINY)
        out["service_level"][ok] = np.clip(answered_in_t / denom, 0.0, 1.0)
        out["p_wait"][ok] = p_wait
        out["abandon_rate"][ok] = np.clip((p_ab - short) / denom, 0.0, 1.0)
        out["asa_s"][ok] = _asa_erlang_a(lpk, x, y, theta, 1.0 - p_ab) if with_asa else np.nan
        out["occupancy"][ok] = np.minimum(ll * hh * (1.0 - p_ab) / nn, 1.0)
    return out


_GL_Z, _GL_W = np.polynomial.legendre.leggauss(24)
_GL8_Z, _GL8_W = np.polynomial.legendre.leggauss(4)


def _asa_erlang_a(lpk, x, y, theta, p_served):
    """Mean wait of answered calls: ∫₀^∞ P(served, wait > t) dt ÷ P(served). With u = e^{-θt} the
    integral is (π_n K x/y)/θ ∫₀¹ P(x+1, y u)/u du; the integrand behaves like u^x near 0, so
    Gauss–Legendre nodes are placed on u = v² to keep it smooth."""
    v = (_GL_Z[:, None] + 1.0) / 2.0          # (nodes, 1) in (0, 1)
    w = _GL_W[:, None] / 2.0
    u = v * v
    # log of π_n K (x/y) P(x+1, y u) / u · 2v, each piece in logs so no factor overflows
    log_f = (lpk[None, :] + np.log(x / y)[None, :] + _log_p(x[None, :] + 1.0, y[None, :] * u)
             - np.log(u) + np.log(2.0 * v))
    e_w_served = (w * np.exp(np.minimum(log_f, 700.0))).sum(axis=0) / theta
    return np.where(p_served > 0, e_w_served / np.maximum(p_served, _TINY), np.inf)


def interpolate(n_float, lam, aht, sl_seconds, patience=None, model: str = "erlang_a",
                with_asa: bool = True) -> dict[str, np.ndarray]:
    """Metrics for fractional staffing (e.g. 11.6 agents on the phones on average over an interval):
    the mix of floor and ceil weighted by the fraction, i.e. the expectation when the interval has
    ⌈n⌉ agents that share of the time."""
    nf = np.maximum(np.asarray(n_float, float), 0.0)
    lo = np.floor(nf)
    frac = nf - lo
    a = metrics(lo.astype(np.int64), lam, aht, sl_seconds, patience, model, with_asa=with_asa)
    b = metrics(lo.astype(np.int64) + 1, lam, aht, sl_seconds, patience, model, with_asa=with_asa)
    with np.errstate(invalid="ignore"):
        return {k: np.where(frac > 0, a[k] * (1 - frac) + b[k] * frac, a[k]) for k in a}


def required_agents(lam, aht, target_sl: float, sl_seconds: float, patience=None, model: str = "erlang_a",
                    max_occupancy: float | None = None) -> np.ndarray:
    """The smallest n whose expected service level meets `target_sl` (a fraction), per element; with
    `max_occupancy`, also at least load ÷ max_occupancy. 0 where no calls are offered.

    Service level rises with n, so a vectorised bisection finds n in ~log2(range) evaluations."""
    lam, aht = np.broadcast_arrays(np.asarray(lam, float), np.asarray(aht, float))
    lam, aht = np.array(lam), np.array(aht)
    pat = None if patience is None else np.array(np.broadcast_to(np.asarray(patience, float), lam.shape))
    a = np.where((lam > 0) & (aht > 0), lam * aht, 0.0)
    live = a > 0
    need = np.zeros(lam.shape, np.int64)
    if not np.any(live):
        return need
    la, ha = lam[live], aht[live]
    pa = None if pat is None else pat[live]
    aa = la * ha

    table = None

    def meets(n):
        b = None if table is None else table[np.minimum(n, len(table) - 1), cols]
        return metrics(n, la, ha, sl_seconds, pa, model, with_asa=False, b=b)["service_level"] >= target_sl

    # Erlang C needs n > a; with impatient callers fewer may do. Start low, widen the top until it meets.
    lo = np.maximum(np.floor(aa) if model == "erlang_c" else np.floor(aa * 0.3), 0).astype(np.int64)
    hi = np.ceil(aa + 4.0 * np.sqrt(aa) + 5.0).astype(np.int64)
    for _ in range(8):
        bad = ~meets(hi)
        if not np.any(bad):
            break
        hi = np.where(bad, hi * 2 + 5, hi)
    cols = np.arange(len(aa))
    if model == "erlang_a" and int(hi.max()) <= 2000:
        table = erlang_b_table(aa, int(hi.max()))
    # invariant: lo fails (−1 stands for "fewer than none"), hi meets
    early = meets(lo)
    hi, lo = np.where(early, lo, hi), np.where(early, -1, lo)
    while True:
        open_ = hi - lo > 1
        if not np.any(open_):
            break
        mid = (lo + hi) // 2
        m = meets(np.maximum(mid, 0))
        hi = np.where(open_ & m, mid, hi)
        lo = np.where(open_ & ~m, mid, lo)
    n = hi
    if max_occupancy:
        n = np.maximum(n, np.ceil(aa / max_occupancy - 1e-9).astype(np.int64))
    need[live] = n
    return need
