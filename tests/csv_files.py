"""Small CSV files written by tests as a user's export would be: UTF-8, a header row, then the rows."""
from __future__ import annotations

import csv
from pathlib import Path


def write_csv(path: Path, header, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path
