"""A worker task for tests/test_workers.py: records its process id, then waits."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def wait_forever(pid_file: str) -> None:
    Path(pid_file).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(120)


if __name__ == "__main__":  # the build stand-in: a pool of recycled, spawned workers, as the portfolio build uses
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from generator.write.workers import die_with_parent

    guarded = sys.argv[2] == "guarded"
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), max_tasks_per_child=5,
                               initializer=die_with_parent if guarded else None,
                               initargs=(os.getpid(),) if guarded else ())
    pool.submit(wait_forever, sys.argv[1])
    time.sleep(120)


# Jobs for the worker pool's tests (module-level, so a spawned worker can import them).

def pid_of_worker(_: object) -> int:
    return os.getpid()


def fail_on(value: str) -> str:
    if value == "bad":
        raise ValueError("this job fails\nsecond line")
    return value.upper()


def die_on(value: str) -> str:
    """Kill the worker running it (as the kernel's out-of-memory killer would) for 'die'."""
    if value == "die":
        os.kill(os.getpid(), 9)
    time.sleep(0.2)
    return value.upper()


def render_or_die(job):  # type: ignore[no-untyped-def]
    """A portfolio PDF job, except person-00002's, whose worker is killed mid-PDF."""
    from generator.render.portfolio.pdf_worker import render_pdf

    if job.target.stem == "person-00002":
        os.kill(os.getpid(), 9)
    return render_pdf(job)
