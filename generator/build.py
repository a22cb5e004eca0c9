"""`handbook build`: validate everything, then render the site and the portfolios."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.write.outputs import AUDIENCES, BuildOptions, BuildReport, ProgressSink, Started, run_started

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


def run_build(project, options: BuildOptions,  # type: ignore[no-untyped-def]
              progress: ProgressSink | None = None) -> BuildReport:
    """Render every requested output under the repository's build lock; each output is swapped in complete."""
    with build_lock(project.root):
        remove_leftovers(project.root)
        return _run_build(project, options, progress)


def _run_build(project, options: BuildOptions,  # type: ignore[no-untyped-def]
               progress: ProgressSink | None = None) -> BuildReport:
    report = BuildReport(progress=progress)
    if options.site:
        from generator.problems import UserError
        from generator.render.markdown import MarkdownRefused
        from generator.render.site import build_site
        from generator.render.site.build import PendingChangeLog

        try:
            build_site(project, options, report, changelog=PendingChangeLog(project, project.framework.version))
            if options.all_versions:
                build_releases(project, options, report)
        except MarkdownRefused as exc:  # content is the framework owners': the whole site waits for the fix
            raise UserError(f"a text in content/ cannot be rendered: {exc.message}",
                            f"{exc.hint}; the site was left as it was") from exc
    if options.portfolios:
        build_private(project, options, report)
    return report


def build_private(project, options: BuildOptions, report: BuildReport) -> None:  # type: ignore[no-untyped-def]
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


def _reuse(project, options: BuildOptions):  # type: ignore[no-untyped-def]
    """The stamps of this build's private outputs (shared, so each person's inputs are hashed once)."""
    if options.merge_shards:
        return None
    from generator.read.git_history import read_histories
    from generator.render.portfolio import output_dir
    from generator.render.portfolio.incremental import Reuse
    from generator.render.portfolio.theme import theme_dirs

    return Reuse(project, output_dir(project), theme_dirs(project.root), options.pdf,
                 read_histories(project.root, [p.folder for p in project.portfolios]))


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
    from generator.render.site.build import PendingChangeLog

    current = project.framework.version
    for release in [r for r in releases(project) if r.version != current]:
        with tempfile.TemporaryDirectory(prefix="handbook-release-") as tmp:
            root = export_release(project.root, release.tag, Path(tmp))
            if (project.root / "themes").is_dir():
                shutil.copytree(project.root / "themes", root / "themes", dirs_exist_ok=True)
            released = load_release(project, release, Path(tmp), exported=root)
            released.config.site.engine = project.config.site.engine  # every version by the same engine
            build_site(released, options, report, site=project.root / "site",
                       changelog=PendingChangeLog(project, release.version))
