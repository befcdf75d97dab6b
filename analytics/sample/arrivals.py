"""When calls arrive: intraday and weekday curves, seasonality, trend, public holidays and outages.

Everything is per queue and 30-minute slot; the level of each queue is set later by `queueing.size_load`
so that the planner's Erlang-A requirement fits the roster (then real days deviate)."""
from __future__ import annotations

import datetime as dt

import numpy as np

SLOT_S = 1800
SLOTS = 48
OPEN_SLOT, CLOSE_SLOT = 14, 42  # 07:00 to 21:00

# Share of a day's calls per slot: a morning peak around 10:30 and a smaller one after lunch.
_h = np.arange(SLOTS) / 2.0
INTRADAY = (np.exp(-0.5 * ((_h - 10.5) / 1.8) ** 2) + 0.8 * np.exp(-0.5 * ((_h - 14.5) / 2.0) ** 2)
            + 0.15 * np.exp(-0.5 * ((_h - 18.5) / 1.5) ** 2))
INTRADAY[:OPEN_SLOT] = 0.0
INTRADAY[CLOSE_SLOT:] = 0.0
INTRADAY = INTRADAY / INTRADAY[OPEN_SLOT:CLOSE_SLOT].mean()

WEEKDAY = np.array([1.22, 1.08, 1.0, 0.98, 0.95, 0.55, 0.38])  # Monday first
WEEKDAY = WEEKDAY / WEEKDAY.mean()

SEASON = {  # calendar month -> factor; sales peaks around Black Friday, billing after the holidays
    "default": [1.10, 1.0, 1.02, 0.98, 0.97, 0.95, 0.93, 0.95, 1.03, 1.02, 1.03, 0.96],
    "sales": [0.9, 0.9, 0.95, 1.0, 1.0, 0.95, 0.9, 0.95, 1.0, 1.05, 1.35, 1.2],
    "tech": [1.05, 1.0, 1.0, 0.98, 1.0, 1.02, 1.08, 1.08, 1.0, 0.97, 0.97, 0.95],
}
TREND_PER_YEAR = 0.04

CHINESE_NEW_YEAR = {2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
                    2026: (2, 17), 2027: (2, 6), 2028: (1, 26)}


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _nth_weekday(y, month, weekday, n):
    d = dt.date(y, month, 1)
    d += dt.timedelta(days=(weekday - d.weekday()) % 7)
    return d + dt.timedelta(weeks=n - 1)


def holidays(year: int, lang: str) -> set[dt.date]:
    """Public holidays that empty a line (and half its roster) for the language's site."""
    if lang == "fa":
        return {dt.date(year, 3, d) for d in (20, 21, 22, 23)} | {dt.date(year, 4, 1), dt.date(year, 4, 2)}
    if lang == "zh":
        m, d = CHINESE_NEW_YEAR.get(year, (2, 1))
        first = dt.date(year, m, d)
        return {first + dt.timedelta(days=i) for i in range(-1, 4)} | {dt.date(year, 10, i) for i in (1, 2, 3)}
    victoria = dt.date(year, 5, 24) - dt.timedelta(days=(dt.date(year, 5, 24).weekday()) % 7)
    return {dt.date(year, 1, 1), _easter(year) - dt.timedelta(days=2), victoria, dt.date(year, 7, 1),
            _nth_weekday(year, 9, 0, 1), _nth_weekday(year, 10, 0, 2), dt.date(year, 12, 25),
            dt.date(year, 12, 26)}


def holiday_mask(start: dt.date, n_days: int, langs: list[str]) -> np.ndarray:
    """(queues, days) bool: is day d a public holiday for queue q's language."""
    years = range(start.year, (start + dt.timedelta(days=n_days)).year + 1)
    out = np.zeros((len(langs), n_days), dtype=bool)
    for qi, lang in enumerate(langs):
        for y in years:
            for h in holidays(y, lang):
                d = (h - start).days
                if 0 <= d < n_days:
                    out[qi, d] = True
    return out


def day_factors(start: dt.date, n_days: int, queue_keys: list[str], langs: list[str]) -> np.ndarray:
    """(queues, days): weekday × season × trend × holiday multiplier of a queue's daily volume."""
    days = np.array([start + dt.timedelta(days=i) for i in range(n_days)])
    dow = np.array([d.weekday() for d in days])
    month = np.array([d.month for d in days]) - 1
    years = np.arange(n_days) / 365.25
    trend = 1.0 + TREND_PER_YEAR * (years - years.mean())
    hol = holiday_mask(start, n_days, langs)
    out = np.empty((len(queue_keys), n_days))
    for qi, key in enumerate(queue_keys):
        season = np.asarray(SEASON.get(key, SEASON["default"]))[month]
        out[qi] = WEEKDAY[dow] * season * trend * np.where(hol[qi], 0.4, 1.0)
    return out


def outages(rng: np.random.Generator, n_days: int, queue_keys: list[str]) -> np.ndarray:
    """(queues, days, slots) multiplier: on ~1 day in 20 a network outage floods technical support for a
    few hours (and spills onto the language lines and billing)."""
    mult = np.ones((len(queue_keys), n_days, SLOTS))
    hit = np.flatnonzero(rng.random(n_days) < 0.05)
    spill = {"tech": 1.0, "persian": 0.35, "chinese": 0.35, "billing": 0.12}
    for d in hit:
        s0 = int(rng.integers(18, 34))
        s1 = min(CLOSE_SLOT, s0 + int(rng.integers(4, 12)))
        surge = rng.uniform(1.8, 3.2)
        for qi, key in enumerate(queue_keys):
            w = spill.get(key, 0.0)
            if w:
                mult[qi, d, s0:s1] *= 1.0 + (surge - 1.0) * w
                mult[qi, d, s1:CLOSE_SLOT] *= 1.0 + 0.2 * w
    return mult
