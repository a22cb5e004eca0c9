"""The programme report for the learning team: build/reports/programme.html and its PDF."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from markupsafe import Markup

from generator.assess.programme import (
    Memo,
    PersonFacts,
    ProgrammeReport,
    Verifier,
    assess_programme,
)
from generator.assess.readiness import FeedbackGiven
from generator.assess.signals import EARLY_DAYS, FAR
from generator.assess.timeline import Timeline
from generator.link.project import Portfolio, Project
from generator.link.provenance import verify_portfolio
from generator.model.types import KINDS
from generator.render.portfolio.incremental import Reuse
from generator.render.reports.charts import PALETTE, STATUS_COLOURS, horizontal_bars, stacked_columns
from generator.render.reports.pages import render_page, take_previous, theme_dirs, write_page
from generator.write.atomic import replace_dir, staging_dir
from generator.write.outputs import BuildOptions, BuildReport, Started
from generator.write.workers import Pool

PAGE, PDF = "programme.html", "programme.pdf"


def output_dir(project: Project) -> Path:
    return project.build_dir / "reports"


def feedback_verifier(project: Project) -> Verifier | None:
    """Feedback counts as verified as the portfolio shows it: committed (or signed) by its giver."""
    from generator.read.vcs import in_git_repository

    if not in_git_repository(project.root):
        return None
    portfolios = {p.id: p for p in project.portfolios}

    def verified(person: str, item: FeedbackGiven) -> bool:
        facts = verify_portfolio(project, portfolios[person])
        found = facts.feedback.get((item.entry, item.index))
        return bool(found and found.counts)

    return verified


def charts(report: ProgrammeReport) -> dict[str, Markup]:
    statuses = ("ready", "on_track", "not_yet")
    months = [m.date.strftime("%Y-%m") for m in report.over_time]
    used = [k for k in KINDS if any(report.entries[m][k] for m in report.entry_months)]
    return {
        "people": horizontal_bars(
            "people", "People per track and level",
            "; ".join(f"{t.track_name} {t.level_tag or t.level}: {t.people}" for t in report.by_track_level),
            [(f"{t.track_name} {t.level_tag or t.level}", t.people) for t in report.by_track_level]),
        "readiness": stacked_columns(
            "readiness", "Readiness at each month end",
            "; ".join(f"{m.date.isoformat()}: " + ", ".join(f"{m.statuses[s]} {s.replace('_', ' ')}"
                                                             for s in statuses) for m in report.over_time),
            months, [(s.replace("_", " "), STATUS_COLOURS[s], [m.statuses[s] for m in report.over_time])
                     for s in statuses]),
        "entries": stacked_columns(
            "entries", "Entries per month by kind",
            "; ".join(f"{m}: {sum(report.entries[m].values())} entries" for m in report.entry_months),
            report.entry_months, [(k, PALETTE[KINDS.index(k) % len(PALETTE)], [report.entries[m][k]
                                                                                for m in report.entry_months])
                                  for k in used]),
        "recognition": stacked_columns(
            "recognition", "Recognition awarded per quarter",
            "; ".join(f"{q}: {e} recognition entries, {m} milestone recognitions" for q, e, m in report.recognition),
            [q for q, _, _ in report.recognition],
            [("recognition entries", PALETTE[0], [e for _, e, _ in report.recognition]),
             ("milestone recognitions", PALETTE[1], [m for _, _, m in report.recognition])]),
    }


def render_programme_html(project: Project, report: ProgrammeReport) -> str:
    return render_page(project, PAGE, r=report, charts=charts(report), kinds=KINDS,
                       early_weeks=EARLY_DAYS // 7, far=round(FAR * 100),
                       min_cohort=project.config.signals_min_cohort)


def programme_report(project: Project, reuse: Reuse | None = None) -> ProgrammeReport:
    return assess_programme(project, feedback_verifier(project), CachedFacts(reuse) if reuse else None)


class CachedFacts(Memo):
    """Each person's facts in the build cache, under their rebuild key: only changed people are assessed."""

    TABLE = "programme-facts"

    def __init__(self, reuse: Reuse) -> None:
        self.reuse = reuse
        reuse.cache.keep_only(self.TABLE, {p.id for p in reuse.project.portfolios})

    def get(self, portfolio: Portfolio) -> PersonFacts | None:
        key = self.reuse.person(portfolio)
        found = self.reuse.cache.get(self.TABLE, portfolio.id, key) if key else None
        if found is None:
            return None
        try:
            timeline = found["timeline"]
            return PersonFacts(
                Timeline([dt.date.fromisoformat(d) for d in timeline["dates"]],
                         [frozenset(m) for m in timeline["met"]], [bool(r) for r in timeline["ready"]]),
                {dt.date.fromisoformat(d): str(s) for d, s in found["statuses"].items()},
                int(found["met"]), int(found["verified"]))
        except (TypeError, KeyError, ValueError, AttributeError):  # absent, or kept by another version
            return None

    def put(self, portfolio: Portfolio, facts: PersonFacts) -> None:
        if (key := self.reuse.person(portfolio)) is None:
            return
        timeline = facts.timeline
        self.reuse.cache.put(self.TABLE, portfolio.id, key, {
            "timeline": {"dates": [d.isoformat() for d in timeline.dates], "met": [sorted(m) for m in timeline.met],
                         "ready": timeline.ready},
            "statuses": {d.isoformat(): s for d, s in facts.statuses.items()},
            "met": facts.met, "verified": facts.verified})


def start_programme(project: Project, options: BuildOptions, report: BuildReport, pool: Pool,
                    reuse: Reuse | None = None) -> Started:
    """Stage build/reports/ and queue its PDF; taken as it was when nobody's inputs changed."""
    out = output_dir(project)
    pdf = PDF if options.pdf else None
    staged = staging_dir(out)
    try:
        with report.step("programme report", 1) as advance:
            key = reuse.group("programme", options.pdf, reuse.themes(theme_dirs(project.framework_dir)),
                              people=project.portfolios) if reuse else None
            if take_previous(out, key, staged, pdf):
                report.skipped.append("the programme report: unchanged")
            else:
                html = render_programme_html(project, programme_report(project, reuse))
                write_page(project, html, staged, PAGE, out, pdf, pool, report, key, reuse)
            advance()
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise

    def finish() -> None:
        replace_dir(staged, out)
        report.outputs.append(out / PAGE)
        if options.pdf:
            report.outputs.append(out / PDF)

    return Started(finish, lambda: shutil.rmtree(staged, ignore_errors=True))


def build_programme(project: Project, options: BuildOptions, report: BuildReport) -> None:
    """Write build/reports/ (the programme page, its theme and PDF) afresh, replacing it only when complete."""
    from generator.write.outputs import run_started

    with Pool(options.jobs if options.pdf else 1) as pool:
        run_started(pool, [start_programme(project, options, report, pool)])
