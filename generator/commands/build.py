"""`handbook build`: validate everything, then render the site and the portfolios."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from generator.link.project import Project
from generator.model.config import Engine
from generator.write.outputs import AUDIENCES, BuildOptions, BuildReport, ProgressSink, Started, run_started

if TYPE_CHECKING:  # render modules load late: `handbook check` never needs them
    from generator.render.portfolio.incremental import Reuse

__all__ = ["AUDIENCES", "BuildOptions", "BuildReport", "ProgressSink", "Started", "run_started", "run_build"]


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Lock the repository folder itself (flock on its descriptor, no file written): a second build waits."""
    import fcntl

    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write("waiting for another build of this repository to finish\n")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def remove_leftovers(root: Path) -> None:
    """Staging folders of a killed build (they may hold private PDFs): safe to delete under the lock."""
    from generator.write.atomic import remove_stale_staging

    for folder in (root / "site", root / "build", root / "build" / "portfolios"):
        remove_stale_staging(folder)


def run_build(project: Project, options: BuildOptions,
              progress: ProgressSink | None = None) -> BuildReport:
    """Render every requested output under the repository's build lock; each output is swapped in complete."""
    with build_lock(project.root):
        remove_leftovers(project.root)
        return _run_build(project, options, progress)


def _run_build(project: Project, options: BuildOptions,
               progress: ProgressSink | None = None) -> BuildReport:
    report = BuildReport(progress=progress)
    plan = None
    if options.seal and options.portfolios:  # every reader's key is checked before any work is done
        from generator.commands.sealed_outputs import plan_sealed

        plan = plan_sealed(project, options)
    if options.site:
        from generator.problems import UserError
        from generator.render.markdown import MarkdownRefused
        from generator.render.site import build_site
        from generator.render.site.build import PendingChangeLog

        try:
            build_site(project, options, report, changelog=PendingChangeLog(project, _version(project)))
            if options.all_versions:
                build_releases(project, options, report)
        except MarkdownRefused as exc:  # content is the framework owners': the whole site waits for the fix
            raise UserError(f"a text in content/ cannot be rendered: {exc.message}",
                            f"{exc.hint}; the site was left as it was") from exc
    if plan is not None:
        from generator.commands.sealed_outputs import build_sealed

        build_sealed(project, options, report, plan, lambda: build_private(project, options, report))
    elif options.portfolios:
        build_private(project, options, report)
    return report


def build_private(project: Project, options: BuildOptions, report: BuildReport) -> None:
    """The outputs under build/: each audience's folder, or only the anonymised calibration packets."""
    if options.anonymise:
        from generator.render.calibration import build_calibration

        build_calibration(project, options, report)
        return
    from generator.write.workers import Pool

    whole = options.person is None and options.shard is None and not options.merge_shards  # need everyone
    started: list[Started] = []
    reuse = None
    with Pool(options.jobs if options.pdf else 1) as pool:
        try:
            reuse = _reuse(project, options)
            if "committee" in options.audiences:
                from generator.render.portfolio import start_portfolios

                started.append(start_portfolios(project, options, report, pool, reuse=reuse))
            if whole and "teams" in options.audiences:
                from generator.render.teams import start_teams

                started.append(start_teams(project, options, report, pool, reuse))
            if whole and "programme" in options.audiences:
                from generator.render.reports import start_programme

                started.append(start_programme(project, options, report, pool, reuse))
        except BaseException:
            for output in started:
                output.discard()
            raise
        run_started(pool, started)
    if reuse:
        reuse.save()


def _reuse(project: Project, options: BuildOptions) -> Reuse | None:
    """The stamps of this build's private outputs (shared, so each person's inputs are hashed once)."""
    if options.merge_shards or options.seal:  # a sealed build has no previous output in the clear to reuse
        return None
    from generator.read.git_history import read_histories
    from generator.render.portfolio import output_dir
    from generator.render.portfolio.incremental import Reuse
    from generator.render.portfolio.theme import theme_dirs

    return Reuse(project, output_dir(project), theme_dirs(project.root), options.pdf,
                 read_histories(project.root, [p.folder for p in project.portfolios]))


def _version(project: Project) -> str:
    assert project.framework is not None, "a build starts from a checked project"
    return project.framework.version


def build_releases(project: Project, options: BuildOptions, report: BuildReport) -> None:
    """Build every tagged release into site/<version>/ from the tag's own content.

    Each tag is exported to a temporary folder (the working tree is not touched) with the
    working tree's themes, so every version shares one look and the version selector.
    """
    import shutil
    import tempfile

    from generator.link.versions import load_release, releases
    from generator.read.releases import export_release
    from generator.render.site import build_site
    from generator.render.site.build import PendingChangeLog

    current = _version(project)
    for release in [r for r in releases(project) if r.version != current]:
        with tempfile.TemporaryDirectory(prefix="handbook-release-") as tmp:
            root = export_release(project.framework_dir, release.tag, Path(tmp))
            if (project.framework_dir / "themes").is_dir():
                shutil.copytree(project.framework_dir / "themes", root / "themes", dirs_exist_ok=True)
            released = load_release(project, release, Path(tmp), exported=root)
            released.config.site.engine = project.config.site.engine  # every version by the same engine
            build_site(released, options, report, site=project.root / "site",
                       changelog=PendingChangeLog(project, release.version))


def run_build_command(root: Path, as_of: dt.date | None, options: BuildOptions, engine: Engine | None,
                      quiet: bool, verbose: bool) -> int:
    """Load, build with a progress display, print the summary; the exit code is 1 on any error."""
    from generator.commands.common import echo_err, load_for_build
    from generator.commands.progress import TerminalProgress, Verbosity, render_build_summary, stderr_console
    from generator.render.problem_formats import format_text

    verbosity = Verbosity.from_flags(quiet, verbose)
    project, warnings = load_for_build(root, as_of, options.portfolios or options.person is not None, verbosity)
    if engine:
        project.config.site.engine = engine
    with TerminalProgress(stderr_console(), verbosity) as progress:
        report = run_build(project, options, progress=progress)
    if (text := render_build_summary(report, warnings, project.root, verbosity)):
        echo_err(text)
    if report.problems.errors:
        echo_err(format_text(report.problems.sorted()))
        return 1
    return 0
