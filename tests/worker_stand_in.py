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
