"""Sizes of the sample center and the queues it may run."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueueSpec:
    key: str
    name: str
    lang: str          # 'en', 'fa' or 'zh': who can take the calls and which site hosts the seats
    talk_median_s: float
    patience_s: float  # mean caller patience (exponential) before abandoning


QUEUES = {
    "billing": QueueSpec("billing", "Billing", "en", 290.0, 300.0),
    "tech": QueueSpec("tech", "Technical support", "en", 420.0, 360.0),
    "sales": QueueSpec("sales", "Sales", "en", 330.0, 200.0),
    "retention": QueueSpec("retention", "Retention", "en", 470.0, 300.0),
    "persian": QueueSpec("persian", "پشتیبانی فارسی", "fa", 360.0, 330.0),
    "chinese": QueueSpec("chinese", "中文客服", "zh", 360.0, 330.0),
}


@dataclass(frozen=True)
class Preset:
    name: str
    months: int
    seats: dict  # queue key -> agent seats
    en_sites: tuple = ("Toronto",)
    # A small center's ACD pools its lines: English agents take every English queue and the bilingual
    # agents take English calls that have waited `acd.OVERFLOW_S` (see `queueing.size_blended`).
    blended: bool = False

    @property
    def n_seats(self) -> int:
        return sum(self.seats.values())


PRESETS = {
    "small": Preset("small", 3, {"billing": 24, "tech": 20, "persian": 8, "chinese": 8}, blended=True),
    # What `make run` builds on first start: a year and a bit, so "same period last year" has data,
    # with every queue, in well under a minute.
    "demo": Preset(
        "demo", 13,
        {"billing": 20, "tech": 18, "sales": 8, "retention": 6, "persian": 10, "chinese": 10},
        ("Toronto", "Vancouver"),
    ),
    "medium": Preset(
        "medium", 24,
        {"billing": 96, "tech": 82, "sales": 38, "retention": 24, "persian": 40, "chinese": 40},
        ("Toronto", "Vancouver"),
    ),
    "large": Preset(
        "large", 36,
        {"billing": 420, "tech": 360, "sales": 160, "retention": 100, "persian": 170, "chinese": 170},
        ("Toronto", "Vancouver", "Montreal"),
    ),
}

SITE_BY_LANG = {"fa": "Tehran", "zh": "Shenzhen"}


def resolve(preset: str, months: int | None = None, agents: int | None = None) -> Preset:
    """The named preset, optionally with another window length or a head count scaled to `agents`."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}")
    p = PRESETS[preset]
    seats = dict(p.seats)
    if agents is not None:
        if agents < len(seats) * 2:
            raise ValueError(f"agents must be at least {len(seats) * 2} for preset {preset!r}")
        total = sum(seats.values())
        seats = {k: max(2, round(v * agents / total)) for k, v in seats.items()}
    if months is not None and months < 1:
        raise ValueError("months must be at least 1")
    return Preset(p.name, months or p.months, seats, p.en_sites, p.blended)
