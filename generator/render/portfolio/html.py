"""One person's portfolio page as HTML, and the files it needs beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.link.project import Portfolio, Project
from generator.read.git_history import Commit, read_git_history
from generator.render.portfolio.context import build_context
from generator.render.portfolio.links import THEME_PREFIX, confined, inert_name, reserved_names
from generator.render.portfolio.policy import enforce_policy
from generator.render.portfolio.printed import for_print
from generator.render.portfolio.theme import environment, theme_dirs
from generator.render.portfolio.views import PortfolioContext
from generator.render.sandbox import render_template

_UNSET: dict[Path, Commit] = {}


def render_context_html(project: Project, context: PortfolioContext) -> str:
    env = environment(theme_dirs(project.framework_dir))
    return enforce_policy(render_template(env, "portfolio.html", c=context, language=context.language,
                                          theme_url=THEME_PREFIX))


def render_print_html(project: Project, context: PortfolioContext, page: str) -> str:
    """The HTML the PDF is rendered from: the `page` itself unless the PDF summarises entries."""
    printed = for_print(context, project.config.portfolio.pdf_summary_after)
    return page if printed is context else render_context_html(project, printed)


def render_portfolio_html(project: Project, portfolio: Portfolio,
                          history: dict[Path, Commit] | None = _UNSET) -> str:
    """One person's HTML page; reads the git history itself unless given (None: no git)."""
    if history is _UNSET:
        history = read_git_history(project.root)
    return render_context_html(project, build_context(project, portfolio, history))


def copy_person_files(portfolio: Portfolio, files: list[str], target: Path) -> None:
    """Copy the files the page links to, active ones under their inert names; `files` were confined
    to the person's folder by the context."""
    root = portfolio.folder.resolve()
    for rel in files:
        if confined(root, rel) != rel or rel in reserved_names(portfolio.id):
            continue
        copy = target / inert_name(rel)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile((root / rel).resolve(), copy)
