"""Reminders as iCalendar files: a person's milestone deadlines, plan check-ins and reviews, and a team's.

Every event has a UID derived from ids only (person, milestone, check-in series, review
date), so a calendar app that re-imports or subscribes to the file updates its events
instead of adding copies. DTSTAMP is the as-of date, so the same inputs give the same bytes.
Calendars hold portfolio data: they are written under build/, never under site/.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import icalendar

from generator import __version__
from generator.assess.portfolio import assess_portfolio
from generator.link.project import Portfolio, Project
from generator.model.plan import CheckIn
from generator.render.portfolio.incremental import Reuse
from generator.write.atomic import staged_folder, write_text
from generator.write.stamps import link_file

# How each agreed cadence repeats, as an RRULE (monthly means the same day of each month).
RECURRENCE = {"weekly": ("WEEKLY", 1), "fortnightly": ("WEEKLY", 2), "monthly": ("MONTHLY", 1),
              "quarterly": ("MONTHLY", 3)}
STATUS_WORDS = {"met": "met", "waived": "waived", "overdue": "overdue", "in_progress": "in progress",
                "not_started": "not started"}


@dataclass(frozen=True)
class Reminder:
    """One calendar event: an all-day date, or a series of them until `until`."""

    key: str                      # unique within the person, from ids only
    day: dt.date
    summary: str
    description: str
    categories: str
    repeat: tuple[str, int] | None = None
    until: dt.date | None = None


def uid_domain(project: Project) -> str:
    """The UIDs' right-hand side: the handbook's host when it is published, else a fixed name."""
    host = urlsplit(project.config.site_url or "").hostname
    return host or "career-handbook.invalid"


def person_reminders(project: Project, portfolio: Portfolio) -> list[Reminder]:
    """Target milestones' deadlines, then the plan's due dates, check-ins and reviews."""
    readiness = assess_portfolio(project, portfolio)
    reminders = []
    for result in readiness.milestones:
        if result.deadline is None:
            continue
        status = STATUS_WORDS[result.status]
        missing = f"; still missing: {', '.join(result.missing)}" if result.missing else ""
        reminders.append(Reminder(
            f"milestone/{result.ref}", result.deadline,
            f"{'Milestone met' if result.status in ('met', 'waived') else 'Milestone due'}: {result.milestone.title}",
            f"{result.ref} ({portfolio.profile.target}). {result.milestone.criterion.text}\n"
            f"Status on {readiness.as_of.isoformat()}: {status}{missing}.", "Milestone"))
    plan = portfolio.plan
    if plan is None:
        return reminders
    for item in plan.milestones:
        found = project.milestone(item.milestone)
        title = found[2].title if found else item.milestone
        reminders.append(Reminder(f"plan/milestone/{item.milestone}", item.due or plan.ends,
                                  f"Planned: {title}", _lines(item.milestone, item.note), "Plan"))
    for comp in plan.competencies:
        found_comp = project.competency(comp.competency)
        name = found_comp.name if found_comp and found_comp.name else comp.competency
        reminders.append(Reminder(f"plan/competency/{comp.competency}", comp.due or plan.ends,
                                  f"Planned: evidence of {name}", _lines(comp.competency, comp.note), "Plan"))
    for check_in in plan.check_ins:
        reminders.append(_check_in(project, portfolio, check_in, plan.ends))
    for review in plan.reviews:
        reminders.append(Reminder(f"plan/review/{review.date.isoformat()}", review.date,
                                  review.title or "Plan review",
                                  f"Review of the plan for {plan.starts.isoformat()} to {plan.ends.isoformat()}.",
                                  "Review"))
    return unique_keys(reminders)


def unique_keys(reminders: list[Reminder]) -> list[Reminder]:
    """Keys that two events share (two reviews on one date) gain a stable hash of what the event says,
    and a counter if they say the same, so no calendar app merges them into one."""
    counts = Counter(r.key for r in reminders)
    seen: Counter[str] = Counter()
    result = []
    for reminder in reminders:
        if counts[reminder.key] > 1:
            identity = "\0".join((reminder.summary, reminder.description, reminder.day.isoformat()))
            key = f"{reminder.key}-{hashlib.sha256(identity.encode('utf-8')).hexdigest()[:12]}"
            seen[key] += 1
            reminder = replace(reminder, key=key if seen[key] == 1 else f"{key}-{seen[key]}")
        result.append(reminder)
    return result


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _check_in(project: Project, portfolio: Portfolio, check_in: CheckIn, until: dt.date) -> Reminder:
    with_ = check_in.with_ or portfolio.profile.manager or ""
    title = check_in.title or (f"Check-in with {project.name_of(with_)}" if with_ else "Check-in")
    return Reminder(f"plan/check-in/{check_in.first.isoformat()}-{check_in.cadence}-{with_}", check_in.first,
                    title, f"{check_in.cadence.capitalize()} check-in on the plan, until {until.isoformat()}.",
                    "Check-in", RECURRENCE[check_in.cadence], until)


def render_calendar(project: Project, name: str, events: list[tuple[str, Reminder]]) -> str:
    """An iCalendar file of (UID prefix, reminder) pairs, sorted so the output is stable."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Career handbook//handbook {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.combine(project.as_of, dt.time(), tzinfo=dt.UTC)
    domain = uid_domain(project)
    for prefix, reminder in sorted(events, key=lambda e: (e[1].day, e[0], e[1].key)):
        event = icalendar.Event()
        event.add("uid", f"{prefix}/{reminder.key}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.day)
        event.add("dtend", reminder.day + dt.timedelta(days=1))
        event.add("summary", reminder.summary)
        event.add("description", reminder.description)
        event.add("categories", [reminder.categories])
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        if reminder.repeat:
            freq, interval = reminder.repeat
            event.add("rrule", {"freq": freq, "interval": interval, "until": reminder.until})
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def render_person_calendar(project: Project, portfolio: Portfolio) -> str:
    events = [(portfolio.id, r) for r in person_reminders(project, portfolio)]
    return render_calendar(project, f"{portfolio.profile.name}: milestones and check-ins", events)


def _teams(project: Project) -> dict[str, list[Portfolio]]:
    teams: dict[str, list[Portfolio]] = {}
    for portfolio in project.portfolios:
        if portfolio.profile.manager:
            teams.setdefault(portfolio.profile.manager, []).append(portfolio)
    return dict(sorted(teams.items()))


def team_calendar(project: Project, manager: str, reports: list[Portfolio]) -> str:
    """A calendar of every report's reminders, each titled with the report's name."""
    events = []
    for portfolio in reports:
        for r in person_reminders(project, portfolio):
            titled = Reminder(r.key, r.day, f"{portfolio.profile.name}: {r.summary}", r.description,
                              r.categories, r.repeat, r.until)
            events.append((f"team-{manager}/{portfolio.id}", titled))
    return render_calendar(project, f"Team of {project.name_of(manager)}: milestones and check-ins", events)


def team_calendars(project: Project) -> dict[str, str]:
    """Manager id -> a calendar of every report's reminders."""
    return {manager: team_calendar(project, manager, reports) for manager, reports in _teams(project).items()}


def calendars_dir(project: Project) -> Path:
    return project.build_dir / "calendars"


STAMPS = ".handbook-stamps"


def _previous_keys(folder: Path) -> dict[str, str]:
    """The inputs each previous calendar was made from; nothing when unreadable (then all are made again)."""
    try:
        data = json.loads((folder / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def write_team_calendars(project: Project, reuse: Reuse | None = None) -> list[Path]:
    """build/calendars/team-<manager>.ics for every manager with reports, replacing the folder at once.

    With `reuse` (the build's stamps), a team whose people's inputs are unchanged keeps its file.
    """
    target = calendars_dir(project)
    previous = _previous_keys(target) if reuse else {}
    keys = {}
    with staged_folder(target) as staged:
        for manager, reports in _teams(project).items():
            name = f"team-{manager}.ics"
            key = reuse.group("calendar", manager, people=reports) if reuse else None
            if not (key and previous.get(name) == key and link_file(target / name, staged / name)):
                write_text(staged / name, team_calendar(project, manager, reports))
            if key:
                keys[name] = key
        if keys:
            write_text(staged / STAMPS, json.dumps(keys, indent=1, sort_keys=True) + "\n")
    return [target / f"team-{manager}.ics" for manager in _teams(project)]
