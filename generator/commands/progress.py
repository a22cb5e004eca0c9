"""Terminal feedback for long commands: progress bars, a closing summary, quiet and verbose.

Build stages report progress through `BuildReport.step` as (label, done, total); this
module decides how that looks. On a terminal it draws rich progress bars on stderr;
elsewhere (CI logs, pipes) it prints one plain line per finished stage when verbose,
and nothing otherwise, so logs stay readable.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when a console is made: `handbook check` never needs it
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from generator.write.outputs import BuildReport


class Verbosity(IntEnum):
    QUIET = -1  # errors only
    NORMAL = 0
    VERBOSE = 1  # also every written output and each finished stage

    @classmethod
    def from_flags(cls, quiet: bool, verbose: bool) -> Verbosity:
        return cls.QUIET if quiet else cls.VERBOSE if verbose else cls.NORMAL


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


class TerminalProgress:
    """A progress sink: `with TerminalProgress(console, verbosity) as sink: run_build(..., progress=sink)`."""

    def __init__(self, console: Console, verbosity: Verbosity = Verbosity.NORMAL) -> None:
        self.console = console
        self.verbosity = verbosity
        self.bars = console.is_terminal and verbosity > Verbosity.QUIET
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._finished: set[str] = set()

    def __enter__(self) -> TerminalProgress:
        if self.bars:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=self.console, transient=False)
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, label: str, done: int, total: int) -> None:
        if self._progress is not None:
            if label not in self._tasks:
                self._tasks[label] = self._progress.add_task(label, total=total or None)
            self._progress.update(self._tasks[label], completed=done, total=total or None)
        elif self.verbosity >= Verbosity.VERBOSE and done >= total and label not in self._finished:
            self._finished.add(label)
            self.console.print(f"{label}: {done}/{total} done")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_build_summary(report: BuildReport, warnings: int, root: Path,
                         verbosity: Verbosity = Verbosity.NORMAL) -> str:
    """The lines printed when a build ends: what was written, how long it took, warnings."""
    if verbosity <= Verbosity.QUIET:
        return ""
    lines = []
    if verbosity >= Verbosity.VERBOSE:
        for path in report.outputs:
            lines.append(f"wrote {_relative(Path(path), root)}")
        for skipped in report.skipped:
            lines.append(f"skipped {skipped}")
    lines.append(f"built in {report.seconds:.1f}s: {_plural(report.pages, 'page')}, "
                 f"{_plural(report.portfolios, 'portfolio')}, {_plural(report.pdfs, 'PDF')}, "
                 f"{_plural(warnings, 'warning')}")
    return "\n".join(lines)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
