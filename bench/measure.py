"""Wall time and peak memory of a command together with every process it starts.

A build renders PDFs in worker processes that the operating system does not count as the
command's own children once a fork server starts them, so the peak is sampled: the resident
memory of the whole process tree, added up every 50 ms.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue  # the process ended while we looked
    return pids


def _rss_kib(pid: int) -> int:
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1])
    except OSError:
        pass
    return 0


def run_tree(args: list[str | Path], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command to its end: (wall seconds, peak MiB of the process tree)."""
    started = time.perf_counter()
    child = subprocess.Popen([str(a) for a in args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, sum(_rss_kib(p) for p in _tree(child.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    error = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed: {error[-2000:]}")
    return seconds, max(peak, usage.ru_maxrss) / 1024
