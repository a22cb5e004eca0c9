"""No worker process outlives a build that is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _worker_after_killing_the_build(tmp_path: Path, mode: str) -> int:
    pid_file = tmp_path / f"{mode}.pid"
    build = subprocess.Popen([sys.executable, "-m", "tests.worker_stand_in", str(pid_file), mode], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not (pid_file.is_file() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    worker = int(pid_file.read_text())
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    return worker


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_a_killed_build_takes_its_workers_with_it(tmp_path: Path) -> None:
    worker = _worker_after_killing_the_build(tmp_path, "guarded")
    deadline = time.monotonic() + 20
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def test_without_the_guard_the_worker_would_stay(tmp_path: Path) -> None:
    """The control: a worker without the guard is still running after its build was killed."""
    worker = _worker_after_killing_the_build(tmp_path, "unguarded")
    try:
        time.sleep(1)
        assert _alive(worker)
    finally:
        os.kill(worker, signal.SIGKILL)
