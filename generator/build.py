"""`handbook build`: validate everything, then render the site and the portfolios."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

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
    shard: str | None = None  # K/N: build only this runner's share of the portfolios
    merge_shards: list[Path] = field(default_factory=list)  # shards' outputs to join into build/portfolios/


@dataclass
class BuildReport:
    """What a build wrote, for the summary printed at the end."""

    outputs: list[Path] = field(default_factory=list)
    pages: int = 0
    portfolios: int = 0
    pdfs: int = 0
    skipped: list[str] = field(default_factory=list)
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


def run_build(project, options: BuildOptions,  # type: ignore[no-untyped-def]
              progress: ProgressSink | None = None) -> BuildReport:
    """Render every requested output; each writer replaces its output only when complete."""
    report = BuildReport(progress=progress)
    if options.site:
        from generator.render.site import build_site
        from generator.render.site.build import changelog_of

        build_site(project, options, report, changelog=changelog_of(project, project.framework.version))
        if options.all_versions:
            build_releases(project, options, report)
    if options.portfolios:
        from generator.render.portfolio import build_portfolios

        build_portfolios(project, options, report)
    return report


def build_releases(project, options: BuildOptions, report: BuildReport) -> None:  # type: ignore[no-untyped-def]
    """Build every tagged release into site/<version>/ from the tag's own content.

    Each tag is exported to a temporary folder (the working tree is not touched) with the
    working tree's themes, so every version shares one look and the version selector.
    """
    import shutil
    import tempfile

    from generator.link.versions import load_release, releases
    from generator.read.releases import export_release
    from generator.render.site import build_site
    from generator.render.site.build import changelog_of

    current = project.framework.version
    for release in [r for r in releases(project) if r.version != current]:
        with tempfile.TemporaryDirectory(prefix="handbook-release-") as tmp:
            root = export_release(project.root, release.tag, Path(tmp))
            if (project.root / "themes").is_dir():
                shutil.copytree(project.root / "themes", root / "themes", dirs_exist_ok=True)
            released = load_release(project, release, Path(tmp), exported=root)
            build_site(released, options, report, site=project.root / "site",
                       changelog=changelog_of(project, release.version))
