"""Reminders: the person's and the team's iCalendar files, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from generator.commands.build import BuildOptions, run_build
from generator.link.load import load_project
from generator.render.calendar import render_person_calendar, team_calendars
from tests.helpers import edit

PLAN = """\
starts: 2026-05-01
ends: 2026-08-31
milestones:
  - milestone: engineering/raise-coverage
    due: 2026-07-31
competencies:
  - competency: testing
check_ins:
  - cadence: fortnightly
    first: 2026-05-04
  - cadence: quarterly
    first: 2026-05-10
    with: linus
    title: Mentoring with Linus
reviews:
  - date: 2026-06-30
    title: Mid-period review
"""


def events(text: str) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "UIDs are unique"
    return found


def load(root: Path):  # type: ignore[no-untyped-def]
    project, problems = load_project(root)
    assert not problems.errors, problems.sorted()
    return project


def test_person_calendar_has_deadlines_check_ins_and_reviews(minimal: Path) -> None:
    (minimal / "portfolios/ada/plan.yml").write_text(PLAN, encoding="utf-8")
    project = load(minimal)
    found = events(render_person_calendar(project, project.portfolio("ada")))
    domain = "career-handbook.invalid"
    assert sorted(found) == sorted(f"ada/{key}@{domain}" for key in [
        "milestone/engineering/raise-coverage", "milestone/engineering/mentor-joiner",
        "plan/milestone/engineering/raise-coverage", "plan/competency/testing",
        "plan/check-in/2026-05-04-fortnightly-grace", "plan/check-in/2026-05-10-quarterly-linus",
        "plan/review/2026-06-30"])
    deadline = found[f"ada/milestone/engineering/raise-coverage@{domain}"]
    assert deadline.decoded("DTSTART") == dt.date(2026, 4, 15)  # since 2026-01-15 + 90d
    assert str(deadline["SUMMARY"]) == "Milestone met: Raise test coverage"
    assert str(deadline["DESCRIPTION"]) == ("engineering/raise-coverage (L2). Coverage of the owned service reaches "
                                            "80%.\nStatus on 2026-06-01: met.")
    joiner = found[f"ada/milestone/engineering/mentor-joiner@{domain}"]
    assert "Status on 2026-06-01: in progress; still missing: criterion, feedback:peer." in str(joiner["DESCRIPTION"])
    fortnightly = found[f"ada/plan/check-in/2026-05-04-fortnightly-grace@{domain}"]
    assert str(fortnightly["SUMMARY"]) == "Check-in with Grace Manager"
    assert fortnightly["RRULE"]["FREQ"] == ["WEEKLY"] and fortnightly["RRULE"]["INTERVAL"] == [2]
    assert fortnightly["RRULE"]["UNTIL"] == [dt.date(2026, 8, 31)]
    quarterly = found[f"ada/plan/check-in/2026-05-10-quarterly-linus@{domain}"]
    assert (quarterly["RRULE"]["FREQ"], quarterly["RRULE"]["INTERVAL"]) == (["MONTHLY"], [3])
    review = found[f"ada/plan/review/2026-06-30@{domain}"]
    assert (str(review["SUMMARY"]), review.decoded("DTSTART")) == ("Mid-period review", dt.date(2026, 6, 30))
    assert {e.decoded("DTSTAMP") for e in found.values()} == {dt.datetime(2026, 6, 1, tzinfo=dt.UTC)}


def test_uids_stay_when_progress_changes(minimal: Path) -> None:
    project = load(minimal)
    before = events(render_person_calendar(project, project.portfolio("ada")))
    edit(minimal / "portfolios/ada/entries/2026-03-14-coverage.md", "coverage_pct: 84", "coverage_pct: 50")
    project = load(minimal)
    text = render_person_calendar(project, project.portfolio("ada"))
    after = events(text)
    assert sorted(after) == sorted(before)
    changed = [uid for uid in after if str(after[uid]["SUMMARY"]) != str(before[uid]["SUMMARY"])]
    assert changed == ["ada/milestone/engineering/raise-coverage@career-handbook.invalid"]
    assert str(after[changed[0]]["SUMMARY"]) == "Milestone due: Raise test coverage"
    assert render_person_calendar(project, project.portfolio("ada")) == text  # deterministic


def test_team_calendar_holds_only_the_managers_reports(minimal: Path) -> None:
    bob = minimal / "portfolios/bob"
    (bob / "entries").mkdir(parents=True)
    (bob / "profile.yml").write_text("name: Bob Other\ntrack: engineering\nlevel: L1\ntarget: L2\n"
                                     "since: 2026-02-01\nmanager: linus\n", encoding="utf-8")
    project = load(minimal)
    teams = team_calendars(project)
    assert sorted(teams) == ["grace", "linus"]
    grace = events(teams["grace"])
    assert sorted(str(e["SUMMARY"]) for e in grace.values()) == [
        "Ada Example: Milestone due: Mentor a new joiner", "Ada Example: Milestone met: Raise test coverage"]
    assert all(uid.startswith("team-grace/ada/") for uid in grace)
    assert all("Bob Other" in str(e["SUMMARY"]) for e in events(teams["linus"]).values())


def test_build_writes_calendars_under_build_only(minimal: Path) -> None:
    project = load(minimal)
    report = run_build(project, BuildOptions(site=False, pdf=False))
    person = minimal / "build/portfolios/ada/ada.ics"
    team = minimal / "build/calendars/team-grace.ics"
    assert person in report.outputs and team in report.outputs
    assert icalendar.Calendar.from_ical(person.read_text())["X-WR-CALNAME"] == "Ada Example: milestones and check-ins"
    assert not list(minimal.glob("site/**/*.ics"))


def test_reviews_on_one_date_keep_their_own_uids(minimal: Path) -> None:
    plan = PLAN + "  - date: 2026-06-30\n    title: Calibration review\n" * 2
    (minimal / "portfolios/ada/plan.yml").write_text(plan, encoding="utf-8")
    project = load(minimal)
    found = events(render_person_calendar(project, project.portfolio("ada")))
    reviews = sorted((uid, str(e["SUMMARY"])) for uid, e in found.items() if "/plan/review/" in uid)
    assert len(reviews) == 3
    assert [summary for _, summary in reviews].count("Calibration review") == 2
    assert all(uid.startswith("ada/plan/review/2026-06-30-") for uid, _ in reviews)
    again = events(render_person_calendar(project, project.portfolio("ada")))
    assert sorted(again) == sorted(found)  # stable from one build to the next
