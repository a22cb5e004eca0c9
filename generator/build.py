"""`handbook build`: validate everything, then render the site and the portfolios."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BuildOptions:
    site: bool = True
    portfolios: bool = True
    pdf: bool = True
    person: str | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    all_versions: bool = False


@dataclass
class BuildReport:
    """What a build wrote, for the summary printed at the end."""

    outputs: list[Path] = field(default_factory=list)
    pages: int = 0
    portfolios: int = 0
    pdfs: int = 0
    skipped: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def run_build(project, options: BuildOptions) -> BuildReport:  # type: ignore[no-untyped-def]
    """Render every requested output; each writer replaces its output only when complete."""
    report = BuildReport()
    if options.site:
        from generator.render.site import build_site

        build_site(project, options, report)
    if options.portfolios:
        from generator.render.portfolio import build_portfolios

        build_portfolios(project, options, report)
    return report
