"""A personal plan against progress: pure functions of the plan, the readiness result and the as-of date."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from generator.assess.readiness import Readiness
from generator.model.plan import CheckIn, Plan

RESOLVED = ("met", "waived", "evidenced")


@dataclass
class PlannedRow:
    kind: str                 # milestone | competency
    ref: str                  # track/milestone or competency id
    title: str
    due: dt.date
    note: str
    status: str               # a readiness status, evidenced/missing, or not_assessed
    entries: list[str]
    missing: list[str]
    late: bool                # due before the as-of date and not resolved

    @property
    def done(self) -> bool:
        return self.status in RESOLVED


@dataclass
class CheckInRow:
    cadence: str
    with_: str
    title: str
    next: dt.date | None      # the next one on or after the as-of date, within the plan


@dataclass
class PlanProgress:
    plan: Plan
    as_of: dt.date
    rows: list[PlannedRow] = field(default_factory=list)
    check_ins: list[CheckInRow] = field(default_factory=list)
    reviews: list[tuple[dt.date, str, bool]] = field(default_factory=list)   # (date, title, past)
    # whether `agreed_with` committed the current plan; None: no git, or nobody named
    agreed_verified: bool | None = None
    last_committed_by: str = ""
    uncommitted_changes: bool = False  # plan.yml differs from its last commit
    history_cut: bool = False  # its last commit is where a shallow clone's history is cut

    @property
    def elapsed(self) -> int:
        """Percent of the period gone at the as-of date."""
        total = (self.plan.ends - self.plan.starts).days or 1
        return max(0, min(100, round(100 * (self.as_of - self.plan.starts).days / total)))

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r.done)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrences(check_in: CheckIn, until: dt.date) -> list[dt.date]:
    """Every date of a check-in series, as the calendar's RRULE repeats it."""
    step = {"weekly": 7, "fortnightly": 14}.get(check_in.cadence)
    months = {"monthly": 1, "quarterly": 3}.get(check_in.cadence, 0)
    days: list[dt.date] = []
    n = 0
    while True:
        day = check_in.first + dt.timedelta(days=step * n) if step else _add_months(check_in.first, months * n)
        if day > until:
            return days
        days.append(day)
        n += 1


def assess_plan(plan: Plan, readiness: Readiness, titles: dict[str, str], manager: str | None) -> PlanProgress:
    """Each planned item with its status now; `titles` names milestones and competencies by reference."""
    as_of = readiness.as_of
    progress = PlanProgress(plan, as_of)
    milestones = {m.ref: m for m in readiness.milestones}
    competencies = {c.id: c for c in readiness.competencies}
    for item in plan.milestones:
        result = milestones.get(item.milestone)
        status = result.status if result else "not_assessed"
        due = item.due or plan.ends
        progress.rows.append(PlannedRow(
            "milestone", item.milestone, titles.get(item.milestone, item.milestone), due, item.note, status,
            result.entries if result else [], result.missing if result else [],
            due < as_of and status not in RESOLVED))
    for comp in plan.competencies:
        found = competencies.get(comp.competency)
        status = found.status if found else "not_assessed"
        due = comp.due or plan.ends
        progress.rows.append(PlannedRow(
            "competency", comp.competency, titles.get(comp.competency, comp.competency), due, comp.note, status,
            found.entries if found else [], [] if status in RESOLVED else ["evidence"],
            due < as_of and status not in RESOLVED))
    for check_in in plan.check_ins:
        upcoming = [d for d in occurrences(check_in, plan.ends) if d >= as_of]
        with_ = check_in.with_ or manager or ""
        progress.check_ins.append(CheckInRow(check_in.cadence, with_, check_in.title or "Check-in",
                                             upcoming[0] if upcoming else None))
    progress.reviews = [(r.date, r.title or "Plan review", r.date < as_of) for r in sorted(plan.reviews,
                                                                                         key=lambda r: r.date)]
    return progress
