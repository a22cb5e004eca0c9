"""Everything one portfolio page shows, as plain data for the templates (no I/O but git)."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from generator.assess.benchmark import Benchmark, Cohorts
from generator.assess.plan import PlanProgress, assess_plan
from generator.assess.portfolio import NextStep, assess_portfolio, next_steps, trust_of
from generator.assess.readiness import CompetencyResult, MilestoneResult, Readiness
from generator.link.project import LoadedEntry, Portfolio, Project
from generator.link.provenance import UNAVAILABLE, Verification, verify_portfolio
from generator.link.versions import view_for_version
from generator.model.types import ROLES, duration_days
from generator.problems import Position, display_path
from generator.read.git_history import Commit, read_last_commit
from generator.render.markdown import MarkdownRefused, decoded_path, render_markdown
from generator.render.portfolio.charts import render_domain_chart
from generator.render.portfolio.wording import (
    artifact_caption,
    evidence_count,
    needs_sentence,
    provenance_sentence,
)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
URL_ATTR_RE = re.compile(r'\s(?:src|href)="([^"]*)"')
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
THEME_PREFIX = "_theme"


def anchor(kind: str, key: str) -> str:
    """An id safe in HTML and in URL fragments, stable across builds."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")


def local_file(folder: Path, ref: str) -> str | None:
    """`ref` as a POSIX path inside `folder` when it names a file there, else None."""
    raw = html.unescape(ref).split("#", 1)[0].split("?", 1)[0]
    ref = decoded_path(raw)  # the browser decodes %2e%2e to '..': check what it will read
    if not ref or SCHEME_RE.match(raw) or ref.startswith("/") or "\\" in raw or any(ord(c) < 32 for c in ref):
        return None
    parts = PurePosixPath(ref).parts
    if ".." in parts or (parts and parts[0] == THEME_PREFIX):
        return None
    return confined(folder, ref)


def confined(folder: Path, rel: str) -> str | None:
    """`rel` normalised when it resolves (symlinks followed) to a file inside `folder`, else None."""
    root = folder.resolve()
    target = (root / rel).resolve()
    if not (target.is_relative_to(root) and target.is_file()):
        return None
    return PurePosixPath(*[p for p in PurePosixPath(rel).parts if p != "."]).as_posix()


class UnrenderableEntry(MarkdownRefused):
    """An entry whose Markdown is refused by the renderer's budget: its portfolio is not built."""

    def __init__(self, path: str, pos: Position, refused: MarkdownRefused) -> None:
        super().__init__(refused.message, refused.hint, pos.line)
        self.path, self.pos = path, pos


def reserved_names(person: str) -> set[str]:
    """Output files a person's own file must never replace when copied beside the page."""
    return {"index.html", f"{person}.pdf", f"{person}.ics"}


@dataclass
class Artifact:
    label: str
    href: str | None  # None when the file is not available
    image: bool
    caption: str = ""  # the file's name in words, for the figure caption and the image's alt text


@dataclass
class FeedbackView:
    anchor: str
    giver: str
    giver_name: str
    role: str
    text: Markup
    verdict: str | None
    date: dt.date
    entry_id: str
    entry_anchor: str
    entry_title: str
    commit: Commit | None
    verification: Verification
    counts: bool = True  # False when the framework's policy needs it verified and it is not
    provenance: str = ""  # "added by NAME on DATE, commit abc123 (verified: committed by ...)", in plain words

    @property
    def verified(self) -> bool | None:
        """True when verified (or signed), None when provenance is unavailable, else False."""
        status = self.verification.status
        return None if status == "unavailable" else status in ("verified", "signed")


@dataclass
class EntryView:
    id: str
    anchor: str
    title: str
    date: dt.date
    kind: str
    body: Markup
    milestones: list[tuple[str, str, str]]  # (ref, title, anchor)
    metrics: list[tuple[str, float]]
    artifacts: list[Artifact]
    feedback: list[FeedbackView]
    counts: bool
    not_counted: str | None
    commit: Commit | None
    verified: bool | None = None
    provenance: str = ""
    competencies: list[tuple[str, str | None]] = field(default_factory=list)  # (reference, row anchor)


@dataclass
class MilestoneRow:
    result: MilestoneResult
    anchor: str
    domain: str
    entries: list[EntryView]
    roles_present: list[str]
    roles_missing: list[str]
    feedback_by_role: list[tuple[str, list[FeedbackView]]]
    waiver_by: tuple[str, str] | None  # (name, anchor)
    waiver_verification: Verification | None = None
    not_counted: list[EntryView] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)  # every missing code as a sentence
    evidence_count: str = ""                        # "1 of 2 entries", never "3 of 2"


@dataclass
class CompetencyRow:
    """A competency of the track expected at the target, with the entries behind it."""

    result: CompetencyResult
    anchor: str
    domain: str
    entries: list[EntryView]
    behaviours: list[tuple[str, str]]   # (id, text) of the behaviours linked
    expected: int                       # behaviours expected at the target


@dataclass
class PersonRef:
    id: str
    name: str
    anchor: str
    relations: list[str]


@dataclass
class PortfolioContext:
    project: Project
    portfolio: Portfolio
    readiness: Readiness
    framework_name: str
    language: str
    track_name: str
    level_title: str
    target_title: str
    chart: Markup
    domains: list[tuple[str, str, int, int]]  # (id, name, met, required)
    gaps: list[NextStep]
    steps: list[NextStep]
    rows: list[MilestoneRow]
    competency_rows: list[CompetencyRow]
    entries: list[EntryView]
    other_entries: list[EntryView]
    reflections: list[EntryView]
    recognition: list[tuple[str, str]]  # (what, anchor)
    people: list[PersonRef]
    provenance: bool
    verified_roles: list[str]  # feedback roles that count only when verified, under the framework's policy
    files: list[str]  # files of the person's folder the page links to, to copy beside it
    created: str
    benchmark: Benchmark | None = None  # against the anonymous cohort, when it is large enough
    plan: PlanProgress | None = None  # plan.yml against progress, when the person keeps one

    @property
    def person(self) -> str:
        return self.portfolio.profile.name

    @property
    def feedback_count(self) -> int:
        return len(self.all_feedback)

    @property
    def all_feedback(self) -> list[FeedbackView]:
        return [f for e in self.entries for f in e.feedback]


def build_context(project: Project, portfolio: Portfolio, history: dict[Path, Commit] | None,
                  cohorts: Cohorts | None = None) -> PortfolioContext:
    """The template context of one portfolio; `history` is None without git.

    `cohorts` shares the peer benchmarks' work between the portfolios of one build.
    """
    view = view_for_version(project, portfolio.profile.framework)  # the release the profile is pinned to
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
    commit = read_last_commit(project.root, portfolio.folder / "plan.yml")
    email = project.email_of(progress.plan.agreed_with or "")
    progress.last_committed_by = commit.author if commit else ""
    progress.agreed_verified = bool(commit and email and commit.email.strip().lower() == email.strip().lower())


class _Builder:
    def __init__(self, project: Project, portfolio: Portfolio, readiness: Readiness,
                 history: dict[Path, Commit] | None) -> None:
        self.project, self.portfolio, self.readiness, self.history = project, portfolio, readiness, history
        self.provenance = verify_portfolio(project, portfolio)
        self.trust = trust_of(project, portfolio)
        self.files: set[str] = set()
        self.people: dict[str, set[str]] = {}
        track = project.track(portfolio.profile.track)
        assert track is not None
        self.track = track
        self.titles = {f"{track.id}/{m.id}": m.title for m in track.milestones()}
        self.entries = [self.entry_view(e) for e in sorted(portfolio.entries, key=lambda e: (e.meta.date, e.id))]
        self.by_id = {e.id: e for e in self.entries}

    def person(self, person_id: str, relation: str) -> tuple[str, str]:
        self.people.setdefault(person_id, set()).add(relation)
        return self.project.name_of(person_id), anchor("person", person_id)

    def build(self) -> PortfolioContext:
        project, profile, readiness = self.project, self.portfolio.profile, self.readiness
        for relation in ("manager", "mentor", "sponsor"):
            if getattr(profile, relation):
                self.person(getattr(profile, relation), relation)
        framework = project.framework
        assert framework is not None
        rows = [self.row(r) for r in readiness.milestones]
        names = {d.id: d.name for d in framework.domains}
        domains = [(d, names.get(d, d), v["met"], v["required"]) for d, v in readiness.domains.items()]
        if not readiness.milestones:  # assessed on competencies: chart their coverage by domain
            domains = [(d.id, d.name, sum(1 for r in mine if r.status == "evidenced"), len(mine))
                       for d in framework.domains if (mine := [r for r in readiness.competencies if r.domain == d.id])]
        steps = next_steps(readiness)
        competency_rows = [self.competency_row(r) for r in readiness.competencies]
        shown = {e.id for r in rows for e in r.entries} | {e.id for r in competency_rows for e in r.entries}
        shown -= {e.id for e in self.entries if e.kind == "feedback"}  # shown with their milestone or role
        levels = {lv.level: lv.title for lv in self.track.levels}
        return PortfolioContext(
            project=project, portfolio=self.portfolio, readiness=readiness, framework_name=framework.name,
            language=project.config.language, track_name=self.track.name,
            level_title=levels.get(profile.level, profile.level),
            target_title=levels.get(profile.target, profile.target),
            chart=render_domain_chart(domains), domains=domains, gaps=steps[:3], steps=steps, rows=rows,
            competency_rows=competency_rows,
            entries=self.entries,
            other_entries=[e for e in self.entries if e.id not in shown and e.kind != "feedback"],
            reflections=[e for e in self.entries if e.kind == "reflection"],
            recognition=self.recognition(rows), people=self.people_refs(), provenance=self.history is not None,
            verified_roles=[r for r in ROLES if r in self.trust.roles],
            files=sorted(self.files), created=created_stamp(project.as_of))

    def row(self, result: MilestoneResult) -> MilestoneRow:
        m = result.milestone
        entries = [self.by_id[i] for i in result.evidence]
        feedback = [f for i in result.entries for f in self.by_id[i].feedback]
        present = {f.role for f in feedback}
        by_role = [(role, [f for f in feedback if f.role == role]) for role in ROLES if role in present]
        waiver_by = self.person(result.waiver.approved_by, "approved a waiver") if result.waiver else None
        counted = set(result.entries)
        stale = [e for e in self.entries if result.ref in {r for r, _, _ in e.milestones} and e.id not in counted]
        assert self.project.framework is not None
        domain = next((d.name for d in self.project.framework.domains if d.id == m.domain), m.domain)
        return MilestoneRow(result=result, anchor=anchor("milestone", result.ref), domain=domain, entries=entries,
                            roles_present=[r for r in ROLES if r in present],
                            roles_missing=[r for r in m.evidence.feedback if r not in present],
                            feedback_by_role=by_role, waiver_by=waiver_by, not_counted=stale,
                            needs=[needs_sentence(result, code, [e.date for e in entries]) for code in result.missing],
                            evidence_count=evidence_count(len(entries), m.evidence.entries),
                            waiver_verification=self.waiver_verification(result))

    def waiver_verification(self, result: MilestoneResult) -> Verification | None:
        waivers = self.portfolio.profile.waivers
        index = next((i for i, w in enumerate(waivers) if w is result.waiver), None)
        return None if index is None else self.provenance.waivers.get(index, UNAVAILABLE)

    def competency_row(self, result: CompetencyResult) -> CompetencyRow:
        texts = {b.id: b.text for b in result.expected if b.id}
        assert self.project.framework is not None
        domain = next((d.name for d in self.project.framework.domains if d.id == result.domain), result.domain)
        return CompetencyRow(result=result, anchor=anchor("competency", result.id), domain=domain,
                             entries=[self.by_id[i] for i in result.entries if i in self.by_id],
                             behaviours=[(b, texts.get(b, b)) for b in result.behaviours],
                             expected=len(result.expected))

    def entry_view(self, loaded: LoadedEntry) -> EntryView:
        display = display_path(loaded.file, self.project.root)
        try:
            body = render_markdown(loaded.body, untrusted=True)
        except MarkdownRefused as exc:
            raise UnrenderableEntry(display, Position(loaded.body_line + exc.line - 1, 1), exc) from exc
        texts = []
        for item in loaded.meta.feedback:
            try:
                texts.append(render_markdown(item.text, untrusted=True, inline=True))
            except MarkdownRefused as exc:
                raise UnrenderableEntry(display, item.pos("text"), exc) from exc
        return self._entry_view(loaded, body, texts)

    def _entry_view(self, loaded: LoadedEntry, body: Markup, texts: list[Markup]) -> EntryView:
        meta, folder = loaded.meta, self.portfolio.folder
        commit = self.history.get(loaded.file.resolve()) if self.history is not None else None
        self.files.update(f for ref in URL_ATTR_RE.findall(body) if (f := local_file(folder, ref)))
        self.files -= reserved_names(self.portfolio.id)
        view = EntryView(
            id=loaded.id, anchor=anchor("entry", loaded.id), title=meta.title, date=meta.date, kind=meta.kind,
            body=body if meta.kind != "feedback" else Markup(""),
            milestones=[(r, self.titles.get(r, r), anchor("milestone", r)) for r in meta.milestones],
            metrics=sorted(meta.metrics.items()), artifacts=[self.artifact(a) for a in meta.artifacts],
            feedback=[], counts=True, not_counted=self.not_counted(meta.date), commit=commit)
        view.counts = view.not_counted is None
        rows = {r.id for r in self.readiness.competencies}
        for ref in [*meta.competencies, *meta.behaviours]:
            cid = ref.partition("@")[0].partition("/")[0]
            view.competencies.append((ref, anchor("competency", cid) if cid in rows else None))
        if meta.kind == "feedback" and meta.from_ and meta.role:
            item = self.feedback(view, 0, meta.from_, meta.role, body, meta.verdict)
            item.anchor = view.anchor  # the feedback item is the whole entry
            view.feedback.append(item)
            view.verified = view.feedback[0].verified
        for n, (item, text) in enumerate(zip(meta.feedback, texts, strict=True), start=len(view.feedback)):
            view.feedback.append(self.feedback(view, n, item.from_, item.role, text, item.verdict))
        if meta.kind == "feedback" and view.feedback:  # the entry is the feedback: say what git shows of it
            view.provenance = view.feedback[0].provenance
        else:
            view.provenance = provenance_sentence(self.history is not None, commit, None)
        return view

    def feedback(self, entry: EntryView, n: int, giver: str, role: str, text: Markup,
                 verdict: str | None) -> FeedbackView:
        name, _ = self.person(giver, f"{role} feedback")
        verification = self.provenance.feedback.get((entry.id, n), UNAVAILABLE)
        counts = self.trust.counts(entry.id, n, role)
        return FeedbackView(anchor=f"{entry.anchor}-feedback-{n}", giver=giver, giver_name=name, role=role,
                            text=text, verdict=verdict, date=entry.date, entry_id=entry.id,
                            entry_anchor=entry.anchor, entry_title=entry.title, commit=entry.commit,
                            verification=verification, counts=counts,
                            provenance=feedback_provenance(self.history is not None, entry.commit, verification,
                                                           counts))

    def not_counted(self, date: dt.date) -> str | None:
        assert self.project.framework is not None
        as_of, max_age = self.project.as_of, self.project.framework.readiness.evidence_max_age
        if date > as_of:
            return "dated after the as-of date"
        if date < as_of - dt.timedelta(days=duration_days(max_age)):
            return f"older than {max_age}"
        return None

    def artifact(self, ref: str) -> Artifact:
        image = PurePosixPath(ref.split("?", 1)[0]).suffix.lower() in IMAGE_SUFFIXES
        if ref.startswith("https://") or ref.startswith("http://"):
            return Artifact(ref, ref, False, artifact_caption(ref))
        path = local_file(self.portfolio.folder, ref)
        if path in reserved_names(self.portfolio.id):
            path = None
        if path:
            self.files.add(path)
        return Artifact(ref, path, image and path is not None, artifact_caption(ref))

    def recognition(self, rows: list[MilestoneRow]) -> list[tuple[str, str]]:
        earned = [(f"{r.result.milestone.recognition} ({r.result.milestone.title})", r.anchor)
                  for r in rows if r.result.status == "met" and r.result.milestone.recognition]
        earned += [(e.title, e.anchor) for e in self.entries if e.kind == "recognition"]
        return earned

    def people_refs(self) -> list[PersonRef]:
        return [PersonRef(pid, self.project.name_of(pid), anchor("person", pid), sorted(rel))
                for pid, rel in sorted(self.people.items())]


def feedback_provenance(available: bool, commit: Commit | None, verification: Verification, counts: bool) -> str:
    """Who added a feedback item and what git shows of its giver, in plain words."""
    if not available or verification.status == "unavailable":
        return "provenance unavailable (not in a git repository)"
    added = f"added by {commit.author} on {commit.date.isoformat()}, commit {commit.short}" if commit \
        else "not committed yet"
    detail = "" if verification.status == "self-declared" else f": {verification.reason}"
    return f"{added} ({verification.status}{detail})" + ("" if counts else "; it does not count: not verified")


def created_stamp(as_of: dt.date) -> str:
    """PDF creation date: SOURCE_DATE_EPOCH when set, else midnight UTC of the as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    else:
        moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
