"""A manager's team view: who in their reporting line needs what, as plain data (no I/O).

The reporting line is everyone whose chain of `manager` keys (profiles and people.yml)
leads to the manager; nobody else is ever part of a view.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.assess.portfolio import best_so_far
from generator.assess.readiness import RESOLVED, MilestoneResult, Readiness
from generator.link.project import Project

DUE_WINDOWS = (30, 90)
STALE_DAYS = 90
OVERALL = ("ready", "on_track", "not_yet")


def managers(project: Project) -> dict[str, str]:
    """Person id → their manager's id, from profiles and people.yml."""
    found = {p.id: p.manager for p in project.people if p.manager}
    found.update({p.id: p.profile.manager for p in project.portfolios if p.profile.manager})
    return found


def manager_ids(project: Project) -> list[str]:
    """Everyone who manages someone, sorted."""
    return sorted(set(managers(project).values()))


def direct_reports(project: Project, manager: str) -> list[str]:
    return sorted(person for person, boss in managers(project).items() if boss == manager)


def reporting_line(project: Project, manager: str) -> list[str]:
    """Everyone below `manager`, breadth first (a cycle in the data stops at people already seen)."""
    reports: dict[str, list[str]] = {}
    for person, boss in sorted(managers(project).items()):  # once, not once a person of the line
        reports.setdefault(boss, []).append(person)
    line: list[str] = []
    seen = {manager}
    queue = deque(reports.get(manager, []))
    while queue:
        person = queue.popleft()
        if person in seen:
            continue
        seen.add(person)
        line.append(person)
        queue.extend(reports.get(person, []))
    return line


@dataclass(frozen=True)
class DueItem:
    """One open milestone of one person, with when it is due."""

    person: str
    ref: str
    title: str
    status: str
    deadline: dt.date | None
    days_left: int | None
    horizon: str | None
    cadence: str
    missing: tuple[str, ...]
    by_verdict: bool = False  # its criterion is a 'met' verdict, not a measured value
    measured: str = ""  # a measured criterion in words: "coverage ≥ 80 % (best so far: 62 %)"

    def as_json(self) -> dict[str, Any]:
        return {"person": self.person, "milestone": self.ref, "title": self.title, "status": self.status,
                "deadline": self.deadline.isoformat() if self.deadline else None, "days_left": self.days_left,
                "horizon": self.horizon, "cadence": self.cadence, "missing": list(self.missing)}


def due_item(person: str, result: MilestoneResult) -> DueItem:
    m = result.milestone
    measured = f"{m.criterion.rule()} ({best_so_far(result) or 'nothing measured yet'})" if m.criterion.metric else ""
    return DueItem(person, result.ref, m.title, result.status, result.deadline, result.days_left, m.horizon,
                   m.cadence, tuple(result.missing), by_verdict=not m.criterion.metric, measured=measured)


def waiting_on_manager(result: MilestoneResult) -> bool:
    """The evidence is in and only a manager's feedback or verdict can move it further."""
    if result.status in RESOLVED or {"entries", "occurrences", "spread"} & set(result.missing):
        return False
    by_verdict = not result.milestone.criterion.metric  # a manager's 'met' verdict meets the criterion
    return "feedback:manager" in result.missing or (by_verdict and "criterion" in result.missing)


@dataclass
class Member:
    """One person of the reporting line who keeps a portfolio."""

    id: str
    name: str
    manager: str
    track: str
    level: str
    target: str
    status: str
    resolved: int
    required: int
    last_entry: dt.date | None
    stale: bool
    overdue: list[DueItem]
    due: dict[int, list[DueItem]]  # window in days → open milestones due within it
    owed: list[DueItem]  # waiting on a manager's verdict or feedback
    domains: dict[str, dict[str, int]]
    coverage: dict[str, int] | None  # competencies evidenced / required, when readiness assesses them
    sealed: int = 0  # verdicts sealed from whoever assessed them
    level_tag: str = ""   # how the track names the levels: its labels, else the ids
    target_tag: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "manager": self.manager, "track": self.track,
                "level": self.level, "target": self.target, "status": self.status,
                "resolved": self.resolved, "required": self.required,
                "last_entry": self.last_entry.isoformat() if self.last_entry else None, "stale": self.stale,
                "overdue": [d.as_json() for d in self.overdue],
                "due": {f"{days}d": [d.as_json() for d in items] for days, items in self.due.items()},
                "feedback_owed": [d.as_json() for d in self.owed], "domains": self.domains,
                "coverage": self.coverage, "sealed": self.sealed}


@dataclass
class TeamRollup:
    """One team under a manager of managers: a direct report who leads people, or the manager's own."""

    lead: str
    lead_name: str
    people: int
    statuses: dict[str, int]
    overdue: int
    stale: int
    due_30: int
    owed: int

    def as_json(self) -> dict[str, Any]:
        return {"lead": self.lead, "lead_name": self.lead_name, "people": self.people, "statuses": self.statuses,
                "overdue": self.overdue, "stale": self.stale, "due_30": self.due_30, "feedback_owed": self.owed}


@dataclass
class TeamView:
    manager: str
    manager_name: str
    as_of: dt.date
    members: list[Member]
    teams: list[TeamRollup] = field(default_factory=list)

    @property
    def direct(self) -> list[Member]:
        return [m for m in self.members if m.manager == self.manager]

    @property
    def owed(self) -> list[DueItem]:
        """What this manager owes: verdicts and feedback for their direct reports."""
        return [d for m in self.direct for d in m.owed]

    def due(self, days: int) -> list[DueItem]:
        return [d for m in self.members for d in m.due[days]]

    @property
    def overdue(self) -> list[DueItem]:
        return [d for m in self.members for d in m.overdue]

    @property
    def stale(self) -> list[Member]:
        return [m for m in self.members if m.stale]

    def as_json(self) -> dict[str, Any]:
        return {"manager": self.manager, "manager_name": self.manager_name, "as_of": self.as_of.isoformat(),
                "people": [m.as_json() for m in self.members], "teams": [t.as_json() for t in self.teams],
                "feedback_owed": [d.as_json() for d in self.owed]}


def coverage_of(readiness: Readiness) -> dict[str, int] | None:
    """Competencies evidenced of those expected at the target; None when the track expects none."""
    return readiness.coverage if readiness.competencies else None


def assess_member(project: Project, person: str, manager: str, readiness: Readiness) -> Member:
    portfolio = project.portfolio(person)
    assert portfolio is not None
    as_of = readiness.as_of
    dates = [e.meta.date for e in portfolio.entries if e.meta.date <= as_of]
    last = max(dates, default=None)
    open_ = [r for r in readiness.milestones if r.status not in RESOLVED]
    track = project.track(readiness.track)
    due = {days: [due_item(person, r) for r in open_ if r.days_left is not None and 0 <= r.days_left <= days]
           for days in DUE_WINDOWS}
    return Member(
        id=person, name=portfolio.profile.name, manager=manager, track=readiness.track, level=readiness.level,
        target=readiness.target, status=readiness.status,
        resolved=sum(1 for r in readiness.milestones if r.status in RESOLVED), required=len(readiness.milestones),
        last_entry=last, stale=last is None or (as_of - last).days > STALE_DAYS,
        overdue=[due_item(person, r) for r in open_ if r.status == "overdue"], due=due,
        owed=[due_item(person, r) for r in open_ if waiting_on_manager(r)], domains=readiness.domains,
        coverage=coverage_of(readiness), sealed=readiness.sealed,
        level_tag=track.level_tag(readiness.level) if track else readiness.level,
        target_tag=track.level_tag(readiness.target) if track else readiness.target)


def rollup(project: Project, lead: str, members: list[Member]) -> TeamRollup:
    return TeamRollup(lead=lead, lead_name=project.name_of(lead), people=len(members),
                      statuses={s: sum(1 for m in members if m.status == s) for s in OVERALL},
                      overdue=sum(len(m.overdue) for m in members), stale=sum(1 for m in members if m.stale),
                      due_30=sum(len(m.due[30]) for m in members),
                      owed=sum(len(m.owed) for m in members if m.manager == lead))


def assess_team(project: Project, manager: str, readiness: Mapping[str, Readiness]) -> TeamView:
    """The view of `manager`; `readiness` holds (at least) everyone in their line with a portfolio."""
    bosses = managers(project)
    line = reporting_line(project, manager)
    members = [assess_member(project, p, bosses[p], readiness[p]) for p in line if project.portfolio(p)]
    view = TeamView(manager=manager, manager_name=project.name_of(manager), as_of=project.as_of, members=members)
    leads = [p for p in direct_reports(project, manager) if direct_reports(project, p)]
    if leads:  # a manager of managers: one row for their own reports, one per team below them
        view.teams.append(rollup(project, manager, view.direct))
        for lead in leads:
            below = set(reporting_line(project, lead))
            view.teams.append(rollup(project, lead, [m for m in members if m.id in below]))
    return view
