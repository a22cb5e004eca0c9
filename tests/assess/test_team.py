"""Team views on the example, with figures counted by hand from its profiles and entries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.assess.portfolio import assess_portfolio
from generator.assess.team import TeamView, assess_team, manager_ids, reporting_line
from generator.link.load import load_project
from generator.link.project import Project
from tests.helpers import copy_example, edit

ROOT = Path(__file__).parent.parent.parent


def view(project: Project, manager: str) -> TeamView:
    return assess_team(project, manager, {p.id: assess_portfolio(project, p) for p in project.portfolios})


@pytest.fixture(scope="module")
def example() -> Project:
    project, problems = load_project(ROOT)
    assert problems.items == []
    return project


def test_reporting_lines_follow_profiles_and_people_yml(example: Project) -> None:
    # profiles: amara, tomas → david; farah, jonah → helena; mei → ines; kenji → raj.
    # people.yml: david, ines → helena
    assert manager_ids(example) == ["david", "helena", "ines", "raj"]
    assert reporting_line(example, "raj") == ["kenji"]
    assert reporting_line(example, "david") == ["amara", "tomas"]
    assert reporting_line(example, "ines") == ["mei"]
    assert reporting_line(example, "helena") == ["david", "farah", "ines", "jonah", "amara", "tomas", "mei"]
    assert reporting_line(example, "amara") == []


def test_a_view_holds_only_the_reporting_line(example: Project) -> None:
    assert [m.id for m in view(example, "david").members] == ["amara", "tomas"]
    assert [m.id for m in view(example, "ines").members] == ["mei"]
    assert sorted(m.id for m in view(example, "helena").members) == ["amara", "farah", "jonah", "mei", "tomas"]


def test_statuses_due_overdue_and_owed(example: Project) -> None:
    david = view(example, "david")
    amara, tomas = david.members
    assert (amara.status, amara.resolved, amara.required) == ("ready", 5, 5)
    assert (tomas.status, tomas.resolved, tomas.required) == ("on_track", 4, 6)
    # tomas: since 2026-06-01, two 6m (180 d) milestones open → due 2026-11-28, 27 days after the as-of date
    assert [(d.ref, d.deadline, d.days_left, d.horizon, d.cadence) for d in david.due(30)] == [
        ("engineering/own-a-feature", dt.date(2026, 11, 28), 27, "6m", "once"),
        ("engineering/onboarding-buddy", dt.date(2026, 11, 28), 27, "6m", "once")]
    assert david.due(90) == david.due(30)
    assert david.overdue == []
    # onboarding-buddy is judged by a verdict and has its entry: it waits on David
    assert [(d.person, d.ref, d.missing) for d in david.owed] == [
        ("tomas", "engineering/onboarding-buddy", ("criterion",))]  # the peer's feedback is in, sealed
    helena = view(example, "helena")
    # farah: since 2025-09-15 + 9m (270 d) = 2026-06-12, not met
    assert [(d.person, d.ref, d.deadline) for d in helena.overdue] == [
        ("farah", "engineering/slo-standard", dt.date(2026, 6, 12))]
    assert helena.owed == []  # David's report's verdict is owed by David, not Helena


def test_manager_of_managers_gets_a_rollup_by_team(example: Project) -> None:
    teams = {t.lead: t for t in view(example, "helena").teams}
    assert list(teams) == ["helena", "david", "ines"]
    assert (teams["helena"].people, teams["helena"].statuses) == (2, {"ready": 1, "on_track": 0, "not_yet": 1})
    assert (teams["david"].people, teams["david"].statuses) == (2, {"ready": 1, "on_track": 1, "not_yet": 0})
    assert (teams["ines"].people, teams["ines"].statuses) == (1, {"ready": 0, "on_track": 0, "not_yet": 1})
    assert (teams["helena"].overdue, teams["david"].due_30, teams["david"].owed) == (1, 2, 1)
    assert view(example, "david").teams == []


def test_stale_portfolios_have_no_entry_in_90_days() -> None:
    # last entries: mei 2026-09-05, amara 2026-09-18, others in October
    project, _ = load_project(ROOT, dt.date(2026, 12, 15))
    assert [(m.id, m.last_entry) for m in view(project, "helena").stale] == [("mei", dt.date(2026, 9, 5))]
    project, _ = load_project(ROOT, dt.date(2026, 12, 18))
    assert sorted(m.id for m in view(project, "helena").stale) == ["amara", "mei"]
    assert view(load_project(ROOT)[0], "helena").stale == []


def test_a_cycle_of_managers_ends(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    copy_example(root)
    edit(root / "portfolios/people.yml", "    email: helena.okafor@kittiwake.example\n",
         "    email: helena.okafor@kittiwake.example\n    manager: david\n")
    project, problems = load_project(root)
    assert [(p.path, p.line, p.column, p.code, p.message) for p in problems.errors] == [
        ("portfolios/people.yml", 7, 14, "reporting-cycle",
         "the reporting line goes round in a circle: david → helena → david (each is managed by the next)")]
    assert reporting_line(project, "david") == ["amara", "helena", "tomas", "farah", "ines", "jonah", "mei"]


def test_unknown_manager_in_people_yml_is_located(tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "repo"
    copy_example(root)
    text = (root / "portfolios/people.yml").read_text().replace("manager: helena", "manager: helen", 1)
    (root / "portfolios/people.yml").write_text(text)
    problems = check(root)
    assert [(p["path"], p["line"], p["column"], p["message"], p["hint"]) for p in problems] == [
        ("portfolios/people.yml", 7, 14, "unknown person 'helen'", "did you mean 'helena'?")]


def test_each_person_shows_their_competency_coverage(example: Project) -> None:
    for member in view(example, "helena").members:
        portfolio = example.portfolio(member.id)
        assert portfolio is not None
        readiness = assess_portfolio(example, portfolio)
        assert member.coverage == readiness.coverage and member.coverage["required"] > 0
