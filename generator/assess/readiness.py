"""Readiness rules of the spec, as plain functions over models and a date (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.model.framework import CONFIRMING_ROLES, Framework
from generator.model.portfolio import Entry, Profile, Waiver
from generator.model.track import Milestone, Track
from generator.model.types import VERDICT_ROLES, duration_days, meets_target

if TYPE_CHECKING:
    from generator.link.competencies import Behaviour, ResolvedCompetency

STATUSES = ("met", "waived", "in_progress", "overdue", "not_started")
RESOLVED = ("met", "waived")


@dataclass(frozen=True)
class FeedbackGiven:
    """One feedback item: a `feedback:` list item or a `kind: feedback` entry."""

    entry: str
    date: dt.date
    giver: str
    role: str
    text: str
    verdict: str | None
    index: int = 0          # position in its entry: the kind: feedback entry first, then its feedback list
    counts: bool = True     # False when the policy needs verification and the item is not verified
    sealed: bool = False    # sealed feedback nobody here could open: its giver and role count, its verdict is unknown
    unverifiable: bool = False  # the clone's history is cut short: who committed it cannot be told here


@dataclass
class MilestoneResult:
    ref: str
    milestone: Milestone
    status: str
    missing: list[str]
    entries: list[str]
    evidence: list[str]
    feedback: list[FeedbackGiven]
    measured: float | None
    deadline: dt.date | None
    days_left: int | None
    waiver: Waiver | None = None
    waiver_counts: bool = True
    measured_confirmed: bool = False  # trusted feedback links the entry that reports `measured`

    @property
    def self_reported(self) -> bool:
        """A measure only the learner's own entry reports: shown as such, the verdict rules unchanged."""
        return self.measured is not None and not self.measured_confirmed

    @property
    def sealed(self) -> int:
        """Feedback items whose verdict is sealed from whoever assessed it."""
        return sum(1 for f in self.feedback if f.sealed)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.ref, "status": self.status, "missing": self.missing, "entries": self.entries,
                "title": self.milestone.title, "domain": self.milestone.domain,
                "deadline": self.deadline.isoformat() if self.deadline else None, "days_left": self.days_left,
                "sealed": self.sealed}


@dataclass
class CompetencyResult:
    """One competency of the track expected at the target level: evidenced, claimed or missing.

    Evidenced: an evidence entry links it and trusted feedback confirms it; claimed: only one of
    the two (what the learner says alone, or feedback without evidence); missing: neither.
    """

    id: str
    name: str
    domain: str
    status: str                       # evidenced | claimed | missing
    behaviours: list[str]             # expected behaviour ids linked by counting entries
    entries: list[str]                # counting entries linked to it
    expected: list[Behaviour]
    confirmed: list[str] = field(default_factory=list)   # expected behaviour ids confirmed by trusted feedback
    confirmed_by: list[str] = field(default_factory=list)  # givers whose feedback confirms it

    @property
    def expected_ids(self) -> list[str]:
        return [b.id for b in self.expected if b.id]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "behaviours": self.behaviours, "entries": self.entries,
                "name": self.name, "domain": self.domain, "confirmed_behaviours": len(self.confirmed),
                "expected_behaviours": len(self.expected_ids)}


@dataclass
class Readiness:
    person: str
    track: str
    level: str
    target: str
    framework: str
    as_of: dt.date
    status: str
    domains: dict[str, dict[str, int]]
    milestones: list[MilestoneResult] = field(default_factory=list)
    competencies: list[CompetencyResult] = field(default_factory=list)
    coverage_needed: float = 0.0

    @property
    def coverage(self) -> dict[str, int]:
        """Competencies by status; `needed_percent` 0 means they inform and do not decide the status."""
        return {"evidenced": sum(1 for c in self.competencies if c.status == "evidenced"),
                "claimed": sum(1 for c in self.competencies if c.status == "claimed"),
                "required": len(self.competencies), "needed_percent": round(self.coverage_needed * 100)}

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for m in self.milestones if m.status == s) for s in STATUSES}

    @property
    def sealed(self) -> int:
        return sum(m.sealed for m in self.milestones)

    @property
    def complete(self) -> bool:
        """False when some feedback was sealed from whoever assessed it, so the result may change with it open."""
        return self.sealed == 0

    def as_json(self) -> dict[str, Any]:
        return {"person": self.person, "track": self.track, "level": self.level, "target": self.target,
                "framework": self.framework, "as_of": self.as_of.isoformat(), "status": self.status,
                "domains": self.domains, "milestones": [m.as_json() for m in self.milestones],
                "competencies": [c.as_json() for c in self.competencies], "coverage": self.coverage,
                "counts": self.counts(), "complete": self.complete}


def counting_entries(entries: Sequence[tuple[str, Entry]], as_of: dt.date,
                     max_age: str) -> list[tuple[str, Entry]]:
    """Entries dated neither after `as_of` nor older than `max_age` before it, oldest first."""
    oldest = as_of - dt.timedelta(days=duration_days(max_age))
    return sorted(((i, e) for i, e in entries if oldest <= e.date <= as_of), key=lambda ie: (ie[1].date, ie[0]))


@dataclass(frozen=True)
class Trust:
    """Verification facts from outside (git), as data: which feedback items and waivers are verified.

    `verified` holds (entry id, index) keys, `waivers` milestone refs; None means no facts
    were given and everything counts. `roles` are the feedback roles the policy verifies.
    `refused` items and waivers never count, whatever the policy: their giver or approver
    does not hold the role they claim. `sealed` names the kind: feedback entries whose
    sealed content was not opened: they count by their giver and role, never by a verdict.
    """

    roles: frozenset[str] = frozenset()
    verified: frozenset[tuple[str, int]] | None = None
    waivers: frozenset[str] | None = None
    refused: frozenset[tuple[str, int]] = frozenset()
    refused_waivers: frozenset[str] = frozenset()
    sealed: frozenset[str] = frozenset()
    unverifiable: frozenset[tuple[str, int]] = frozenset()  # blamed on a shallow clone's cut-off commit

    def counts(self, entry: str, index: int, role: str) -> bool:
        if (entry, index) in self.refused:
            return False
        return self.verified is None or role not in self.roles or (entry, index) in self.verified

    def confirms(self, entry: str, index: int) -> bool:
        """Whether this feedback item may confirm a competency: verified, whatever its role, unless no facts
        were asked for (a framework with `verified_feedback_only: false`)."""
        if (entry, index) in self.refused or entry in self.sealed:
            return False
        return self.verified is None or (entry, index) in self.verified

    def waiver_counts(self, ref: str) -> bool:
        if ref in self.refused_waivers:
            return False
        return self.waivers is None or not self.roles or ref in self.waivers


def feedback_items(linked: Sequence[tuple[str, Entry]], bodies: dict[str, str],
                   trust: Trust = Trust()) -> list[FeedbackGiven]:
    items: list[FeedbackGiven] = []
    for entry_id, entry in linked:
        closed = entry_id in trust.sealed
        given = [(entry.from_, entry.role, "" if closed else bodies.get(entry_id, ""),
                  None if closed else entry.verdict, closed)] \
            if entry.kind == "feedback" and entry.from_ and entry.role else []
        given += [(f.from_, f.role, f.text, f.verdict, False) for f in entry.feedback]
        items.extend(FeedbackGiven(entry_id, entry.date, giver, role, text, verdict, n,
                                   trust.counts(entry_id, n, role), sealed, (entry_id, n) in trust.unverifiable)
                     for n, (giver, role, text, verdict, sealed) in enumerate(given))
    return items


def missing_codes(milestone: Milestone, evidence: Sequence[Entry], items: Sequence[FeedbackGiven]) -> list[str]:
    items = [i for i in items if i.counts]
    need, criterion = milestone.evidence, milestone.criterion
    missing: list[str] = []
    if len(evidence) < need.entries:
        missing.append("entries")
    if criterion.metric and criterion.target:
        metric, target = criterion.metric, criterion.target
        met = any(metric in e.metrics and meets_target(e.metrics[metric], target) for e in evidence)
    else:
        met = any(i.role in VERDICT_ROLES and i.verdict == "met" for i in items)
    if not met:
        missing.append("criterion")
    roles = {i.role for i in items}
    missing.extend(f"feedback:{role}" for role in need.feedback if role not in roles)
    dates = sorted({e.date for e in evidence})
    if need.occurrences > 1 and len(dates) < need.occurrences:
        missing.append("occurrences")
    if need.spread_days > 0 and (not dates or (dates[-1] - dates[0]).days < need.spread_days):
        missing.append("spread")
    return missing


def best_measure(milestone: Milestone, evidence: Sequence[Entry]) -> float | None:
    """The measured value closest to passing (the latest passing one, else the latest)."""
    metric, target = milestone.criterion.metric, milestone.criterion.target
    if not metric or not target:
        return None
    values = [e.metrics[metric] for e in evidence if metric in e.metrics]
    passing = [v for v in values if meets_target(v, target)]
    chosen = passing or values
    return chosen[-1] if chosen else None


def _measure_confirmed(milestone: Milestone, linked: Sequence[tuple[str, Entry]], trust: Trust,
                       confirming: frozenset[str]) -> bool:
    """Whether trusted feedback links an entry that reports the milestone's metric: a feedback item
    inside it, or a kind: feedback entry on the same milestone."""
    metric = milestone.criterion.metric
    if not metric:
        return False
    reporting = [(i, e) for i, e in linked if metric in e.metrics]
    feedback_entries = [(i, e) for i, e in linked if e.kind == "feedback"]
    return bool(confirmations([*reporting, *feedback_entries], confirming, trust))


def assess_milestone(ref: str, milestone: Milestone, profile: Profile, counting: Sequence[tuple[str, Entry]],
                     bodies: dict[str, str], as_of: dt.date, trust: Trust = Trust(),
                     confirming: frozenset[str] = frozenset()) -> MilestoneResult:
    linked = [(i, e) for i, e in counting if ref in e.milestones]
    evidence = [e for _, e in linked if e.kind != "feedback"]
    items = feedback_items(linked, bodies, trust)
    missing = missing_codes(milestone, evidence, items)
    deadline = profile.since + dt.timedelta(days=milestone.horizon_days) if milestone.horizon_days else None
    waiver = next((w for w in profile.waivers if w.milestone == ref), None)
    waiver_counts = waiver is not None and trust.waiver_counts(ref)
    if waiver and waiver_counts:
        status, missing = "waived", []
    elif not missing:
        status = "met"
    elif deadline and deadline < as_of:
        status = "overdue"
    elif evidence or items:
        status = "in_progress"
    else:
        status = "not_started"
    return MilestoneResult(
        ref=ref, milestone=milestone, status=status, missing=missing, entries=[i for i, _ in linked],
        evidence=[i for i, e in linked if e.kind != "feedback"], feedback=items,
        measured=best_measure(milestone, evidence), deadline=deadline,
        days_left=(deadline - as_of).days if deadline else None, waiver=waiver, waiver_counts=waiver_counts,
        measured_confirmed=_measure_confirmed(milestone, linked, trust, confirming))


def overall_status(results: Sequence[MilestoneResult], on_track_ratio: float,
                   competencies: Sequence[CompetencyResult] = (), coverage_needed: float = 0.0) -> str:
    """The milestone rules; `ready` also needs the evidenced share of competencies.

    Without milestones the competencies alone decide, and nothing to assess is never ready.
    """
    evidenced = sum(1 for c in competencies if c.status == "evidenced")
    share = evidenced / len(competencies) if competencies else 1.0
    if not results:
        if not competencies:
            return "not_yet"
        if share >= coverage_needed:
            return "ready"
        return "on_track" if share >= on_track_ratio else "not_yet"
    resolved = sum(1 for r in results if r.status in RESOLVED)
    overdue = any(r.status == "overdue" for r in results)
    if resolved == len(results):
        return "ready" if share >= coverage_needed else "on_track"
    if resolved / len(results) >= on_track_ratio and not overdue:
        return "on_track"
    return "not_yet"


@dataclass(frozen=True)
class Confirmation:
    """The framework's rule for a competency to count: who may confirm it, and how deeply."""

    roles: frozenset[str] = frozenset()  # empty: the earlier rule, any evidence entry that links it
    behaviour_coverage: float = 0.0


def _linked_behaviours(refs: Sequence[str], names: Sequence[str], expected: set[str]) -> list[str]:
    """The expected behaviour ids among `competency/behaviour` refs; others evidence nothing."""
    found = []
    for ref in refs:
        owner, _, behaviour = ref.partition("/")
        if owner in names and behaviour in expected and behaviour not in found:
            found.append(behaviour)
    return found


def confirmations(entries: Sequence[tuple[str, Entry]], roles: frozenset[str], trust: Trust) -> list[FeedbackGiven]:
    """The feedback items of `entries` that confirm: a trusted role, verified, not a not_yet verdict."""
    return [item for item in feedback_items(entries, {}, trust)
            if item.role in roles and item.verdict != "not_yet" and trust.confirms(item.entry, item.index)]


def assess_competencies(competencies: Sequence[ResolvedCompetency], target: str,
                        counting: Sequence[tuple[str, Entry]],
                        milestone_competencies: dict[str, set[str]] | None = None,
                        rule: Confirmation = Confirmation(), trust: Trust = Trust()) -> list[CompetencyResult]:
    """One row per competency with behaviours expected at `target`.

    An entry links a competency by its id (bare or at the target), by one of its *expected*
    behaviour ids, or by a milestone (`milestone_competencies`: ref → competency ids) that lists
    it. Under a confirmation rule, evidence means an entry of a kind other than feedback and
    reflection, and confirmation a trusted feedback item that links it (a kind: feedback entry,
    or an item inside the evidence entry) and does not say not_yet.
    """
    by_milestone = milestone_competencies or {}
    rows = []
    for comp in competencies:
        expected = comp.expected_at(target)
        if not expected:
            continue
        names = [comp.id, *comp.parents]
        direct_refs = {*names, *(f"{n}@{target}" for n in names)}
        expected_ids = {b.id for b in expected if b.id}
        entries: list[str] = []
        behaviours: list[str] = []
        shown: list[str] = []  # behaviours linked by evidence (not feedback)
        confirmed: list[str] = []
        givers: list[str] = []
        evidenced = claimed = confirmed_any = False
        for entry_id, entry in counting:
            found = _linked_behaviours(entry.behaviours, names, expected_ids)
            linked = (bool(found) or any(ref in direct_refs for ref in entry.competencies)
                      or (entry.kind != "feedback"  # feedback confirms what it names itself
                          and any(names[0] in by_milestone.get(ref, ()) for ref in entry.milestones)))
            if not linked:
                continue
            entries.append(entry_id)
            behaviours += [b for b in found if b not in behaviours]
            if entry.kind != "feedback":
                claimed = True
                if not rule.roles or entry.kind != "reflection":
                    evidenced = True
                    shown += [b for b in found if b not in shown]
            trusted = confirmations([(entry_id, entry)], rule.roles, trust)
            if trusted:
                confirmed_any = True
                confirmed += [b for b in found if b not in confirmed]
                givers += [item.giver for item in trusted if item.giver not in givers]
        if rule.roles:
            # a behaviour is confirmed when trusted feedback names it and evidence links it too
            confirmed = [b for b in confirmed if b in shown]
            deep = (not rule.behaviour_coverage
                    or len(confirmed) >= rule.behaviour_coverage * len(expected_ids) > 0)
            status = ("evidenced" if evidenced and confirmed_any and deep
                      else "claimed" if claimed or confirmed_any else "missing")
        else:
            status = "evidenced" if evidenced else "missing"
        rows.append(CompetencyResult(comp.id, comp.name, comp.domain, status, behaviours, entries, expected,
                                     confirmed, givers))
    return rows


def assess_readiness(framework: Framework, track: Track, person: str, profile: Profile,
                     entries: Sequence[tuple[str, Entry]], as_of: dt.date,
                     bodies: dict[str, str] | None = None,
                     competencies: Sequence[ResolvedCompetency] = (), trust: Trust = Trust()) -> Readiness:
    """Readiness of one person at `as_of`, following the spec's rules exactly.

    `competencies` are the track's (resolved); those expected at the target add coverage rows.
    Feedback of the roles in `trust.roles`, and waivers, count only when `trust` says they
    are verified (facts from git, passed in as data: this function does no I/O).
    """
    level = track.level(profile.target)
    counting = counting_entries(entries, as_of, framework.readiness.evidence_max_age)
    confirming = frozenset(framework.readiness.competency_confirmation or CONFIRMING_ROLES)
    results = [assess_milestone(f"{track.id}/{m.id}", m, profile, counting, bodies or {}, as_of, trust, confirming)
               for m in (level.milestones if level else [])]
    domains = {}
    for domain in framework.domains:
        mine = [r for r in results if r.milestone.domain == domain.id]
        if mine:
            domains[domain.id] = {"met": sum(1 for r in mine if r.status in RESOLVED), "required": len(mine)}
    policy = framework.readiness
    by_milestone = {r.ref: set(r.milestone.competencies) for r in results}
    rule = Confirmation(frozenset(policy.competency_confirmation), policy.behaviour_coverage)
    rows = assess_competencies(competencies, profile.target, counting, by_milestone, rule, trust)
    needed = framework.readiness.coverage_needed(bool(results))
    return Readiness(person=person, track=track.id, level=profile.level, target=profile.target,
                     framework=framework.version, as_of=as_of,
                     status=overall_status(results, framework.readiness.on_track_ratio, rows, needed),
                     domains=domains, milestones=results, competencies=rows, coverage_needed=needed)
