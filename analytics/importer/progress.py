"""The one progress source of an import: the pipeline reports its stages as (share done 0–1, words), and
each front end draws them its own way — a tqdm bar in the CLI (one --file, or every file of --dir),
st.progress on the Data page. Shares grow monotonically; the last report of a file is 1.0.

    import_file(..., progress=report)          # report(0.3, "Checking rows")
    import_folder(..., report=report)          # report(share over all files, "2/5 calls-2026-11-03.csv: …")
"""
from __future__ import annotations

from typing import Callable

from analytics.i18n import N_

Report = Callable[[float, str], None]

# Where each stage of one file's import starts (share of the file's work), in order. The words are
# catalog strings, reported in English; a front end translates them where it shows them (the Data page).
STAGES = {
    "read": (0.00, N_("Reading the file")),
    "check": (0.20, N_("Checking every row")),
    "merge": (0.45, N_("Writing to the warehouse")),
    "refresh": (0.60, N_("Updating the figures the pages read")),
    "done": (1.00, N_("Done")),
}


def nothing(share: float, text: str) -> None:
    """The report of a caller that draws no progress."""


def stage(report: Report | None, name: str) -> None:
    if report is not None:
        share, text = STAGES[name]
        report(share, text)


def within(report: Report | None, first: float, last: float) -> Report:
    """A report for a sub-task that covers [first, last] of the caller's share."""
    if report is None:
        return nothing

    def sub(share: float, text: str) -> None:
        report(first + (last - first) * max(0.0, min(1.0, share)), text)

    return sub


def refresh_steps(report: Report | None) -> Report:
    """The mart refresh's steps, inside the file's 'refresh' stage."""
    return within(report, STAGES["refresh"][0], 0.98)


class Bar:
    """A tqdm bar on stderr fed by reports: `total` units (files for --dir, 1 for one file)."""

    def __init__(self, total: int, desc: str, unit: str):
        from tqdm import tqdm

        self.total = max(int(total), 1)
        self.bar = tqdm(total=self.total, desc=desc, unit=unit,
                        bar_format="{l_bar}{bar}| {n:.2f}/{total_fmt} [{elapsed}<{remaining}] {postfix}")

    def __call__(self, share: float, text: str) -> None:
        self.bar.n = round(max(0.0, min(1.0, share)) * self.total, 2)
        self.bar.set_postfix_str(text[:60], refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()
