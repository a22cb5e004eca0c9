"""Writing a private report page: its HTML, the theme beside it, and its PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.link.project import Project
from generator.render.portfolio.context import THEME_PREFIX, created_stamp
from generator.render.portfolio.pdf import PdfJob, render_pdf
from generator.render.portfolio.theme import PACKAGED, copy_static, environment
from generator.render.portfolio.theme import theme_dirs as portfolio_dirs
from generator.write.atomic import write_text

REPORTS = PACKAGED.parent / "reports"


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """themes/reports (the repository's, then the packaged), then the portfolio theme they extend."""
    own = root / "themes" / "reports"
    return ((own.resolve(),) if own.is_dir() else ()) + (REPORTS,) + portfolio_dirs(root)


def render_page(project: Project, template: str, **context: object) -> str:
    """A template of the reports theme, with what every report page shows."""
    assert project.framework is not None
    env = environment(theme_dirs(project.root))
    return env.get_template(template).render(
        language=project.config.language, theme_url=THEME_PREFIX, framework_name=project.framework.name,
        framework_version=project.framework.version, created=created_stamp(project.as_of), **context)


def write_page(project: Project, html: str, staged: Path, name: str, final: Path, pdf: str | None) -> None:
    """Write `staged/name` and the theme; with `pdf`, also `staged/pdf`, whose links resolve under `final`.

    Report pages show no one's files, so the confined fetcher is given an empty folder:
    it serves the theme and nothing else.
    """
    themes = theme_dirs(project.root)
    write_text(staged / name, html)
    copy_static(themes, staged / THEME_PREFIX)
    if pdf:
        with tempfile.TemporaryDirectory(prefix="handbook-report-") as empty:
            render_pdf(PdfJob(html, final, Path(empty), themes, staged / pdf))
