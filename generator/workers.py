"""Worker processes that never outlive the build that started them.

A build killed outright (SIGKILL, an out-of-memory kill, a cancelled CI job) cannot clean
up; so each worker asks the kernel, as its first act, to be killed when its parent
process dies. The PDF workers of the site are children of multiprocessing's fork server,
which exits when the build does, so the same holds for them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Be killed when the parent process dies (Linux); exit now if it already has."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        # without libc's prctl, the closed pipe to the parent still ends the worker after its task
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
