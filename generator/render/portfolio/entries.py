"""One portfolio's entries and feedback items as views: Markdown rendered, links confined, provenance said.

Each entry is rendered once, in one pass over the entries; whatever all entries share
(the person's folder, the track's titles, the competency rows) is worked out before it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from markupsafe import Markup

from generator.assess.portfolio import trust_of
from generator.assess.readiness import Readiness
from generator.link.project import LoadedEntry, Portfolio, Project
from generator.link.provenance import UNAVAILABLE, Verification, verify_portfolio
from generator.model.track import Criterion
from generator.model.types import duration_days, duration_words
from generator.problems import Position, display_path
from generator.read.git_history import Commit
from generator.render.markdown import MarkdownRefused, render_markdown
from generator.render.portfolio.links import (
    IMAGE_SUFFIXES,
    URL_ATTR_RE,
    anchor,
    inert_links,
    inert_name,
    is_active,
    local_file,
    reserved_names,
)
from generator.render.portfolio.views import Artifact, EntryView, FeedbackView
from generator.render.portfolio.wording import artifact_caption, provenance_sentence

FUTURE = "dated after the as-of date"


def sealed_words(project: Project) -> str:
    from generator.link.sealed import readers_in_words

    return f"Sealed for {readers_in_words(project)}: the verdict and text open only with one of their keys."


class UnrenderableEntry(MarkdownRefused):
    """An entry whose Markdown is refused by the renderer's budget: its portfolio is not built."""

    def __init__(self, path: str, pos: Position, refused: MarkdownRefused) -> None:
        super().__init__(refused.message, refused.hint, pos.line)
        self.path, self.pos = path, pos


class EntryViews:
    """Builds the entry views of one portfolio; remembers the people and files they name."""

    def __init__(self, project: Project, portfolio: Portfolio, readiness: Readiness,
                 history: dict[Path, Commit] | None, titles: dict[str, str]) -> None:
        self.project, self.portfolio, self.history, self.titles = project, portfolio, history, titles
        self.provenance = verify_portfolio(project, portfolio)
        self.trust = trust_of(project, portfolio)
        self.folder = portfolio.folder.resolve()
        self.reserved = reserved_names(portfolio.id)
        self.rows = {r.id for r in readiness.competencies}
        # Names and texts for the competencies and behaviours an entry links, and the words of its metrics.
        self.competency_names = {c.id: c.name or c.id for c in project.competencies} | {
            r.id: r.name for r in readiness.competencies}
        self.behaviour_texts = {key: b.text for r in readiness.competencies for b in r.expected if b.id
                                for key in (b.id, f"{r.id}/{b.id}")}
        own = project.track(portfolio.profile.track)
        self.criteria = {m.criterion.metric: m.criterion for t in [*project.tracks, *([own] if own else [])]
                         for m in t.milestones() if m.criterion.metric}
        framework = project.framework
        assert framework is not None
        self.max_age = framework.readiness.evidence_max_age
        self.oldest = project.as_of - dt.timedelta(days=duration_days(self.max_age))
        self.files: set[str] = set()
        self.people: dict[str, set[str]] = {}
        self.resolved: dict[str, str | None] = {}  # a link's file, checked once a page however often linked

    def person(self, person_id: str, relation: str) -> tuple[str, str]:
        self.people.setdefault(person_id, set()).add(relation)
        return self.project.name_of(person_id), anchor("person", person_id)

    def all(self) -> list[EntryView]:
        """Every entry, oldest first."""
        views = [self.entry_view(e) for e in sorted(self.portfolio.entries, key=lambda e: (e.meta.date, e.id))]
        self.files -= self.reserved
        return views

    def entry_view(self, loaded: LoadedEntry) -> EntryView:
        try:
            body = render_markdown(loaded.opened.text if loaded.opened else loaded.body, untrusted=True)
        except MarkdownRefused as exc:
            raise UnrenderableEntry(self.shown(loaded), Position(loaded.body_line + exc.line - 1, 1), exc) from exc
        texts = []
        for item in loaded.meta.feedback:
            try:
                texts.append(render_markdown(item.text, untrusted=True, inline=True))
            except MarkdownRefused as exc:
                raise UnrenderableEntry(self.shown(loaded), item.pos("text"), exc) from exc
        return self._entry_view(loaded, body, texts)

    def competency_words(self, ref: str) -> str:
        """`code-craft@L3` → "Code craft (at L3)"; `code-craft/reviews` → "Code craft: <behaviour text>"."""
        head, _, level = ref.partition("@")
        cid, _, behaviour = head.partition("/")
        name = self.competency_names.get(cid, cid.replace("-", " "))
        if behaviour:
            return f"{name}: {self.behaviour_texts.get(head) or behaviour.replace('-', ' ')}"
        return f"{name} (at {level})" if level else name

    def metric(self, name: str, value: float) -> tuple[str, str]:
        """A metric of an entry as (words, value with its unit), as the milestone that checks it names it."""
        criterion = self.criteria.get(name) or Criterion(text="", metric=name, target=">= 0")
        return criterion.metric_label[:1].upper() + criterion.metric_label[1:], criterion.amount(value)

    def shown(self, loaded: LoadedEntry) -> str:
        return display_path(loaded.file, self.project.root)

    def _entry_view(self, loaded: LoadedEntry, body: Markup, texts: list[Markup]) -> EntryView:
        meta = loaded.meta
        commit = self.history.get(loaded.file.resolve()) if self.history is not None else None
        self.files.update(f for ref in URL_ATTR_RE.findall(body) if (f := self.local_file(ref)))
        body = Markup(inert_links(body, self.local_file))
        view = EntryView(
            id=loaded.id, anchor=anchor("entry", loaded.id), title=meta.title, date=meta.date, kind=meta.kind,
            body=body if meta.kind != "feedback" else Markup(""),
            milestones=[(r, self.titles.get(r, r), anchor("milestone", r)) for r in meta.milestones],
            metrics=[self.metric(name, value) for name, value in sorted(meta.metrics.items())],
            artifacts=[self.artifact(a) for a in meta.artifacts],
            feedback=[], counts=True, not_counted=self.not_counted(meta.date), commit=commit)
        view.counts = view.not_counted is None
        for ref in [*meta.competencies, *meta.behaviours]:
            cid = ref.partition("@")[0].partition("/")[0]
            view.competencies.append((self.competency_words(ref), anchor("competency", cid) if cid in self.rows
                                      else None))
        if meta.kind == "feedback" and meta.from_ and meta.role:
            verdict = loaded.opened.verdict if loaded.opened else meta.verdict
            if meta.sealed and loaded.opened is None:
                body = Markup("<p>{}</p>").format(sealed_words(self.project))
            item = self.feedback(view, 0, meta.from_, meta.role, body, verdict)
            item.anchor = view.anchor  # the feedback item is the whole entry
            view.feedback.append(item)
            view.verified = view.feedback[0].verified
        for n, (given, text) in enumerate(zip(meta.feedback, texts, strict=True), start=len(view.feedback)):
            view.feedback.append(self.feedback(view, n, given.from_, given.role, text, given.verdict))
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
        if date > self.project.as_of:
            return FUTURE
        if date < self.oldest:
            return f"older than {duration_words(self.max_age)}"
        return None

    def local_file(self, ref: str) -> str | None:
        if ref not in self.resolved:
            self.resolved[ref] = local_file(self.folder, ref)
        return self.resolved[ref]

    def artifact(self, ref: str) -> Artifact:
        image = PurePosixPath(ref.split("?", 1)[0]).suffix.lower() in IMAGE_SUFFIXES
        if ref.startswith("https://") or ref.startswith("http://"):
            return Artifact(ref, ref, False, artifact_caption(ref))
        path = self.local_file(ref)
        if path in self.reserved:
            path = None
        if path is None:
            return Artifact(ref, None, False, artifact_caption(ref))
        self.files.add(path)
        if is_active(path):
            return Artifact(ref, quote(inert_name(path)), False, artifact_caption(ref), PurePosixPath(path).name)
        return Artifact(ref, path, image, artifact_caption(ref))


def feedback_provenance(available: bool, commit: Commit | None, verification: Verification, counts: bool) -> str:
    """Who added a feedback item and what git shows of its giver, in plain words."""
    if not available or verification.status == "unavailable":
        return "provenance unavailable (not in a git repository)"
    added = f"added by {commit.author} on {commit.date.isoformat()}, commit {commit.short}" if commit \
        else "not committed yet"
    detail = "" if verification.status == "self-declared" else f": {verification.reason}"
    return f"{added} ({verification.status}{detail})" + ("" if counts else "; it does not count: not verified")
