"""What a build is asked for and what it did: options, the report, and private outputs staged for a swap.

Below the render stages, which fill the report and stage their outputs, and above nothing
but the problems they record.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.problems import Problems

# Private outputs by audience, each in its own folder under build/ so each can be published apart.
AUDIENCES = {"committee": "build/portfolios", "teams": "build/teams", "programme": "build/reports"}

# A progress sink: called with (label, done, total). The CLI passes one that draws bars.
ProgressSink = Callable[[str, int, int], None]


@dataclass
class BuildOptions:
    site: bool = True
    portfolios: bool = True
    pdf: bool = True
    person: str | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    all_versions: bool = False
    audiences: tuple[str, ...] = tuple(AUDIENCES)
    anonymise: bool = False  # calibration packets instead of the named private outputs
    shard: str | None = None  # K/N: build only this runner's share of the portfolios
    merge_shards: list[Path] = field(default_factory=list)  # shards' outputs to join into build/portfolios/
    seal: bool = False  # private outputs as age-encrypted archives in build/sealed/, none in the clear


@dataclass
class BuildReport:
    """What a build wrote, for the summary printed at the end."""

    outputs: list[Path] = field(default_factory=list)
    pages: int = 0
    portfolios: int = 0
    pdfs: int = 0
    skipped: list[str] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)  # located failures that stopped one output only
    failed: set[str] = field(default_factory=set)  # people whose portfolio could not be built
    started: float = field(default_factory=time.perf_counter)
    progress: ProgressSink | None = None

    @contextmanager
    def step(self, label: str, total: int) -> Iterator[Callable[[], None]]:
        """Report progress of one stage: `with report.step("PDFs", n) as advance: ... advance()`."""
        done = 0
        sink = self.progress or (lambda *_: None)
        sink(label, 0, total)

        def advance() -> None:
            nonlocal done
            done += 1
            sink(label, done, total)

        yield advance

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


@dataclass
class Started:
    """A private output whose pages are staged and whose PDFs are queued: `finish` swaps it in
    once the workers are done, `discard` removes the staging folder when the build fails."""

    finish: Callable[[], None]
    discard: Callable[[], None]


class Waitable(Protocol):
    def wait(self) -> object: ...


def run_started(pool: Waitable, started: list[Started]) -> None:
    """Wait for the pool's PDFs, then swap every output in; on any failure remove what was staged."""
    try:
        pool.wait()
        for output in started:
            output.finish()
    except BaseException:
        for output in started:
            output.discard()
        raise
