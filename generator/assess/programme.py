"""The programme report for the learning team: is the programme working, and which milestones
need recalibrating? Everything is computed from the portfolios at the as-of date; the history
(readiness at each month end, when milestones were met) re-runs the pure readiness rules.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.assess.readiness import FeedbackGiven
from generator.assess.signals import Signal, recalibration_signals, target_milestones
from generator.assess.timeline import Timeline, build_timeline, readiness_at
from generator.link.project import Portfolio, Project
from generator.model.types import KINDS

MONTHS = 24  # month ends shown at most, the latest ones
PARTICIPATION_WINDOWS = (30, 90)
OVERALL = ("ready", "on_track", "not_yet")

# (person id, feedback item) → verified by provenance; None when provenance is unavailable
Verifier = Callable[[str, FeedbackGiven], bool]


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def month_ends(start: dt.date, until: dt.date) -> list[dt.date]:
    """Every month end from `start`'s month up to `until` (inclusive), the latest MONTHS of them."""
    ends, year, month = [], start.year, start.month
    while (end := month_end(year, month)) <= until:
        ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends[-MONTHS:]


def months_between(start: dt.date, until: dt.date) -> list[str]:
    """`YYYY-MM` of every month from `start` to `until`, the latest MONTHS of them."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (until.year, until.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months[-MONTHS:]


def quarter(date: dt.date) -> str:
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


@dataclass
class TrackLevelCount:
    track: str
    track_name: str
    level: str
    people: int
    level_tag: str = ""  # how the track names the level: its label, else the id


@dataclass
class MonthStatus:
    date: dt.date
    people: int
    statuses: dict[str, int]


@dataclass
class TimeToReady:
    track: str
    track_name: str
    target: str
    people: int
    ready: int
    median_days: float | None
    target_tag: str = ""  # how the track names the target level


@dataclass
class ProgrammeReport:
    as_of: dt.date
    people: int
    by_track_level: list[TrackLevelCount]
    over_time: list[MonthStatus]
    entry_months: list[str]
    entries: dict[str, dict[str, int]]  # month → kind → entries
    time_to_ready: list[TimeToReady]
    met: int
    met_verified: int | None  # None: provenance unavailable
    signals: list[Signal]
    participation: dict[int, int]  # window in days → people with an entry in it
    recognition: list[tuple[str, int, int]] = field(default_factory=list)  # (quarter, entries, milestones)

    @property
    def verified_share(self) -> float | None:
        if self.met_verified is None or not self.met:
            return None
        return self.met_verified / self.met

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(), "people": self.people,
            "by_track_level": [asdict(t) for t in self.by_track_level],
            "readiness_over_time": [{"date": m.date.isoformat(), "people": m.people, **m.statuses}
                                    for m in self.over_time],
            "entries_per_month": [{"month": month, **self.entries[month]} for month in self.entry_months],
            "time_to_ready": [asdict(t) for t in self.time_to_ready],
            "milestones_met": self.met, "met_with_verified_feedback": self.met_verified,
            "verified_share": self.verified_share,
            "signals": [asdict(s) for s in self.signals],
            "participation": {f"{days}d": {"active": n, "people": self.people,
                                           "share": n / self.people if self.people else None}
                              for days, n in self.participation.items()},
            "recognition": [{"quarter": q, "entries": e, "milestones": m} for q, e, m in self.recognition]}


def _track_name(project: Project, track_id: str) -> str:
    track = project.track(track_id)
    return track.name if track else track_id


def _level_tag(project: Project, track_id: str, level_id: str) -> str:
    track = project.track(track_id)
    return track.level_tag(level_id) if track else level_id


def people_by_track_level(project: Project) -> list[TrackLevelCount]:
    assert project.framework is not None
    levels = [lv.id for lv in project.framework.levels]
    tracks = [t.id for t in project.tracks]
    counts = Counter((p.profile.track, p.profile.level) for p in project.portfolios)
    order = sorted(counts, key=lambda tl: (tracks.index(tl[0]) if tl[0] in tracks else len(tracks), tl[0],
                                          levels.index(tl[1]) if tl[1] in levels else len(levels), tl[1]))
    return [TrackLevelCount(t, _track_name(project, t), lv, counts[(t, lv)], _level_tag(project, t, lv))
            for t, lv in order]


def readiness_over_time(project: Project, facts: dict[str, PersonFacts] | None = None) -> list[MonthStatus]:
    """The overall status of everyone whose target was set by each month end."""
    if not project.portfolios:
        return []
    facts = facts or {p.id: person_facts(project, p, None) for p in project.portfolios}
    start = min(p.profile.since for p in project.portfolios)
    rows = []
    for end in month_ends(start, project.as_of):
        statuses = Counter(facts[p.id].statuses[end] for p in project.portfolios if p.profile.since <= end)
        rows.append(MonthStatus(end, sum(statuses.values()), {s: statuses[s] for s in OVERALL}))
    return rows


@dataclass
class PersonFacts:
    """What the report needs of one person, computed from their portfolio alone (so it can be kept)."""

    timeline: Timeline
    statuses: dict[dt.date, str]  # overall status at each month end since they started
    met: int                      # milestones met at the as-of date
    verified: int                 # ... with at least one verified feedback item


class Memo:
    """Keeps PersonFacts between runs; this one keeps nothing (every person is assessed)."""

    def get(self, portfolio: Portfolio) -> PersonFacts | None:
        return None

    def put(self, portfolio: Portfolio, facts: PersonFacts) -> None:
        pass


def person_facts(project: Project, portfolio: Portfolio, verifier: Verifier | None) -> PersonFacts:
    statuses = {end: readiness_at(project, portfolio, end).status
                for end in month_ends(portfolio.profile.since, project.as_of)}
    met = verified = 0
    for result in readiness_at(project, portfolio, project.as_of).milestones:
        if result.status == "met":
            met += 1
            verified += bool(verifier and any(verifier(portfolio.id, item) for item in result.feedback))
    return PersonFacts(build_timeline(project, portfolio, project.as_of), statuses, met, verified)


def entries_per_month(project: Project) -> tuple[list[str], dict[str, dict[str, int]]]:
    dates = [(e.meta.date, e.meta.kind) for p in project.portfolios for e in p.entries
             if e.meta.date <= project.as_of]
    if not dates:
        return [], {}
    months = months_between(min(d for d, _ in dates), project.as_of)
    counts: Counter[tuple[str, str]] = Counter((d.strftime("%Y-%m"), kind) for d, kind in dates)
    return months, {m: {k: counts[(m, k)] for k in KINDS} for m in months}


def time_to_ready(project: Project, timelines: dict[str, Timeline]) -> list[TimeToReady]:
    groups: dict[tuple[str, str], list[Portfolio]] = {}
    for p in project.portfolios:
        groups.setdefault((p.profile.track, p.profile.target), []).append(p)
    rows = []
    for (track, target), people in sorted(groups.items()):
        days = [max(0, (ready - p.profile.since).days) for p in people
                if (ready := timelines[p.id].first_ready()) is not None]
        rows.append(TimeToReady(track, _track_name(project, track), target, len(people), len(days),
                                statistics.median(days) if days else None, _level_tag(project, track, target)))
    return rows


def participation(project: Project) -> dict[int, int]:
    as_of = project.as_of
    return {window: sum(1 for p in project.portfolios
                        if any(0 <= (as_of - e.meta.date).days <= window for e in p.entries))
            for window in PARTICIPATION_WINDOWS}


def recognition_per_quarter(project: Project, timelines: dict[str, Timeline]) -> list[tuple[str, int, int]]:
    """Recognition entries, and milestone recognitions by the quarter the milestone was first met."""
    entries = Counter(quarter(e.meta.date) for p in project.portfolios for e in p.entries
                      if e.meta.kind == "recognition" and e.meta.date <= project.as_of)
    milestones = Counter(quarter(met) for p in project.portfolios for ref, m in target_milestones(project, p)
                         if m.recognition and (met := timelines[p.id].first_met(ref)) is not None)
    return [(q, entries[q], milestones[q]) for q in sorted(set(entries) | set(milestones))]


def assess_programme(project: Project, verifier: Verifier | None = None, memo: Memo | None = None) -> ProgrammeReport:
    """The report; `memo` keeps each person's facts between runs, so only changed people are assessed."""
    memo = memo or Memo()
    facts = {}
    for p in project.portfolios:
        if (found := memo.get(p)) is None:
            memo.put(p, found := person_facts(project, p, verifier))
        facts[p.id] = found
    timelines = {person: f.timeline for person, f in facts.items()}
    months, entries = entries_per_month(project)
    met = sum(f.met for f in facts.values())
    met_verified = sum(f.verified for f in facts.values()) if verifier else None
    return ProgrammeReport(
        as_of=project.as_of, people=len(project.portfolios), by_track_level=people_by_track_level(project),
        over_time=readiness_over_time(project, facts), entry_months=months, entries=entries,
        time_to_ready=time_to_ready(project, timelines), met=met, met_verified=met_verified,
        signals=recalibration_signals(project, timelines), participation=participation(project),
        recognition=recognition_per_quarter(project, timelines))
