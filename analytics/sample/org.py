"""The people: seats, teams, coaches, managers, and a month-by-month workforce with hires and exits.

Each agent carries latent monthly states (engagement -> absence propensity, QA level) that later drive
the observable tables. Voluntary exits are drawn from `hazard`, which is computed only from things the
warehouse shows (absence, QA, queue pressure ≈ occupancy, tenure, the supervisor's team), and that same
hazard is what `truth.agent_month_hazard` records.

A few per cent of the agents a quarter change team (`MOVES_PER_QUARTER`, written as `assignments`
history by moves.py): from the move on, the new supervisor is the one whose team the agent is in, for
engagement and exits as in the org chart (a move is drawn at a month-end for the month after it, among
agents who stay through it)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analytics.sample.names import person_names
from analytics.sample.presets import QUEUES, SITE_BY_LANG, Preset

ABS_BASE = float(np.log(0.045 / 0.955))
MOVES_PER_QUARTER = 0.03  # agents who change team (within their site), per quarter


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def learning(tenure_days):
    """1 for a brand-new hire, fading to ~0 after six months."""
    return np.exp(-np.maximum(tenure_days, 0) / 60.0)


@dataclass
class Workforce:
    queue_keys: list
    seat_queue: np.ndarray
    seat_site: np.ndarray
    seat_sup: np.ndarray
    seat_coach: np.ndarray
    sites: list
    # agents (role = agent), one entry per person who ever held a seat
    seat: np.ndarray
    hired: np.ndarray      # day offset from the window start (negative = before)
    left: np.ndarray       # first day no longer employed; BIG if still employed
    exit_type: np.ndarray  # 0 none, 1 voluntary, 2 involuntary
    skill: np.ndarray
    speed: np.ndarray
    parttime: np.ndarray
    names: list
    # (agents, months+1): latent monthly states, index k = month ending at month_end[k]
    abs_logit: np.ndarray
    qa_mu: np.ndarray
    hazard: np.ndarray
    inv_hazard: np.ndarray
    p90: np.ndarray
    month_end: np.ndarray  # day offsets, month_end[0] = -1
    sup_poor: np.ndarray
    coach_bias: np.ndarray
    sup_manager: np.ndarray
    staff_names: dict
    # org-chart moves: the team now (the seat's team unless moved), the day of the move (BIG: never)
    # and the team before it (-1: never moved)
    team: np.ndarray
    move_day: np.ndarray
    team_before: np.ndarray
    poor: np.ndarray  # (agents, months+1): 1 when the agent's team at the month-end has a poor supervisor
    eng: np.ndarray   # (agents, months+1): engagement at the month-end (0 = the center's usual)

    @property
    def queue(self):
        return self.seat_queue[self.seat]

    @property
    def sup(self):
        return self.team

    def team_on(self, day: int) -> np.ndarray:
        """Each person's team on a day (a move on a later day has not happened yet)."""
        return np.where((self.team_before >= 0) & (self.move_day > day), self.team_before, self.team)

    @property
    def coach(self):
        return self.seat_coach[self.seat]


BIG = 10 ** 7
ENG_KEEP, ENG_SD, ENG_POOR = 0.75, 0.35, 0.12  # monthly engagement: AR(1) kept share, shock sd, poor-supervisor drag


def _vol_logit(t, poor, abs_logit, qa_mu, pressure):
    """Log-odds of a voluntary exit next month: tenure steps, a poor supervisor, absence propensity,
    QA level and the line's pressure (season × seats ÷ agents)."""
    return (-4.2 + 1.0 * (t < 90) + 0.45 * ((t >= 90) & (t < 180)) + 0.8 * poor
            + 0.5 * (abs_logit - ABS_BASE) / 0.6 - 0.35 * (qa_mu - 83.0) / 4.0 + 1.5 * (pressure - 1.0))


def _inv_logit(t, abs_logit, qa_mu):
    return -5.8 + 0.6 * (abs_logit - ABS_BASE) / 0.6 - 0.8 * (qa_mu - 83.0) / 4.0 + 0.8 * (t < 90)


def _p90_given_state(H, INV, ENG, ABS, QA, press, season, q, poor, hired, month_end):
    """True P(voluntary exit within the next three months | everything true at the month-end), with
    involuntary exits competing: what a perfect forecaster could know at the month-end, so the
    oracle that a model is judged against. The next months' engagement is not known yet: it is
    averaged over its shocks (its mean path, and the logistic's spread by the probit approximation,
    E sigmoid(x) ≈ sigmoid(μ / √(1 + πσ²/8))); tenure and the season move on as the calendar does, the
    line's headcount stays as it is. (Summing the realized next months' hazards instead would let the
    oracle see the future: about 0.02–0.03 of AUC on the medium preset.)"""
    n, K1 = H.shape
    p90 = np.zeros_like(H)
    poor_k = np.broadcast_to(np.asarray(poor, float).reshape(n, -1), (n, K1))  # (n,) or per month (n, K1)
    skill_part = QA - 2.0 * ENG + 8.0 * learning(month_end[None, :] - hired[:, None])  # 84 + 3.5 × skill
    for k in range(K1):
        poor = poor_k[:, k]  # the team at the month-end: a later move cannot be known yet
        surv, acc = np.ones(n), np.zeros(n)
        for j in range(3):
            kj = k + j
            if kj >= K1:
                break
            if j == 0:
                h, inv = H[:, k], INV[:, k]
            else:
                keep = ENG_KEEP ** j
                mu = keep * ENG[:, k] - ENG_POOR * poor * (1 - keep) / (1 - ENG_KEEP)
                var = ENG_SD ** 2 * (1 - keep ** 2) / (1 - ENG_KEEP ** 2)
                t = month_end[kj] - hired
                abs_j = ABS[:, k] + 0.9 * (ENG[:, k] - mu)
                qa_j = skill_part[:, k] + 2.0 * mu - 8.0 * learning(t)
                pr = season[q, kj] * press[k][q]
                # the engagement weight in each logit: absence (−0.9 × 0.5/0.6) plus QA (2 × −0.35/4), ...
                h = sigmoid(_vol_logit(t, poor, abs_j, qa_j, pr) / np.sqrt(1 + np.pi * 0.925 ** 2 * var / 8))
                # ... and for involuntary exits (−0.9 × 0.6/0.6 plus 2 × −0.8/4)
                inv = sigmoid(_inv_logit(t, abs_j, qa_j) / np.sqrt(1 + np.pi * 1.3 ** 2 * var / 8))
            acc += surv * h
            surv *= 1.0 - h - inv
        p90[:, k] = acc
    return p90


def _team_sizes(n: int, big_every: int = 150) -> list[int]:
    n_big = n // big_every
    rest = n - 15 * n_big
    k = max(1, round(rest / 10))
    base = [rest // k + (1 if i < rest % k else 0) for i in range(k)]
    return [15] * n_big + base


def build(preset: Preset, month_end: np.ndarray, season_by_month: np.ndarray, first_monday: int, rng,
          move_rng=None) -> Workforce:
    """month_end: day offsets of each month end (index 0 = the day before the window, then the window's
    months, then a 3-month horizon); season_by_month: (queues, len(month_end)) volume factors."""
    qkeys = list(preset.seats)
    # Seats, sorted so teams and coach groups stay within a site and a line.
    seat_queue, seat_site, sites = [], [], []
    for qi, key in enumerate(qkeys):
        lang = QUEUES[key].lang
        for j in range(preset.seats[key]):
            site = SITE_BY_LANG.get(lang) or preset.en_sites[int(rng.random() * 1.6) % len(preset.en_sites)]
            if site not in sites:
                sites.append(site)
            seat_queue.append(qi)
            seat_site.append(sites.index(site))
    seat_queue, seat_site = np.array(seat_queue), np.array(seat_site)
    order = np.lexsort((seat_queue, seat_site))
    seat_queue, seat_site = seat_queue[order], seat_site[order]
    S = len(seat_queue)

    seat_sup = np.empty(S, dtype=np.int64)
    n_sup = 0
    for si in range(len(sites)):
        idx = np.flatnonzero(seat_site == si)
        pos = 0
        for size in _team_sizes(len(idx)):
            seat_sup[idx[pos:pos + size]] = n_sup
            pos += size
            n_sup += 1
    team_size = np.bincount(seat_sup)
    sup_poor = rng.random(n_sup) < 0.13
    sup_poor |= (team_size >= 14) & (rng.random(n_sup) < 0.5)  # over-stretched supervisors struggle
    if n_sup >= 4 and not sup_poor.any():
        sup_poor[int(rng.integers(n_sup))] = True
    n_coach = max(1, round(S / 11))
    seat_coach = np.minimum((np.arange(S) * n_coach) // S, n_coach - 1)
    coach_bias = rng.normal(0, 2.5, n_coach)
    if n_coach >= 3:
        coach_bias[0] += 5.0   # a lenient coach
        coach_bias[-1] -= 5.0  # a harsh one
    n_mgr = max(1, round(n_sup / 6))
    sup_manager = np.minimum((np.arange(n_sup) * n_mgr) // n_sup, n_mgr - 1)

    # Initial agents: one per seat, tenure mixing a fresh cohort and long-tenured staff.
    fresh = rng.random(S) < 0.15
    tenure = np.where(fresh, rng.uniform(0, 90, S), 90 + np.minimum(rng.exponential(700, S), 3500))
    seat = list(np.arange(S))
    hired = list(-np.ceil(tenure).astype(np.int64))

    K = len(month_end) - 1
    n0 = S
    cols = {k: [] for k in ("skill", "speed", "base_abs", "parttime", "eng0")}

    def new_people(n, new_hire):
        cols["skill"].append(rng.normal(-0.15 if new_hire else 0.0, 1.0, n))
        cols["speed"].append(np.exp(rng.normal(0, 0.12, n)))
        cols["base_abs"].append(ABS_BASE + rng.normal(0, 0.45, n))
        cols["parttime"].append(rng.random(n) < 0.1)
        cols["eng0"].append(rng.normal(0.25 if new_hire else 0.0, 0.5, n))

    new_people(n0, False)
    left = [np.full(n0, BIG, dtype=np.int64)]
    exit_type = [np.zeros(n0, dtype=np.int8)]
    seat_arr = np.array(seat)
    hired_arr = np.array(hired)
    eng = np.concatenate(cols["eng0"])
    team = seat_sup[seat_arr].copy()
    move_day = np.full(n0, BIG, dtype=np.int64)
    team_before = np.full(n0, -1, dtype=np.int64)
    site_teams = [np.unique(seat_sup[seat_site == si]) for si in range(len(sites))]
    move_p = 1.0 - (1.0 - MOVES_PER_QUARTER) ** (1.0 / 3.0)
    move_rng = move_rng if move_rng is not None else np.random.default_rng(0)  # own stream: the others stay aligned
    abs_hist, qa_hist, h_hist, inv_hist, eng_hist, press_hist, poor_hist = [], [], [], [], [], [], []
    seats_q = np.bincount(seat_queue, minlength=len(qkeys)).astype(float)
    for k in range(K + 1):
        skill = np.concatenate(cols["skill"])
        base_abs = np.concatenate(cols["base_abs"])
        left_arr = np.concatenate(left)
        n = len(seat_arr)
        if len(eng) < n:
            eng = np.concatenate([eng, np.concatenate(cols["eng0"])[len(eng):]])
        poor = sup_poor[team]
        if k > 0:
            eng = ENG_KEEP * eng + rng.normal(0, ENG_SD, n) - ENG_POOR * poor
        me = month_end[k]
        t = me - hired_arr
        lc = learning(t)
        abs_logit = base_abs - 0.9 * eng
        qa_mu = 84.0 + 3.5 * skill + 2.0 * eng - 8.0 * lc
        active = (hired_arr <= me) & (left_arr > me)
        q = seat_queue[seat_arr]
        active_q = np.bincount(q[active], minlength=len(qkeys)).astype(float)
        pressure = season_by_month[:, k] * seats_q / np.maximum(active_q, 1.0)
        h = sigmoid(_vol_logit(t, poor, abs_logit, qa_mu, pressure[q]))
        inv = sigmoid(_inv_logit(t, abs_logit, qa_mu))
        eng_hist.append(eng.copy())
        press_hist.append(seats_q / np.maximum(active_q, 1.0))
        abs_hist.append(abs_logit)
        qa_hist.append(qa_mu)
        h_hist.append(h)
        inv_hist.append(inv)
        poor_hist.append(poor.astype(float))
        if k == K:
            break
        # Exits during the next month, drawn from exactly these hazards.
        u = rng.random(n)
        vol = active & (u < h)
        invol = active & ~vol & (u < h + inv)
        out = np.flatnonzero(vol | invol)
        days_next = month_end[k + 1] - me
        exit_day = me + 1 + (rng.random(len(out)) * days_next).astype(np.int64)
        left_arr[out] = exit_day
        et = np.concatenate(exit_type)
        et[out] = np.where(vol[out], 1, 2)
        left, exit_type = [left_arr], [et]
        # Moves during the next month, among agents past their first 30 days who stay through it.
        stay = active & ~(vol | invol) & (t >= 30) & (team_before < 0)
        mv = np.flatnonzero(stay & (move_rng.random(n) < move_p))
        for i in mv:
            si = seat_site[seat_arr[i]]
            others = site_teams[si][site_teams[si] != team[i]]
            if len(others):
                team_before[i] = team[i]
                team[i] = others[int(move_rng.integers(len(others)))]
                move_day[i] = me + 1 + int(move_rng.random() * days_next)
        # Backfill: a new hire takes the seat after a recruiting gap, starting on a Monday class.
        if len(out):
            start = exit_day + rng.integers(10, 41, len(out))
            start = start + (first_monday - start) % 7
            seat_arr = np.concatenate([seat_arr, seat_arr[out]])
            team = np.concatenate([team, seat_sup[seat_arr[out]]])
            move_day = np.concatenate([move_day, np.full(len(out), BIG, dtype=np.int64)])
            team_before = np.concatenate([team_before, np.full(len(out), -1, dtype=np.int64)])
            hired_arr = np.concatenate([hired_arr, start])
            left.append(np.full(len(out), BIG, dtype=np.int64))
            exit_type.append(np.zeros(len(out), dtype=np.int8))
            new_people(len(out), True)

    n = len(seat_arr)

    def pad(hist):
        m = np.zeros((n, K + 1))
        for k, a in enumerate(hist):
            m[: len(a), k] = a
        return m

    H, INV = pad(h_hist), pad(inv_hist)
    POOR = pad(poor_hist)
    p90 = _p90_given_state(H, INV, pad(eng_hist), pad(abs_hist), pad(qa_hist), np.array(press_hist),
                           season_by_month, seat_queue[seat_arr], POOR, hired_arr, month_end)
    langs = [QUEUES[qkeys[qi]].lang for qi in seat_queue[seat_arr]]
    langs = [l_ if l_ != "en" else ("en" if r < 0.82 else ("fa" if r < 0.91 else "zh"))
             for l_, r in zip(langs, rng.random(n))]
    site_lang = {s: next((l_ for l_, site in SITE_BY_LANG.items() if site == s), "en") for s in sites}
    staff_names = {
        "sup": person_names(rng, [site_lang[sites[seat_site[seat_sup == i][0]]] for i in range(n_sup)]),
        "coach": person_names(rng, [site_lang[sites[seat_site[seat_coach == i][0]]] for i in range(n_coach)]),
        "mgr": person_names(rng, ["en"] * n_mgr),
    }
    return Workforce(
        queue_keys=qkeys, seat_queue=seat_queue, seat_site=seat_site, seat_sup=seat_sup,
        seat_coach=seat_coach, sites=sites, seat=seat_arr, hired=hired_arr, left=np.concatenate(left),
        exit_type=np.concatenate(exit_type), skill=np.concatenate(cols["skill"]),
        speed=np.concatenate(cols["speed"]), parttime=np.concatenate(cols["parttime"]),
        names=person_names(rng, langs), abs_logit=pad(abs_hist), qa_mu=pad(qa_hist), hazard=H,
        inv_hazard=INV, p90=p90, month_end=month_end, sup_poor=sup_poor, coach_bias=coach_bias,
        sup_manager=sup_manager, staff_names=staff_names, team=team, move_day=move_day,
        team_before=team_before, poor=POOR, eng=pad(eng_hist),
    )
