"""Team views for managers: build/teams/<manager>/index.html and its PDF, and an index of them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.assess.portfolio import assess_portfolio
from generator.assess.readiness import Readiness as PersonReadiness
from generator.assess.team import STALE_DAYS, DueItem, TeamView, assess_team, manager_ids, reporting_line
from generator.link.project import Project
from generator.model.errors import did_you_mean
from generator.problems import UserError
from generator.render.portfolio.incremental import Reuse
from generator.render.reports.pages import render_page, take_previous, theme_dirs, write_page
from generator.write.atomic import replace_dir, staging_dir
from generator.write.outputs import BuildOptions, BuildReport, Started
from generator.write.workers import Pool


def output_dir(project: Project) -> Path:
    return project.build_dir / "teams"


def team_views(project: Project, only: str | None = None) -> list[TeamView]:
    """Every manager's view (or only one's); each person's readiness is assessed once."""
    managers = manager_ids(project)
    if only is not None and only not in managers:
        raise UserError(f"'{only}' manages no one", did_you_mean(only, managers) or
                        "managers: " + (", ".join(managers) or "none (set manager: in profiles or people.yml)"))
    readiness = {p.id: assess_portfolio(project, p) for p in project.portfolios}
    return [assess_team(project, m, readiness) for m in managers if only in (None, m)]


@dataclass(frozen=True)
class Attention:
    """One open milestone on the team view, listed once however many reasons list it."""

    item: DueItem
    owed: bool  # waiting on this manager's feedback or verdict


def needs_attention(view: TeamView) -> list[Attention]:
    """What is waiting on the manager, overdue or due within 90 days, each milestone once, soonest first."""
    owed = {(d.person, d.ref) for d in view.owed}
    found: dict[tuple[str, str], DueItem] = {}
    for d in [*view.owed, *view.overdue, *view.due(90)]:
        found.setdefault((d.person, d.ref), d)
    rows = [Attention(d, key in owed) for key, d in found.items()]
    return sorted(rows, key=lambda a: (a.item.days_left is None, a.item.days_left or 0, not a.owed))


def render_team_html(project: Project, view: TeamView) -> str:
    assert project.framework is not None
    names = {m.manager: project.name_of(m.manager) for m in view.members}
    names.update({m.id: m.name for m in view.members})
    return render_page(project, "team.html", v=view, names=names, stale_days=STALE_DAYS,
                       attention=needs_attention(view),
                       domain_columns=[d.id for d in project.framework.domains
                                       if any(d.id in m.domains for m in view.members)],
                       managers={m.manager for m in view.members},
                       tracks={t.id: t.name for t in project.tracks},
                       domains={d.id: d.name for d in project.framework.domains})


def start_teams(project: Project, options: BuildOptions, report: BuildReport, pool: Pool,
                reuse: Reuse | None = None) -> Started:
    """Stage build/teams/ and queue its PDFs; a view whose people's inputs are unchanged is taken as it was."""
    out = output_dir(project)
    managers = manager_ids(project)
    lines = {m: [found for p in reporting_line(project, m) if (found := project.portfolio(p))] for m in managers}
    readiness = Readiness(project)
    staged = staging_dir(out)
    reused = 0
    try:
        with report.step("team views", len(managers)) as advance:
            for manager in managers:
                page_pdf = f"{manager}.pdf" if options.pdf else None
                key = reuse.group("team", manager, options.pdf, reuse.themes(theme_dirs(project.framework_dir)),
                                  people=lines[manager]) if reuse else None
                if take_previous(out / manager, key, staged / manager, page_pdf):
                    reused += 1
                else:
                    view = assess_team(project, manager, readiness)
                    write_page(project, render_team_html(project, view), staged / manager, "index.html",
                               out / manager, page_pdf, pool, report, key, reuse)
                advance()
        rows = [(m, project.name_of(m), len(lines[m])) for m in managers]
        write_page(project, render_page(project, "teams_index.html", rows=rows, pdf=options.pdf, as_of=project.as_of),
                   staged, "index.html", out, None, pool, report)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise

    def finish() -> None:
        if reused:
            report.skipped.append(f"{reused} team view(s) unchanged")
        replace_dir(staged, out)
        for manager in managers:
            report.outputs.append(out / manager / "index.html")
            if options.pdf:
                report.outputs.append(out / manager / f"{manager}.pdf")
        report.outputs.append(out / "index.html")

    return Started(finish, lambda: shutil.rmtree(staged, ignore_errors=True))


class Readiness(dict[str, PersonReadiness]):
    """Each person's readiness, assessed when a view first needs it (unchanged views need none)."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def __missing__(self, person: str) -> PersonReadiness:
        portfolio = self.project.portfolio(person)
        assert portfolio is not None, "team views list people with a portfolio"
        self[person] = found = assess_portfolio(self.project, portfolio)
        return found


def build_teams(project: Project, options: BuildOptions, report: BuildReport) -> None:
    """Write build/teams/ whole (no reuse), replacing the previous one only when every view is written."""
    from generator.write.outputs import run_started

    with Pool(options.jobs if options.pdf else 1) as pool:
        run_started(pool, [start_teams(project, options, report, pool)])
