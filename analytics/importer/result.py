"""What an import (or dry run) reports back to the CLI and the Data page."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportResult:
    table: str
    file_path: Path
    db_path: Path
    status: str  # imported | rejected | dry-run | dry-run-rejected
    rows_read: int = 0
    rows_mapped: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    agents_created: int = 0
    calls_stitched: int | None = None  # one row per transfer leg: the calls the legs became
    ignored_columns: list[str] = field(default_factory=list)
    reason_counts: list[tuple[str, str, int]] = field(default_factory=list)
    examples: list[tuple[int, str, str, str]] = field(default_factory=list)
    quarantine_path: Path | None = None
    file_sha256: str = ""
    encoding: str | None = None
    elapsed_s: float = 0.0

    @property
    def legs_stitched(self) -> bool:
        """True when legs of one call were joined: a mapping with leg_id over an export of single-leg
        calls also goes through stitching, but then no call has more than one leg to report."""
        return self.calls_stitched is not None and self.calls_stitched < self.rows_accepted

    @property
    def ok(self) -> bool:
        return self.rows_rejected == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 2

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.elapsed_s if self.elapsed_s > 0 else 0.0
