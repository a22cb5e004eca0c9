"""What one portfolio page shows, as plain records for the templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.assess.benchmark import Benchmark
from generator.assess.plan import PlanProgress
from generator.assess.portfolio import NextStep
from generator.assess.readiness import CompetencyResult, MilestoneResult, Readiness
from generator.link.project import Portfolio, Project
from generator.link.provenance import Verification
from generator.read.git_history import Commit


@dataclass
class Artifact:
    label: str
    href: str | None  # None when the file is not available
    image: bool
    caption: str = ""  # the file's name in words, for the figure caption and the image's alt text
    download: str | None = None  # an active file's own name: its copy is inert, linked as a download


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
    metrics: list[tuple[str, str]]  # (the metric in words, its value with its unit)
    artifacts: list[Artifact]
    feedback: list[FeedbackView]
    counts: bool
    not_counted: str | None
    commit: Commit | None
    verified: bool | None = None
    provenance: str = ""
    competencies: list[tuple[str, str | None]] = field(default_factory=list)  # (in words, row anchor)


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
    needs: list[str] = field(default_factory=list)  # every missing code in words
    measured: str = ""                              # "efficiency gain ≥ 15 %: measured 19 %", with a metric
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
class DomainGroup:
    """One row of the evidence map: a domain's milestones and competencies, and its share met."""

    name: str
    done: int       # milestones met or waived (competencies evidenced, without milestones)
    required: int
    bar: Markup
    milestones: list[MilestoneRow] = field(default_factory=list)
    competencies: list[CompetencyRow] = field(default_factory=list)


@dataclass
class PersonRef:
    id: str
    name: str
    anchor: str
    relations: list[str]


@dataclass
class PrintSummary:
    """How a long portfolio's PDF is cut down: what counts in full, compactly; every other entry in one line.

    Set only on the copy of the context the PDF is rendered from (see `printed.py`).
    """

    threshold: int                          # the portfolio has more entries than this
    full: int                               # entries printed in full: everything readiness counts
    groups: list[tuple[str, list[EntryView]]]  # why not in full, and those entries oldest first
    kinds: dict[str, int] = field(default_factory=dict)  # summarised entries by kind

    @property
    def summarised(self) -> int:
        return sum(len(entries) for _, entries in self.groups)


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
    level_tag: str      # how the track names the levels: its label, else the level id
    target_tag: str
    verdict: str                              # "Not yet ready for Staff engineer (L5)"
    reasons: list[str]                        # why, in sentences
    domains: list[tuple[str, str, int, int]]  # (id, name, met, required)
    domain_map: list[DomainGroup]             # the evidence map of page one
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
    feedback: list[FeedbackView] = field(default_factory=list)  # the feedback items the page can show in full
    benchmark: Benchmark | None = None  # against the anonymous cohort, when it is large enough
    plan: PlanProgress | None = None  # plan.yml against progress, when the person keeps one
    summary: PrintSummary | None = None  # set when the PDF summarises entries that do not count

    @property
    def person(self) -> str:
        return self.portfolio.profile.name

    @property
    def sealed_sentence(self) -> str:
        """'1 verdict sealed for the committee', when feedback was sealed from whoever built the page."""
        from generator.link.sealed import sealed_sentence

        return sealed_sentence(self.project, self.readiness.sealed)

    @property
    def feedback_count(self) -> int:
        return len(self.all_feedback)

    @property
    def all_feedback(self) -> list[FeedbackView]:
        return [f for e in self.entries for f in e.feedback]
