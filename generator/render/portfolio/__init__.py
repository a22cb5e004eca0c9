"""Readiness portfolios: one HTML page and one PDF per person, and the committee index.

Everything is built into a staging folder and swapped in at the end, so a failed
build leaves the previous portfolios in place.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
from collections.abc import Callable
from pathlib import Path

from generator.assess.benchmark import Cohorts
from generator.link.project import Portfolio, Project
from generator.model.errors import did_you_mean
from generator.problems import Position, UserError, display_path
from generator.read.git_history import Commit, read_histories
from generator.render.calendar import render_person_calendar, write_team_calendars
from generator.render.portfolio.context import build_context
from generator.render.portfolio.entries import UnrenderableEntry
from generator.render.portfolio.html import (
    copy_person_files,
    render_context_html,
    render_portfolio_html,
    render_print_html,
)
from generator.render.portfolio.incremental import Reuse, Stamp, write_stamp
from generator.render.portfolio.index import IndexRow, index_row, render_index_html
from generator.render.portfolio.links import THEME_PREFIX
from generator.render.portfolio.pdf_job import PdfJob
from generator.render.portfolio.pdf_worker import import_weasyprint, render_pdf
from generator.render.portfolio.theme import copy_static, theme_dirs
from generator.write.atomic import replace_dir, staging_dir, write_text
from generator.write.outputs import BuildOptions, BuildReport, Started
from generator.write.shard import Shard, ShardSettings, collect, copy_person, inputs_digest, write_manifest
from generator.write.stamps import link_tree
from generator.write.workers import Outcome, Pool

__all__ = ["build_portfolios", "start_portfolios", "render_portfolio_html", "output_dir",
           "write_portfolio_assets"]


def output_dir(project: Project) -> Path:
    return project.build_dir / "portfolios"


def write_portfolio_assets(project: Project, portfolio: Portfolio, folder: Path) -> None:
    """The files a page from `render_portfolio_html` needs beside it: the theme and its attachments."""
    context = build_context(project, portfolio, None)
    copy_person_files(portfolio, context.files, folder)
    copy_static(theme_dirs(project.framework_dir), folder / THEME_PREFIX)


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


def build_portfolios(project: Project, options: BuildOptions, report: BuildReport, out: Path | None = None,
                     history: dict[Path, Commit] | None = FROM_GIT) -> None:
    """Write build/portfolios/ (or only one person's folder with `options.person`), with its own workers.

    `out` and `history` (None: no git) replace the defaults for calibration packets, which are
    always rendered afresh (no reuse of previous output).
    """
    from generator.write.outputs import run_started

    with Pool(options.jobs if options.pdf else 1) as pool:
        run_started(pool, [start_portfolios(project, options, report, pool, out, history)])


def start_portfolios(project: Project, options: BuildOptions, report: BuildReport, pool: Pool, out: Path | None = None,
                     history: dict[Path, Commit] | None = FROM_GIT, reuse: Reuse | None = None) -> Started:
    """Write the pages into a staging folder and queue their PDFs in `pool`; `finish` swaps them in.

    A person whose page or PDF fails is reported with their folder; their previous output is
    put back in the staging folder, so it stays as it was, and everyone else's lands.
    """
    packets = out is not None
    out = out or output_dir(project)
    if options.merge_shards and not packets:
        return Started(lambda: merge_portfolios(project, options.merge_shards, report), lambda: None)
    people = _selected(project, options.person)
    shard = Shard.parse(options.shard) if options.shard else None
    if shard:
        people = [p for p in people if shard.owns(p.id)]
    staged = staging_dir(out / options.person if options.person else out)

    def discard() -> None:
        shutil.rmtree(staged, ignore_errors=True)

    try:
        if history is FROM_GIT:
            history = reuse.history if reuse else read_histories(project.root, [p.folder for p in project.portfolios])
        root = staged.parent if options.person else staged
        own_reuse = reuse is None and not packets and not options.seal
        if own_reuse:
            reuse = Reuse(project, out, theme_dirs(project.framework_dir), options.pdf, history)
        submit = (lambda job: pool.submit(render_pdf, job, _pdf_done(project, job, report), len(job.html))) \
            if options.pdf else None
        write_pages(project, people, root, out, report, staged if options.person else None,
                    None if packets else reuse, history, submit,
                    (lambda: pool.warm(import_weasyprint)) if options.pdf else None)
    except BaseException:
        discard()
        raise

    def finish() -> None:
        if reuse and reuse.reused:
            report.skipped.append(f"{reuse.reused} portfolio(s) unchanged")
        for person in sorted(report.failed & {p.id for p in people}):
            folder = staged if options.person else staged / person
            shutil.rmtree(folder, ignore_errors=True)
            if not packets and (out / person).is_dir():
                link_tree(out / person, folder)  # their previous portfolio, as it was
        if options.person and options.person in report.failed:
            discard()  # keep the person's previous portfolio
        elif options.person:
            replace_dir(staged, out / options.person)
            _write_index(project, out, lambda p: (out / p.id / f"{p.id}.pdf").is_file())
        else:
            if shard:  # the committee index needs everyone: `--merge-shards` writes it
                write_manifest(staged, shard, [p.id for p in people], shard_settings(project, options.pdf))
            else:
                _write_index(project, staged, lambda p: (staged / p.id / f"{p.id}.pdf").is_file(), reuse)
            replace_dir(staged, out)
        if not shard:  # a team's calendar needs every report: a sharded build leaves it to --merge-shards
            report.outputs.extend(write_team_calendars(project, None if packets else reuse))
        for p in (p for p in people if p.id not in report.failed):
            report.outputs += [out / p.id / "index.html", out / p.id / f"{p.id}.ics"]
            if options.pdf:
                report.outputs.append(out / p.id / f"{p.id}.pdf")
        if not shard:
            report.outputs.append(out / "index.html")
        if reuse and own_reuse:
            reuse.save()

    return Started(finish, discard)


def _pdf_done(project: Project, job: PdfJob, report: BuildReport) -> Callable[[Outcome], None]:
    """What to do when one person's PDF is done: count it, or report that person with their folder."""
    person = job.target.stem

    def done(outcome: Outcome) -> None:
        if outcome.error is None:
            report.pdfs += 1
            report.skipped.extend(f"{job.target.name}: refused {url}" for url in outcome.result.refused)
            return
        folder = display_path(job.person, project.root) if job.person else person
        if outcome.error.startswith("PdfBudgetExceeded: "):
            report.problems.add(folder, Position(), "pdf-budget",
                                f"{person}'s portfolio PDF was not printed: "
                                f"{outcome.error.removeprefix('PdfBudgetExceeded: ')}",
                                f"the other portfolios were built; shorten {person}'s longest entries, or raise "
                                f"the budget; {person}'s previous portfolio was kept as it was")
        else:
            report.problems.add(folder, Position(), "pdf-failed",
                                f"{person}'s portfolio PDF could not be rendered: {outcome.error}",
                                f"the other portfolios were built; {person}'s previous portfolio was kept as it "
                                "was (rerun the build, and report it if it fails again)")
        report.failed.add(person)

    return done


def shard_settings(project: Project, pdf: bool) -> ShardSettings:
    assert project.framework is not None
    return ShardSettings(project.as_of.isoformat(), project.framework.version, inputs_digest(project.root), pdf)


def merge_portfolios(project: Project, dirs: list[Path], report: BuildReport) -> None:
    """Join the outputs of `--shard K/N` builds into build/portfolios/ with the committee index."""
    out = output_dir(project)
    found = collect(dirs, [p.id for p in project.portfolios], shard_settings(project, pdf=True))
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


def write_pages(project: Project, people: list[Portfolio], root: Path, out: Path, report: BuildReport,
                single: Path | None, reuse: Reuse | None = None,
                history: dict[Path, Commit] | None = FROM_GIT,
                submit: Callable[[PdfJob], None] | None = None,
                warm: Callable[[], None] | None = None) -> list[PdfJob]:
    """Write each page into `root/<id>` (or `single`); returns the PDF jobs, whose links resolve under `out`.

    With `reuse`, a person whose inputs did not change gets their previous folder instead, and
    one whose page came out the same gets their previous PDF. `submit` is given each PDF job
    as soon as its page is written, so PDFs render while the next pages are made; `warm` is
    called before the first page is made, to start a worker while it is.
    """
    if history is FROM_GIT:
        history = reuse.history if reuse else read_histories(project.root, [p.folder for p in project.portfolios])
    themes = theme_dirs(project.framework_dir)
    cohorts = Cohorts(project)
    jobs = []
    with report.step("portfolios", len(people)) as advance:
        for portfolio in people:
            folder = single or root / portfolio.id
            key = reuse.key(portfolio, [p.folder for p in cohorts.cohort(portfolio)]) if reuse else None
            if reuse and reuse.take(portfolio, key, folder):
                advance()
                continue
            if warm is not None:
                start, warm = warm, None
                start()
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
            printed = render_print_html(project, context, html)  # the page, unless the PDF summarises entries
            page = reuse.page(printed, themes, portfolio.folder) if reuse else None
            write_stamp(folder, Stamp(key, page if reuse and reuse.pdf else None))
            report.portfolios += 1
            pdf = folder / f"{portfolio.id}.pdf"
            if reuse and reuse.pdf and page and reuse.take_pdf(out / portfolio.id / pdf.name, page, pdf):
                report.skipped.append(f"{pdf.name}: its page is unchanged")
            else:
                budget = project.config.portfolio
                jobs.append(PdfJob(printed, out / portfolio.id, portfolio.folder, themes, pdf,
                                   budget.pdf_page_budget, budget.pdf_seconds))
                if submit:
                    submit(jobs[-1])
            advance()
    return jobs


def write_pdfs(jobs: list[PdfJob], workers: int, report: BuildReport, project: Project | None = None) -> None:
    """Render these PDFs in `workers` processes (here when 1); a failed one is reported, not raised."""
    with Pool(workers) as pool, report.step("PDFs", len(jobs)) as advance:
        for job in jobs:
            done = _pdf_done(project, job, report) if project else _raise_on_error(job, report)
            pool.submit(render_pdf, job, functools.partial(_then_advance, done, advance), len(job.html))
        pool.wait()


def _then_advance(done: Callable[[Outcome], None], advance: Callable[[], None], outcome: Outcome) -> None:
    done(outcome)
    advance()


def _raise_on_error(job: PdfJob, report: BuildReport) -> Callable[[Outcome], None]:
    def done(outcome: Outcome) -> None:
        if outcome.error:
            raise RuntimeError(f"{job.target.name}: {outcome.error}")
        report.pdfs += 1

    return done


def _cached_row(reuse: Reuse, person: str, key: str) -> IndexRow | None:
    found = reuse.cache.get("index-row", person, key)
    try:
        return IndexRow(**found) if isinstance(found, dict) else None
    except TypeError:  # written by another version of the row
        return None


def _write_index(project: Project, root: Path, has_pdf: Callable[[Portfolio], bool],
                 reuse: Reuse | None = None) -> None:
    """The committee index; with `reuse`, the row of a person whose inputs are unchanged comes from the cache."""
    rows = []
    for p in project.portfolios:
        built = (root / p.id / "index.html").is_file()
        key = reuse.person(p) if reuse else None
        row = _cached_row(reuse, p.id, key) if reuse and key else None
        if row is None:
            row = index_row(project, p, False)
            if reuse and key:
                reuse.cache.put("index-row", p.id, key, dataclasses.asdict(row))
        rows.append(dataclasses.replace(row, pdf=has_pdf(p) and built, built=built))
    if reuse:
        reuse.cache.keep_only("index-row", {p.id for p in project.portfolios})
    write_text(root / "index.html", render_index_html(project, rows))
    copy_static(theme_dirs(project.framework_dir), root / THEME_PREFIX, index=True)
