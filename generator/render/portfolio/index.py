"""The committee index: everyone's track, levels, status and manager, with links to each portfolio."""

from __future__ import annotations

from dataclasses import dataclass

from generator.assess.portfolio import assess_portfolio, assessed_version
from generator.assess.readiness import RESOLVED
from generator.link.project import Portfolio, Project
from generator.link.provenance import COUNTING, STATUSES, verify_portfolio
from generator.link.versions import view_for_version
from generator.render.portfolio.links import THEME_PREFIX
from generator.render.portfolio.policy import enforce_policy
from generator.render.portfolio.theme import environment, theme_dirs
from generator.render.sandbox import render_template
from generator.render.site.paths import level_anchor

# Sorting by status puts the people closest to promotion first.
STATUS_RANK = {"ready": 0, "on_track": 1, "not_yet": 2}


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
    competencies_decide: bool = False  # False: shown as information, not required for the status
    sealed: int = 0          # verdicts sealed from whoever built the index
    manager: str = ""
    built: bool = True
    feedback: dict[str, int] | None = None  # items by verification status: verified, unverified, ...
    level_url: str | None = None   # the level's section of the track page in the handbook site
    target_url: str | None = None
    level_label: str = ""          # the track's label of the level, when it gives one
    target_label: str = ""

    @property
    def status_rank(self) -> int:
        return STATUS_RANK.get(self.status, len(STATUS_RANK))

    @property
    def unverified(self) -> int:
        """Feedback items whose giver is not confirmed (unverified, self-declared, no provenance, ...)."""
        return sum(n for status, n in (self.feedback or {}).items() if status not in COUNTING)


def handbook_url(project: Project, version: str) -> str | None:
    """The handbook site of one framework version, when the project says where it is published."""
    site = project.config.site_url
    return f"{site.rstrip('/')}/{version}/" if site else None


def index_row(project: Project, portfolio: Portfolio, pdf: bool, built: bool = True) -> IndexRow:
    readiness = assess_portfolio(project, portfolio)
    statuses = [v.status for v in verify_portfolio(project, portfolio).feedback.values()]
    feedback = {s: statuses.count(s) for s in STATUSES}
    profile = portfolio.profile
    track = view_for_version(project, assessed_version(project, portfolio)).track(profile.track)
    site = handbook_url(project, readiness.framework)
    page = f"{site}tracks/{profile.track}/" if site else None
    return IndexRow(id=portfolio.id, name=profile.name, track=track.name if track else readiness.track,
                    level=readiness.level, target=readiness.target, status=readiness.status,
                    resolved=sum(1 for m in readiness.milestones if m.status in RESOLVED),
                    required=len(readiness.milestones), pdf=pdf, built=built,
                    feedback={s: n for s, n in feedback.items() if n},
                    evidenced=readiness.coverage["evidenced"], competencies=readiness.coverage["required"],
                    competencies_decide=readiness.coverage_needed > 0, sealed=readiness.sealed,
                    manager=project.name_of(profile.manager) if profile.manager else "none",
                    level_url=f"{page}#{level_anchor(readiness.level)}" if page else None,
                    target_url=f"{page}#{level_anchor(readiness.target)}" if page else None,
                    level_label=track.level_tag(readiness.level) if track else "",
                    target_label=track.level_tag(readiness.target) if track else "")


def render_index_html(project: Project, rows: list[IndexRow]) -> str:
    assert project.framework is not None
    env = environment(theme_dirs(project.framework_dir))
    return enforce_policy(render_template(
        env, "index.html",
        rows=rows, statuses=tuple(STATUS_RANK), as_of=project.as_of, framework_name=project.framework.name,
        framework_version=project.framework.version, language=project.config.language, theme_url=THEME_PREFIX,
        handbook_url=handbook_url(project, project.framework.version)), scripts=True)
