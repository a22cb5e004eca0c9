"""Writing a private report page: its HTML, the theme beside it, and its PDF."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from generator.link.project import Project
from generator.problems import Position
from generator.render.portfolio.context import THEME_PREFIX, created_stamp
from generator.render.portfolio.incremental import Reuse
from generator.render.portfolio.pdf_job import PdfJob
from generator.render.portfolio.pdf_worker import render_pdf
from generator.render.portfolio.policy import enforce_policy
from generator.render.portfolio.theme import PACKAGED, copy_static, environment
from generator.render.portfolio.theme import theme_dirs as portfolio_dirs
from generator.render.reports.words import duration_words, missing_words
from generator.render.sandbox import render_template
from generator.write.atomic import write_text
from generator.write.outputs import BuildReport
from generator.write.stamps import Stamp, link_tree, read_stamp, write_stamp
from generator.write.workers import Outcome, Pool

REPORTS = PACKAGED.parent / "reports"


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """themes/reports (the repository's, then the packaged), then the portfolio theme they extend."""
    own = root / "themes" / "reports"
    return ((own.resolve(),) if own.is_dir() else ()) + (REPORTS,) + portfolio_dirs(root)


def render_page(project: Project, template: str, **context: object) -> str:
    """A template of the reports theme, with what every report page shows."""
    assert project.framework is not None
    env = environment(theme_dirs(project.framework_dir))
    return enforce_policy(render_template(
        env, template,
        language=project.config.language, theme_url=THEME_PREFIX, framework_name=project.framework.name,
        framework_version=project.framework.version, created=created_stamp(project.as_of),
        duration_words=duration_words, missing_words=missing_words, **context))


def write_page(project: Project, html: str, staged: Path, name: str, final: Path, pdf: str | None,
               pool: Pool, report: BuildReport, inputs: str | None = None, reuse: Reuse | None = None) -> None:
    """Write `staged/name`, the theme and the stamp; with `pdf`, queue `staged/pdf` (links resolve under `final`).

    With `reuse` (the build's stamps), the previous PDF is taken when it was made from the
    same page and theme. Report pages show no one's files, so the confined fetcher serves the
    theme and nothing else. A PDF that fails is reported with the page's folder, whose
    previous content is put back.
    """
    themes = theme_dirs(project.framework_dir)
    write_text(staged / name, html)
    copy_static(themes, staged / THEME_PREFIX)
    page = reuse.page(html, themes) if reuse and pdf else None
    write_stamp(staged, Stamp(inputs, page))
    if not pdf:
        return
    if reuse and page and reuse.take_pdf(final / pdf, page, staged / pdf):
        report.skipped.append(f"{pdf}: its page is unchanged")
        return
    job = PdfJob(html, final, None, themes, staged / pdf)
    pool.submit(render_pdf, job, _done(project, report, staged, final, pdf), len(html))


def _done(project: Project, report: BuildReport, staged: Path, final: Path, pdf: str) -> Callable[[Outcome], None]:
    def done(outcome: Outcome) -> None:
        if outcome.error is None:
            report.pdfs += 1
            return
        shown = final.relative_to(project.root).as_posix() if final.is_relative_to(project.root) else str(final)
        report.problems.add(shown, Position(), "pdf-failed", f"{shown}/{pdf} could not be rendered: {outcome.error}",
                            "the other outputs were built and this folder was kept as it was "
                            "(rerun the build, and report it if it fails again)")
        shutil.rmtree(staged, ignore_errors=True)
        if final.is_dir() and not link_tree(final, staged):
            staged.mkdir(parents=True, exist_ok=True)

    return done


def take_previous(final: Path, inputs: str | None, staged: Path, pdf: str | None) -> bool:
    """Hard-link the previous folder when it was made from the same inputs (and has its PDF)."""
    if inputs is None or read_stamp(final).inputs != inputs:
        return False
    if pdf and not (final / pdf).is_file():
        return False
    return link_tree(final, staged)
