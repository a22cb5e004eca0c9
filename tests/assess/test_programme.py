"""The programme report on the example; every figure counted by hand from its files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.assess.programme import ProgrammeReport, assess_programme, month_ends
from generator.assess.signals import median_far_from
from generator.assess.timeline import build_timeline, readiness_at
from generator.link.load import load_project
from generator.link.project import Project
from generator.render.reports import feedback_verifier
from tests.helpers import copy_example, edit
from tests.render.portfolio.conftest import git

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def example() -> Project:
    return load_project(ROOT)[0]


@pytest.fixture(scope="module")
def report(example: Project) -> ProgrammeReport:
    return assess_programme(example)


def test_people_per_track_and_level(report: ProgrammeReport) -> None:
    assert [(t.track, t.level, t.people) for t in report.by_track_level] == [
        ("engineering-management", "L3", 1),  # jonah
        ("engineering", "L1", 1), ("engineering", "L2", 1), ("engineering", "L3", 1), ("engineering", "L4", 1),
        ("site-reliability", "L2", 1)]  # kenji


def test_entries_per_month_by_kind(report: ProgrammeReport) -> None:
    # counted from the `date:` and `kind:` of the 66 entry files (kenji's: May, June, July, two in September)
    totals = {m: sum(k.values()) for m, k in report.entries.items() if sum(k.values())}
    assert totals == {"2025-07": 1, "2025-10": 1, "2026-01": 2, "2026-02": 4, "2026-03": 5, "2026-04": 6,
                      "2026-05": 8, "2026-06": 7, "2026-07": 13, "2026-08": 7, "2026-09": 10, "2026-10": 6}
    assert report.entry_months[0] == "2025-07" and report.entry_months[-1] == "2026-11"
    assert {k: n for k, n in report.entries["2026-07"].items() if n} == {
        "project": 6, "certification": 1, "feedback": 2, "reflection": 3, "mentoring": 1}
    assert {k: n for k, n in report.entries["2026-05"].items() if n} == {
        "project": 3, "feedback": 2, "reflection": 1, "rotation": 1, "recognition": 1}


def test_participation_in_the_last_30_and_90_days(report: ProgrammeReport) -> None:
    # as of 2026-11-01: farah 10-20, jonah 10-14 and tomas 10-12 within 30 days;
    # amara 09-18, kenji 09-15 and mei 09-05 within 90
    assert report.people == 6
    assert report.participation == {30: 4, 90: 6}


def test_readiness_at_month_ends_is_recomputed(report: ProgrammeReport) -> None:
    assert report.over_time[0].date == dt.date(2025, 9, 30)  # farah's since 2025-09-15 is the first
    assert report.over_time[-1].date == dt.date(2026, 10, 31)
    assert len(report.over_time) == 14
    by_date = {m.date: (m.people, m.statuses) for m in report.over_time}
    assert by_date[dt.date(2025, 12, 31)] == (1, {"ready": 0, "on_track": 0, "not_yet": 1})
    # since: jonah 01-12, amara 01-19 (January), mei 02-01, kenji 04-01, tomas 06-01
    assert by_date[dt.date(2026, 1, 31)][0] == 3 and by_date[dt.date(2026, 5, 31)][0] == 5
    # amara ready on 2026-09-18 (cost-informed-decision), jonah on 2026-09-30 (lead-multi-team-org)
    assert by_date[dt.date(2026, 8, 31)][1]["ready"] == 0
    # on track: tomas (4 of 6 met), kenji (no milestones at L3; 6 of 10 competencies evidenced)
    assert by_date[dt.date(2026, 9, 30)] == (6, {"ready": 2, "on_track": 2, "not_yet": 2})


def test_month_ends_cross_the_year() -> None:
    assert month_ends(dt.date(2025, 11, 20), dt.date(2026, 2, 28)) == [
        dt.date(2025, 11, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 31), dt.date(2026, 2, 28)]


def test_median_days_to_ready(report: ProgrammeReport) -> None:
    rows = {(t.track, t.target): (t.people, t.ready, t.median_days) for t in report.time_to_ready}
    assert rows[("engineering", "L3")] == (1, 1, 242)  # amara: 2026-01-19 → 2026-09-18
    assert rows[("engineering-management", "L4")] == (1, 1, 261)  # jonah: 2026-01-12 → 2026-09-30
    assert rows[("engineering", "L2")] == (1, 0, None)


def test_timeline_matches_readiness_at_any_date(example: Project) -> None:
    amara = example.portfolio("amara")
    assert amara is not None
    timeline = build_timeline(example, amara, example.as_of)
    for day in (dt.date(2026, 4, 23), dt.date(2026, 4, 24), dt.date(2026, 7, 21), dt.date(2026, 8, 30)):
        met = {m.ref for m in readiness_at(example, amara, day).milestones if m.status == "met"}
        assert timeline.met_at(day) == met, day
    assert timeline.first_met("engineering/lead-improvement-pilot") == dt.date(2026, 4, 24)


def test_recalibration_signals(report: ProgrammeReport) -> None:
    signals = [(s.kind, s.milestone, s.people) for s in report.signals]
    assert signals == [
        # farah: since 2025-09-15, 1y → 2026-09-15; met 2026-09-24
        ("never_reached", "engineering/external-voice", 1),
        # amara: since 2026-01-19, 6m → 2026-07-18; met 2026-07-22
        ("never_reached", "engineering/mentor-an-engineer", 1),
        # mei: her 2025-07-08 incident-reduction entry already meets it when her target is set
        ("met_early", "engineering/reliability-uplift", 1),
        # farah: 9m → 2026-06-12, never met; coverage 20, 35 and 46 against >= 80
        ("never_reached", "engineering/slo-standard", 1),
        ("metric_below", "engineering/slo-standard", 1)]
    assert report.signals[-1].detail == ("the median of 3 measured values is 35, "
                                         "far below the target of at least 80")
    assert report.signals[-1].hint == "target too hard?"


@pytest.mark.parametrize(("values", "target", "expected"), [
    ([30, 31, 40], ">= 15", (31, "above")), ([5, 6], ">= 15", (5.5, "below")), ([14, 16], ">= 15", None),
    ([2, 3], "<= 10", (2.5, "below")), ([20], ">= 15", None), ([0.2, 0.4], ">= 0", None),
    ([1, 2], "== 0", (1.5, "above"))])
def test_far_from_target(values: list[float], target: str, expected: tuple[float, str] | None) -> None:
    assert median_far_from(values, target) == expected


def test_recognition_per_quarter(report: ProgrammeReport) -> None:
    # recognition entries: amara 2026-05-02, jonah 2026-10-14; milestones by the quarter first met
    assert report.recognition == [("2025-Q3", 0, 1), ("2026-Q2", 1, 5), ("2026-Q3", 0, 10), ("2026-Q4", 1, 0)]


def test_share_of_met_milestones_with_verified_feedback(tmp_path: Path, report: ProgrammeReport) -> None:
    assert (report.met, report.met_verified, report.verified_share) == (15, None, None)  # not in git
    root = tmp_path / "repo"
    copy_example(root)
    edit(root / "portfolios/tomas/profile.yml", "tomas.herrera@kittiwake.example", "tomas@example.com")
    own = "portfolios/amara/entries/2026-07-22-feedback-tomas-on-mentoring.md"
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "reset", "-q", own)
    git(root, "commit", "-q", "-m", "Everything", who="clerk")
    git(root, "add", own)
    git(root, "commit", "-q", "-m", "Feedback for Amara", who="tomas")  # as tomas@example.com
    project = load_project(root)[0]
    verified = assess_programme(project, feedback_verifier(project))
    assert (verified.met, verified.met_verified) == (15, 1)  # amara's mentor-an-engineer


def test_signals_need_a_minimum_cohort(example: Project) -> None:
    import dataclasses

    strict = dataclasses.replace(example, config=example.config.model_copy(update={"signals_min_cohort": 2}))
    assert assess_programme(strict).signals == []  # every example milestone is one person's target
