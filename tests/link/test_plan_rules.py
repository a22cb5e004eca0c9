"""portfolios/<id>/plan.yml: each rule broken once in the minimal fixture, with its exact message and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import edit, only

PLAN = "portfolios/ada/plan.yml"

VALID = """\
starts: 2026-05-01
ends: 2026-10-31
agreed_with: grace
milestones:
  - milestone: engineering/raise-coverage
    due: 2026-07-31
  - milestone: engineering/mentor-joiner
competencies:
  - competency: testing
check_ins:
  - cadence: fortnightly
    first: 2026-05-04
  - cadence: monthly
    first: 2026-05-10
    with: linus
reviews:
  - date: 2026-08-01
    title: Mid-period review
"""

# (old text, new text) -> (line, column, severity, code, message, hint)
CASES = {
    "unknown milestone": (
        ("engineering/raise-coverage", "engineering/raise-coverag"),
        (5, 16, "error", "unknown-milestone", "unknown milestone 'engineering/raise-coverag'",
         "did you mean 'engineering/raise-coverage'?")),
    "milestone of another track": (
        ("engineering/mentor-joiner", "design/mentor-joiner"),
        (7, 16, "error", "plan-other-track", "milestone 'design/mentor-joiner' is not on your track 'engineering'",
         "plan milestones of content/tracks/engineering.yml")),
    "milestone planned twice": (
        ("engineering/mentor-joiner", "engineering/raise-coverage"),
        (7, 16, "error", "plan-duplicate", "milestone 'engineering/raise-coverage' is planned twice (first at line 5)",
         "keep one of them")),
    "unknown competency": (
        ("competency: testing", "competency: testng"),
        (9, 17, "error", "unknown-competency", "unknown competency 'testng'", "did you mean 'testing'?")),
    "unknown person": (
        ("with: linus", "with: linux"),
        (15, 11, "error", "unknown-person", "unknown person 'linux'", "did you mean 'linus'?")),
    "period backwards": (
        ("ends: 2026-10-31", "ends: 2026-04-30"),
        (2, 7, "error", "plan-period", "the plan ends (2026-04-30) before it starts (2026-05-01)",
         "swap the dates or correct one of them")),
    "due outside the period": (
        ("due: 2026-07-31", "due: 2026-12-24"),
        (6, 10, "warning", "plan-date-outside",
         "due date 2026-12-24 is outside the plan's period (2026-05-01 to 2026-10-31)",
         "move the date into the period, or change 'starts'/'ends'")),
    "first check-in outside the period": (
        ("first: 2026-05-04", "first: 2026-04-01"),
        (12, 12, "error", "plan-date-outside",
         "first check-in 2026-04-01 is outside the plan's period (2026-05-01 to 2026-10-31)",
         "start the check-ins within the period")),
    "unknown cadence": (
        ("cadence: fortnightly", "cadence: daily"),
        (11, 14, "error", "invalid-value", "cadence: 'daily' is not allowed here",
         "expected one of: fortnightly, monthly, quarterly, weekly")),
    "misspelt key": (
        ("    title: Mid-period review", "    titel: Mid-period review"),
        (18, 5, "error", "unknown-key", "unknown key 'titel'", "did you mean 'title'?")),
    "not a date": (
        ("date: 2026-08-01", "date: next august"),
        (17, 11, "error", "wrong-type", "date: 'next august' is not a valid date",
         "write it as YYYY-MM-DD, like 2026-03-14")),
}


@pytest.fixture
def planned(minimal: Path) -> Path:
    (minimal / PLAN).write_text(VALID, encoding="utf-8")
    return minimal


def test_valid_plan_is_clean(planned: Path, check) -> None:  # type: ignore[no-untyped-def]
    assert check(planned) == []


@pytest.mark.parametrize("name", CASES)
def test_plan_rule(name: str, planned: Path, check) -> None:  # type: ignore[no-untyped-def]
    (old, new), (line, column, severity, code, message, hint) = CASES[name]
    edit(planned / PLAN, old, new)
    problem = only(check(planned))
    assert (problem["path"], problem["line"], problem["column"]) == (PLAN, line, column)
    assert (problem["severity"], problem["code"], problem["message"], problem["hint"]) == \
        (severity, code, message, hint)


def test_check_in_without_anyone(planned: Path, check) -> None:  # type: ignore[no-untyped-def]
    edit(planned / "portfolios/ada/profile.yml", "manager: grace\n", "")
    problem = only(check(planned))
    assert (problem["path"], problem["line"], problem["code"]) == (PLAN, 11, "check-in-with")
    assert problem["message"] == "this check-in has no 'with' and the profile names no manager"


def test_ended_plan_is_a_warning(planned: Path, check) -> None:  # type: ignore[no-untyped-def]
    problem = only(check(planned, "--as-of", "2026-11-15"))
    assert (problem["line"], problem["severity"], problem["code"]) == (2, "warning", "plan-ended")
    assert problem["message"] == "the plan ended on 2026-10-31, before 2026-11-15"


def test_every_problem_at_once(planned: Path, check) -> None:  # type: ignore[no-untyped-def]
    edit(planned / PLAN, "competency: testing", "competency: testng")
    edit(planned / PLAN, "with: linus", "with: linux")
    assert [(p["line"], p["code"]) for p in check(planned)] == [(9, "unknown-competency"), (15, "unknown-person")]
