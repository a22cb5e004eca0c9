"""Worker processes for a build's PDFs: started on first use, recycled, and ended with the build.

One pool serves every private output of a build (portfolios, team views, the programme
report), so their PDFs render side by side while this process prepares the next pages.
A job that raises is reported as that job's failure; the others still land. A worker
that dies (killed, out of memory, crashed) breaks the pool: its unfinished jobs run again
in a fresh pool, and those that break that one too run alone, one by one, so only the
job that kills its worker is reported failed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

_PR_SET_PDEATHSIG = 1
# A worker is replaced after this many jobs, so memory WeasyPrint keeps between documents
# (fonts, images, caches) cannot grow without bound over a thousand people.
TASKS_PER_WORKER = 40


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


@dataclass
class Outcome:
    """How one job ended: its result, or why it failed (`error`, one line)."""

    result: Any = None
    error: str | None = None


Done = Callable[[Outcome], None]


@dataclass
class _Job:
    function: Callable[[Any], Any]
    argument: Any
    done: Done
    size: int


class _Executor(ProcessPoolExecutor):
    """A process pool that always replaces a worker that left after its share of jobs.

    CPython before 3.12.4 skips the replacement when it has counted an idle worker
    (cpython#115634); once every worker has left that way, the pool hangs with jobs queued.
    Here a missing worker is always started again.
    """

    wanted = 1  # workers the queued jobs can use: one PDF does not start a second WeasyPrint

    def _adjust_process_count(self) -> None:
        processes = getattr(self, "_processes", None)
        # private members: ProcessPoolExecutor has no public way to grow its pool one process at a time
        limit: int = self._max_workers  # type: ignore[attr-defined]
        if processes is not None and len(processes) < min(limit, self.wanted):
            self._spawn_process()  # type: ignore[attr-defined]


class OverBudget(Exception):
    """A piece of work ran past the time it was given."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget after `seconds` (a timer signal: in a main thread only; elsewhere, or 0, no limit)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class Pool:
    """`with Pool(workers) as pool: pool.submit(render, job, done, size); ...; pool.wait()`.

    Functions and arguments must be picklable (module-level functions). `done` is called in
    this process, from `wait`, with each job's Outcome. With one worker the jobs run here,
    in `wait`, one after another.
    """

    def __init__(self, workers: int, tasks_per_worker: int = TASKS_PER_WORKER) -> None:
        self.workers, self.tasks_per_worker = max(1, workers), tasks_per_worker
        self._executor: _Executor | None = None
        self._pending: list[tuple[Future[Any], _Job]] = []
        self._local: list[_Job] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        # Every result was collected by `wait` (or the build failed): the workers only idle or
        # start up, and waiting for a starting one to import WeasyPrint would be time lost.
        self.close(kill=True)

    def _new_executor(self, workers: int) -> _Executor:
        context = multiprocessing.get_context("spawn")  # recycling workers needs spawn, not fork
        return _Executor(max_workers=workers, mp_context=context,
                                   max_tasks_per_child=self.tasks_per_worker, initializer=die_with_parent,
                                   initargs=(os.getpid(),))

    def warm(self, function: Callable[[], Any]) -> None:
        """Start a worker now with `function` (an import, say), so it is ready when the first job comes."""
        if self.workers > 1:
            self._executor = self._executor or self._new_executor(self.workers)
            self._executor.submit(function)

    def submit(self, function: Callable[[Any], Any], argument: Any, done: Done, size: int = 0) -> None:
        """Queue one job; `size` orders a batch (largest first) when jobs run here."""
        job = _Job(function, argument, done, size)
        if self.workers <= 1:
            self._local.append(job)
            return
        self._executor = self._executor or self._new_executor(self.workers)
        self._executor.wanted = 1 + sum(not future.done() for future, _ in self._pending)
        self._pending.append((self._executor.submit(function, argument), job))

    def wait(self) -> None:
        """Run or collect every queued job, calling each one's `done`."""
        local, self._local = self._local, []
        for job in sorted(local, key=lambda j: -j.size):
            job.done(_call(job))
        broken: list[_Job] = []
        pending, self._pending = self._pending, []
        for future in as_completed([f for f, _ in pending]):
            job = next(j for f, j in pending if f is future)
            exc = future.exception()
            if isinstance(exc, BrokenProcessPool):
                broken.append(job)
            else:
                job.done(Outcome(error=describe(exc)) if exc else Outcome(future.result()))
        if broken:
            self._retry(broken)

    def _retry(self, broken: list[_Job]) -> None:
        """A worker died: run its pool's unfinished jobs again, then alone what breaks a pool twice."""
        self.close(kill=True)
        self._executor = self._new_executor(self.workers)
        self._executor.wanted = len(broken)
        again = [(self._executor.submit(j.function, j.argument), j) for j in broken]
        alone = []
        for future, job in again:
            exc = future.exception()
            if isinstance(exc, BrokenProcessPool):
                alone.append(job)
            else:
                job.done(Outcome(error=describe(exc)) if exc else Outcome(future.result()))
        self.close(kill=True)
        for job in alone:
            with self._isolated() as executor:
                exc = (future := executor.submit(job.function, job.argument)).exception()
                if isinstance(exc, BrokenProcessPool):
                    job.done(Outcome(error="the worker process rendering it died (killed, out of memory or crashed)"))
                else:
                    job.done(Outcome(error=describe(exc)) if exc else Outcome(future.result()))

    @contextmanager
    def _isolated(self) -> Iterator[ProcessPoolExecutor]:
        executor = self._new_executor(1)
        try:
            yield executor
        finally:
            _shutdown(executor, kill=True)

    def close(self, kill: bool = False) -> None:
        """Stop the workers; with `kill`, at once (the build failed), else after their jobs."""
        if self._executor is not None:
            _shutdown(self._executor, kill)
            self._executor = None


def _call(job: _Job) -> Outcome:
    try:
        return Outcome(job.function(job.argument))
    except Exception as exc:  # one job's failure is reported by its owner; the others go on
        return Outcome(error=describe(exc))


def _shutdown(executor: ProcessPoolExecutor, kill: bool) -> None:
    if kill:
        # the executor keeps its processes in a private field; killing them is the only way
        # not to wait for a long PDF nobody will use
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.kill()
    executor.shutdown(wait=True, cancel_futures=kill)
