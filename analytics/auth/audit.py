"""The audit log: one JSON line per event (logins, attrition-page views, exports), append-only."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path


def record(path: Path, event: str, user: str | None, **details) -> None:
    entry = {"at": datetime.now().isoformat(timespec="seconds"), "event": event, "user": user, **details}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def read(path: Path) -> list[dict]:
    p = Path(path)
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
