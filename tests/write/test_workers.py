"""The build's worker processes: failures stay with their job, workers are recycled, none outlives the build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.write.workers import Outcome, Pool
from tests.worker_stand_in import die_on, fail_on, pid_of_worker

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


def test_a_failing_job_is_reported_and_the_others_finish() -> None:
    outcomes: dict[str, Outcome] = {}
    with Pool(2) as pool:
        for value in ("a", "bad", "c"):
            pool.submit(fail_on, value, lambda outcome, value=value: outcomes.__setitem__(value, outcome))
        pool.wait()
    assert {v: (o.result, o.error) for v, o in outcomes.items()} == {
        "a": ("A", None), "bad": (None, "ValueError: this job fails"), "c": ("C", None)}


def test_one_worker_runs_the_jobs_here_and_reports_failures_alike() -> None:
    outcomes: dict[str, Outcome] = {}
    with Pool(1) as pool:
        for value in ("a", "bad"):
            pool.submit(fail_on, value, lambda outcome, value=value: outcomes.__setitem__(value, outcome))
        pool.wait()
    assert {v: (o.result, o.error) for v, o in outcomes.items()} == {
        "a": ("A", None), "bad": (None, "ValueError: this job fails")}


def test_a_killed_worker_fails_only_its_own_job() -> None:
    outcomes: dict[str, Outcome] = {}
    values = ["a", "b", "die", "d", "e", "f"]
    with Pool(2) as pool:
        for value in values:
            pool.submit(die_on, value, lambda outcome, value=value: outcomes.__setitem__(value, outcome))
        pool.wait()
    assert {v: (o.result, o.error) for v, o in outcomes.items()} == {
        **{v: (v.upper(), None) for v in values if v != "die"},
        "die": (None, "the worker process rendering it died (killed, out of memory or crashed)")}


def test_workers_are_recycled_after_their_share_of_jobs() -> None:
    pids: list[int] = []
    with Pool(2, tasks_per_worker=2) as pool:
        for n in range(8):
            pool.submit(pid_of_worker, n, lambda outcome: pids.append(outcome.result))
        pool.wait()
    assert len(pids) == 8 and os.getpid() not in pids
    assert len(set(pids)) >= 4  # no process ran more than two jobs
    assert max(pids.count(pid) for pid in pids) <= 2
