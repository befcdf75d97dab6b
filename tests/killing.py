"""Killing a writer half-way, as a power cut would: wait until the process holds a file open for
writing (Linux /proc), then SIGKILL it. Used by the tests that prove an interrupted import or
compaction leaves the previous data serving."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path


def writing(pid: int, path: Path) -> bool:
    """Does process `pid` hold `path` open read-write?"""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            try:
                if Path(os.readlink(fd)) != path:
                    continue
                flags = next(line for line in (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text().splitlines()
                             if line.startswith("flags:"))
                if int(flags.split()[1], 8) & 0o3 == 0o2:  # O_RDWR
                    return True
            except (OSError, StopIteration):
                continue
    except OSError:
        return False
    return False


def kill_while_writing(proc: subprocess.Popen, path: Path, what: str, settle: float = 0.0) -> None:
    """SIGKILL `proc` once it writes `path` (and `settle` seconds later); fails if it ended first."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and not writing(proc.pid, path):
        time.sleep(0.005)
    assert proc.poll() is None, f"the {what} finished before it could be killed: give it more to do"
    assert writing(proc.pid, path), f"the {what} never opened {path.name} for writing"
    if settle:
        time.sleep(settle)
        assert proc.poll() is None, f"the {what} finished before it could be killed: give it more to do"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
