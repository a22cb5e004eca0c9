"""The committee index: everyone's track, levels and status, with links to each portfolio."""

from __future__ import annotations

from dataclasses import dataclass

from generator.assess.portfolio import assess_portfolio
from generator.assess.readiness import RESOLVED
from generator.link.project import Portfolio, Project
from generator.link.versions import view_for_version
from generator.render.portfolio.context import THEME_PREFIX
from generator.render.portfolio.theme import environment, theme_dirs


@dataclass
class IndexRow:
    id: str
    name: str
    track: str
    level: str
    target: str
    status: str
    resolved: int
    required: int
    pdf: bool
    evidenced: int = 0       # competencies of the target level with evidence
    competencies: int = 0    # competencies of the target level


def index_row(project: Project, portfolio: Portfolio, pdf: bool) -> IndexRow:
    readiness = assess_portfolio(project, portfolio)
    track = view_for_version(project, portfolio.profile.framework).track(portfolio.profile.track)
    return IndexRow(id=portfolio.id, name=portfolio.profile.name, track=track.name if track else readiness.track,
                    level=readiness.level, target=readiness.target, status=readiness.status,
                    resolved=sum(1 for m in readiness.milestones if m.status in RESOLVED),
                    required=len(readiness.milestones), pdf=pdf, evidenced=readiness.coverage["evidenced"],
                    competencies=readiness.coverage["required"])


def render_index_html(project: Project, rows: list[IndexRow]) -> str:
    assert project.framework is not None
    env = environment(theme_dirs(project.root))
    return env.get_template("index.html").render(
        rows=rows, as_of=project.as_of, framework_name=project.framework.name,
        framework_version=project.framework.version, language=project.config.language, theme_url=THEME_PREFIX)
