"""Readiness portfolios: one HTML page and one PDF per person, and the committee index.

Everything is built into a staging folder and swapped in at the end, so a failed
build leaves the previous portfolios in place.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from generator.assess.benchmark import Cohorts
from generator.link.project import Portfolio, Project
from generator.model.errors import did_you_mean
from generator.problems import UserError
from generator.read.git_history import Commit, read_git_history
from generator.render.calendar import render_person_calendar, write_team_calendars
from generator.render.portfolio.context import build_context
from generator.render.portfolio.entries import UnrenderableEntry
from generator.render.portfolio.html import (
    copy_person_files,
    render_context_html,
    render_portfolio_html,
    render_print_html,
)
from generator.render.portfolio.incremental import Reuse, write_stamp
from generator.render.portfolio.index import index_row, render_index_html
from generator.render.portfolio.links import THEME_PREFIX
from generator.render.portfolio.pdf_job import TASKS_PER_WORKER, PdfJob, PdfResult, render_pdf
from generator.render.portfolio.theme import copy_static, theme_dirs
from generator.shard import Shard, collect, copy_person, write_manifest
from generator.write.atomic import replace_dir, staging_dir, write_text
from generator.write.workers import die_with_parent

__all__ = ["build_portfolios", "render_portfolio_html", "output_dir", "write_portfolio_assets"]


def output_dir(project: Project) -> Path:
    return project.root / "build" / "portfolios"


def write_portfolio_assets(project: Project, portfolio: Portfolio, folder: Path) -> None:
    """The files a page from `render_portfolio_html` needs beside it: the theme and its attachments."""
    context = build_context(project, portfolio, None)
    copy_person_files(portfolio, context.files, folder)
    copy_static(theme_dirs(project.root), folder / THEME_PREFIX)


def _selected(project: Project, person: str | None) -> list[Portfolio]:
    if person is None:
        return list(project.portfolios)
    portfolio = project.portfolio(person)
    if portfolio is None:
        ids = [p.id for p in project.portfolios]
        raise UserError(f"no portfolio for '{person}' under portfolios/",
                        did_you_mean(person, ids) or "people with portfolios: " + ", ".join(ids))
    return [portfolio]


FROM_GIT: dict[Path, Commit] = {}  # a marker: read the history from git


def build_portfolios(project, options, report, out: Path | None = None,  # type: ignore[no-untyped-def]
                     history: dict[Path, Commit] | None = FROM_GIT) -> None:
    """Write build/portfolios/ (or only one person's folder with `options.person`).

    `out` and `history` (None: no git) replace the defaults for calibration packets, which are
    always rendered afresh (no reuse of previous output).
    """
    packets = out is not None
    out = out or output_dir(project)
    if options.merge_shards and not packets:
        merge_portfolios(project, options.merge_shards, report)
        return
    people = _selected(project, options.person)
    shard = Shard.parse(options.shard) if options.shard else None
    if shard:
        people = [p for p in people if shard.owns(p.id)]
    staged = staging_dir(out / options.person if options.person else out)
    if history is FROM_GIT:
        history = read_git_history(project.root)
    try:
        root = staged.parent if options.person else staged
        reuse = None if packets else Reuse(project, out, theme_dirs(project.root), options.pdf, history)
        jobs = write_pages(project, people, root, out, report, staged if options.person else None, reuse, history)
        if reuse and reuse.reused:
            report.skipped.append(f"{reuse.reused} portfolio(s) unchanged")
        if options.pdf:
            write_pdfs(jobs, options.jobs, report)
        if options.person and options.person in report.failed:
            shutil.rmtree(staged, ignore_errors=True)  # keep the person's previous portfolio
        elif options.person:
            replace_dir(staged, out / options.person)
            _write_index(project, out, lambda p: (out / p.id / f"{p.id}.pdf").is_file())
        else:
            if shard:  # the committee index needs everyone: `--merge-shards` writes it
                write_manifest(staged, shard, [p.id for p in people], options.pdf)
            else:
                _write_index(project, staged, lambda p: options.pdf)
            replace_dir(staged, out)
        if reuse:
            reuse.save()
        if not shard:  # a team's calendar needs every report: a sharded build leaves it to --merge-shards
            report.outputs += write_team_calendars(project)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    for p in (p for p in people if p.id not in report.failed):
        report.outputs += [out / p.id / "index.html", out / p.id / f"{p.id}.ics"]
        if options.pdf:
            report.outputs.append(out / p.id / f"{p.id}.pdf")
    if not shard:
        report.outputs.append(out / "index.html")


def merge_portfolios(project: Project, dirs: list[Path], report) -> None:  # type: ignore[no-untyped-def]
    """Join the outputs of `--shard K/N` builds into build/portfolios/ with the committee index."""
    out = output_dir(project)
    found = collect(dirs, [p.id for p in project.portfolios])
    staged = staging_dir(out)
    try:
        with report.step("merging shards", len(found)) as advance:
            for person, folder in sorted(found.items()):
                copy_person(folder, staged / person)
                report.portfolios += 1
                report.pdfs += (staged / person / f"{person}.pdf").is_file()
                advance()
        _write_index(project, staged, lambda p: (staged / p.id / f"{p.id}.pdf").is_file())
        replace_dir(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    report.outputs.append(out / "index.html")
    report.outputs += write_team_calendars(project)


def write_pages(project: Project, people: list[Portfolio], root: Path, out: Path, report,  # type: ignore[no-untyped-def]
                single: Path | None, reuse: Reuse | None = None,
                history: dict[Path, Commit] | None = FROM_GIT) -> list[PdfJob]:
    """Write each page into `root/<id>` (or `single`); returns the PDF jobs, whose links resolve under `out`.

    With `reuse`, a person whose inputs did not change gets their previous folder instead.
    """
    if history is FROM_GIT:
        history = reuse.history if reuse else read_git_history(project.root)
    themes = theme_dirs(project.root)
    cohorts = Cohorts(project)
    jobs = []
    with report.step("portfolios", len(people)) as advance:
        for portfolio in people:
            folder = single or root / portfolio.id
            key = reuse.key(portfolio, [p.folder for p in cohorts.cohort(portfolio)]) if reuse else None
            if reuse and reuse.take(portfolio, key, folder):
                advance()
                continue
            try:
                context = build_context(project, portfolio, history, cohorts)
            except UnrenderableEntry as exc:  # that portfolio only: the others are still built
                report.problems.add(exc.path, exc.pos, "markdown-budget", exc.message,
                                    f"{exc.hint}; {portfolio.id}'s portfolio was not built")
                report.failed.add(portfolio.id)
                advance()
                continue
            html = render_context_html(project, context)
            write_text(folder / "index.html", html)
            write_text(folder / f"{portfolio.id}.ics", render_person_calendar(project, portfolio))
            copy_person_files(portfolio, context.files, folder)
            copy_static(themes, folder / THEME_PREFIX)
            write_stamp(folder, key)
            printed = render_print_html(project, context, html)  # the page, unless the PDF summarises entries
            jobs.append(PdfJob(printed, out / portfolio.id, portfolio.folder, themes, folder / f"{portfolio.id}.pdf"))
            report.portfolios += 1
            advance()
    return jobs


def write_pdfs(jobs: list[PdfJob], workers: int, report) -> None:  # type: ignore[no-untyped-def]
    """Render the PDFs, in `workers` processes when there is more than one."""
    with report.step("PDFs", len(jobs)) as advance:
        if workers <= 1 or len(jobs) <= 1:
            done: list[PdfResult] = []
            for job in jobs:
                done.append(render_pdf(job))
                advance()
        else:
            context = multiprocessing.get_context("spawn")  # recycling workers needs spawn, not fork
            with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                     max_tasks_per_child=TASKS_PER_WORKER, initializer=die_with_parent,
                                     initargs=(os.getpid(),)) as pool:
                # longest first, so no long PDF starts last while the other process idles
                ordered = sorted(jobs, key=lambda j: len(j.html), reverse=True)
                futures = [pool.submit(render_pdf, job) for job in ordered]
                done = []
                for future in as_completed(futures):
                    done.append(future.result())
                    advance()
    for job in sorted(done, key=lambda j: j.target):
        report.pdfs += 1
        report.skipped.extend(f"{job.target.name}: refused {url}" for url in job.refused)


def _write_index(project: Project, root: Path, has_pdf: Callable[[Portfolio], bool]) -> None:
    rows = [index_row(project, p, has_pdf(p) and (root / p.id / "index.html").is_file(),
                      (root / p.id / "index.html").is_file()) for p in project.portfolios]
    write_text(root / "index.html", render_index_html(project, rows))
    copy_static(theme_dirs(project.root), root / THEME_PREFIX, index=True)
