"""Worker processes that end with the build: a killed build leaves no PDF writer behind."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """In a worker: be killed when the process that started it dies (Linux prctl PDEATHSIG).

    `parent` is the pid the worker expects as its parent; if it is already gone by the time
    this runs (the race prctl cannot close), the worker exits at once.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)
