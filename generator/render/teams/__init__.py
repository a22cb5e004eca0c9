"""Team views for managers: build/teams/<manager>/index.html and its PDF, and an index of them."""

from __future__ import annotations

from pathlib import Path

from generator.assess.portfolio import assess_portfolio
from generator.assess.team import STALE_DAYS, TeamView, assess_team, manager_ids
from generator.link.project import Project
from generator.model.errors import did_you_mean
from generator.problems import UserError
from generator.render.reports.pages import render_page, write_page
from generator.write.atomic import staged_folder


def output_dir(project: Project) -> Path:
    return project.root / "build" / "teams"


def team_views(project: Project, only: str | None = None) -> list[TeamView]:
    """Every manager's view (or only one's); each person's readiness is assessed once."""
    managers = manager_ids(project)
    if only is not None and only not in managers:
        raise UserError(f"'{only}' manages no one", did_you_mean(only, managers) or
                        "managers: " + (", ".join(managers) or "none (set manager: in profiles or people.yml)"))
    readiness = {p.id: assess_portfolio(project, p) for p in project.portfolios}
    return [assess_team(project, m, readiness) for m in managers if only in (None, m)]


def render_team_html(project: Project, view: TeamView) -> str:
    assert project.framework is not None
    names = {m.manager: project.name_of(m.manager) for m in view.members}
    names.update({m.id: m.name for m in view.members})
    return render_page(project, "team.html", v=view, names=names, stale_days=STALE_DAYS,
                       tracks={t.id: t.name for t in project.tracks},
                       domains={d.id: d.name for d in project.framework.domains})


def build_teams(project, options, report) -> None:  # type: ignore[no-untyped-def]
    """Write build/teams/ whole, replacing the previous one only when every view is written."""
    out = output_dir(project)
    views = team_views(project)
    pdf = options.pdf
    with staged_folder(out) as staged:
        with report.step("team views", len(views)) as advance:
            for view in views:
                page_pdf = f"{view.manager}.pdf" if pdf else None
                write_page(project, render_team_html(project, view), staged / view.manager, "index.html",
                           out / view.manager, page_pdf)
                report.pdfs += bool(pdf)
                advance()
        rows = [(v.manager, v.manager_name, len(v.members)) for v in views]
        write_page(project, render_page(project, "teams_index.html", rows=rows, pdf=pdf, as_of=project.as_of),
                   staged, "index.html", out, None)
    for view in views:
        report.outputs.append(out / view.manager / "index.html")
        if pdf:
            report.outputs.append(out / view.manager / f"{view.manager}.pdf")
    report.outputs.append(out / "index.html")
