"""Everything one portfolio page shows, as plain data for the templates (no I/O but git).

The entries become views in `entries.py`; this module adds what readiness says of them:
a row per target milestone and competency, the people involved, the recognition earned.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.assess.benchmark import Cohorts
from generator.assess.plan import PlanProgress, assess_plan
from generator.assess.portfolio import assess_portfolio, assessed_version, next_steps
from generator.assess.readiness import CompetencyResult, MilestoneResult, Readiness
from generator.link.project import Portfolio, Project
from generator.link.provenance import UNAVAILABLE, Verification
from generator.link.versions import view_for_version
from generator.model.types import ROLES
from generator.read.git_history import Commit, History, read_last_commit, run_git
from generator.render.portfolio.charts import render_share_bar
from generator.render.portfolio.entries import EntryViews
from generator.render.portfolio.links import THEME_PREFIX, anchor
from generator.render.portfolio.views import (
    CompetencyRow,
    DomainGroup,
    EntryView,
    MilestoneRow,
    PersonRef,
    PortfolioContext,
)
from generator.render.wording import (
    evidence_count,
    measured_words,
    missing_words,
    readiness_reasons,
    verdict_words,
)

# THEME_PREFIX: the reports' pages import it from here too.
__all__ = ["THEME_PREFIX", "build_context", "created_stamp"]


def build_context(project: Project, portfolio: Portfolio, history: dict[Path, Commit] | None,
                  cohorts: Cohorts | None = None) -> PortfolioContext:
    """The template context of one portfolio; `history` is None without git.

    `cohorts` shares the peer benchmarks' work between the portfolios of one build.
    """
    view = view_for_version(project, assessed_version(project, portfolio))  # the release the profile is pinned to
    readiness = assess_portfolio(view, portfolio)
    assert view.framework is not None
    context = _Builder(view, portfolio, readiness, history).build()
    counts = readiness.counts()
    context.benchmark = (cohorts or Cohorts(project)).benchmark(portfolio, counts["met"], len(readiness.milestones))
    if portfolio.plan is not None:
        titles = {f"{t.id}/{m.id}": m.title for t in view.tracks for m in t.milestones()}
        titles |= {c.id: c.name or c.id for c in view.competencies}
        context.plan = assess_plan(portfolio.plan, readiness, titles, portfolio.profile.manager)
        if history is not None and portfolio.plan.agreed_with:
            _verify_agreement(view, portfolio, context.plan)
    return context


def _verify_agreement(project: Project, portfolio: Portfolio, progress: PlanProgress) -> None:
    """The plan says who agreed it; only their own commit of the current plan shows they did."""
    path = portfolio.folder / "plan.yml"
    commit = read_last_commit(project.root, path)
    email = project.email_of(progress.plan.agreed_with or "")
    progress.last_committed_by = commit.author if commit else ""
    # as it stands: a plan changed since the commit is not what was agreed
    progress.uncommitted_changes = bool(commit and run_git(project.root, "status", "--porcelain", "--", str(path)))
    shallow = History.open(project.root).shallow  # a shallow clone's cut-off commit "adds" every file
    newest = (run_git(project.root, "log", "-1", "--format=%H", "--", str(path)) or "").strip() if shallow else ""
    progress.history_cut = bool(commit and newest in shallow)
    progress.agreed_verified = bool(commit and email and not progress.uncommitted_changes and not progress.history_cut
                                    and progress.plan.agreed_with != portfolio.id
                                    and commit.email.strip().lower() == email.strip().lower())


class _Builder:
    def __init__(self, project: Project, portfolio: Portfolio, readiness: Readiness,
                 history: dict[Path, Commit] | None) -> None:
        self.project, self.portfolio, self.readiness, self.history = project, portfolio, readiness, history
        track = project.track(portfolio.profile.track)
        assert track is not None and project.framework is not None
        self.track = track
        self.domain_names = {d.id: d.name for d in project.framework.domains}
        self.views = EntryViews(project, portfolio, readiness, history,
                                {f"{track.id}/{m.id}": m.title for m in track.milestones()})
        self.entries = self.views.all()
        self.by_id = {e.id: e for e in self.entries}
        self.by_milestone: dict[str, list[EntryView]] = {}  # every entry linking a milestone, counting or not
        for e in self.entries:
            for ref in dict.fromkeys(r for r, _, _ in e.milestones):
                self.by_milestone.setdefault(ref, []).append(e)

    def build(self) -> PortfolioContext:
        project, profile, readiness = self.project, self.portfolio.profile, self.readiness
        for relation in ("manager", "mentor", "sponsor"):
            if getattr(profile, relation):
                self.views.person(getattr(profile, relation), relation)
        framework = project.framework
        assert framework is not None
        rows = [self.row(r) for r in readiness.milestones]
        domains = [(d, self.domain_names.get(d, d), v["met"], v["required"]) for d, v in readiness.domains.items()]
        if not readiness.milestones:  # assessed on competencies: chart their coverage by domain
            domains = [(d.id, d.name, sum(1 for r in mine if r.status == "evidenced"), len(mine))
                       for d in framework.domains if (mine := [r for r in readiness.competencies if r.domain == d.id])]
        steps = next_steps(readiness)
        competency_rows = [self.competency_row(r) for r in readiness.competencies]
        shown = {e.id for r in rows for e in r.entries} | {e.id for r in competency_rows for e in r.entries}
        shown -= {e.id for e in self.entries if e.kind == "feedback"}  # shown with their milestone or role
        levels = {lv.level: lv.title for lv in self.track.levels}
        target_title = levels.get(profile.target, profile.target)
        return PortfolioContext(
            project=project, portfolio=self.portfolio, readiness=readiness, framework_name=framework.name,
            language=project.config.language, track_name=self.track.name,
            level_title=levels.get(profile.level, profile.level),
            target_title=target_title,
            level_tag=self.track.level_tag(profile.level), target_tag=self.track.level_tag(profile.target),
            verdict=verdict_words(readiness.status, f"{target_title} ({self.track.level_tag(profile.target)})"),
            reasons=readiness_reasons(readiness, framework.readiness.on_track_ratio),
            domains=domains, domain_map=self.domain_map(domains, rows, competency_rows),
            gaps=steps[:3], steps=steps, rows=rows,
            competency_rows=competency_rows,
            entries=self.entries,
            other_entries=[e for e in self.entries if e.id not in shown and e.kind != "feedback"],
            reflections=[e for e in self.entries if e.kind == "reflection"],
            recognition=self.recognition(rows), people=self.people_refs(), provenance=self.history is not None,
            verified_roles=[r for r in ROLES if r in self.views.trust.roles],
            files=sorted(self.views.files), created=created_stamp(project.as_of),
            feedback=[f for e in self.entries for f in e.feedback])

    def domain_map(self, domains: list[tuple[str, str, int, int]], rows: list[MilestoneRow],
                   competencies: list[CompetencyRow]) -> list[DomainGroup]:
        """The evidence map: each domain of the framework with a target milestone or competency, in its order."""
        counts = {name: (done, required) for _, name, done, required in domains}
        groups = []
        for name in dict.fromkeys([*(self.domain_names.values()), *(r.domain for r in rows),
                                   *(c.domain for c in competencies)]):
            mine = [r for r in rows if r.domain == name]
            theirs = [c for c in competencies if c.domain == name]
            if mine or theirs:
                done, required = counts.get(name, (0, 0))
                groups.append(DomainGroup(name, done, required, render_share_bar(done, required), mine, theirs))
        return groups

    def row(self, result: MilestoneResult) -> MilestoneRow:
        m = result.milestone
        entries = [self.by_id[i] for i in result.evidence]
        feedback = [f for i in result.entries for f in self.by_id[i].feedback]
        present = {f.role for f in feedback}
        by_role = [(role, [f for f in feedback if f.role == role]) for role in ROLES if role in present]
        waiver_by = self.views.person(result.waiver.approved_by, "approved a waiver") if result.waiver else None
        counted = set(result.entries)
        stale = [e for e in self.by_milestone.get(result.ref, []) if e.id not in counted]
        return MilestoneRow(result=result, anchor=anchor("milestone", result.ref),
                            domain=self.domain_names.get(m.domain, m.domain), entries=entries,
                            roles_present=[r for r in ROLES if r in present],
                            roles_missing=[r for r in m.evidence.feedback if r not in present],
                            feedback_by_role=by_role, waiver_by=waiver_by, not_counted=stale,
                            needs=[missing_words(result, code, [e.date for e in entries]) for code in result.missing],
                            evidence_count=evidence_count(len(entries), m.evidence.entries),
                            measured=measured_words(result) if m.criterion.metric else "",
                            waiver_verification=self.waiver_verification(result))

    def waiver_verification(self, result: MilestoneResult) -> Verification | None:
        waivers = self.portfolio.profile.waivers
        index = next((i for i, w in enumerate(waivers) if w is result.waiver), None)
        return None if index is None else self.views.provenance.waivers.get(index, UNAVAILABLE)

    def competency_row(self, result: CompetencyResult) -> CompetencyRow:
        texts = {b.id: b.text for b in result.expected if b.id}
        return CompetencyRow(result=result, anchor=anchor("competency", result.id),
                             domain=self.domain_names.get(result.domain, result.domain),
                             entries=[self.by_id[i] for i in result.entries if i in self.by_id],
                             behaviours=[(b, texts.get(b, b)) for b in result.behaviours],
                             expected=len(result.expected))

    def recognition(self, rows: list[MilestoneRow]) -> list[tuple[str, str]]:
        earned = [(f"{r.result.milestone.recognition} ({r.result.milestone.title})", r.anchor)
                  for r in rows if r.result.status == "met" and r.result.milestone.recognition]
        earned += [(e.title, e.anchor) for e in self.entries if e.kind == "recognition"]
        return earned

    def people_refs(self) -> list[PersonRef]:
        return [PersonRef(pid, self.project.name_of(pid), anchor("person", pid), sorted(rel))
                for pid, rel in sorted(self.views.people.items())]


def created_stamp(as_of: dt.date) -> str:
    """PDF creation date: SOURCE_DATE_EPOCH when set, else midnight UTC of the as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    else:
        moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
