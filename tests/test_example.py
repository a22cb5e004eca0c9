"""The bundled example: valid without warnings, rich enough, and its people reach their intended states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.link.load import load_project
from generator.link.project import Project
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent

INTENDED = {
    "amara": ("ready", {}),
    "tomas": ("on_track", {"own-a-feature": ["entries", "criterion"],
                           "onboarding-buddy": ["criterion"]}),  # the peer's feedback is sealed
    "mei": ("not_yet", {"technical-strategy": ["entries", "criterion", "feedback:peer", "feedback:sponsor"],
                        "lead-cross-team-initiative": ["entries", "criterion", "feedback:manager", "occurrences",
                                                       "spread"],
                        "reliability-uplift": ["criterion"],
                        "quarterly-tech-review": ["entries", "criterion", "occurrences", "spread"]}),
    "jonah": ("ready", {}),
    "farah": ("not_yet", {"slo-standard": ["criterion", "feedback:committee"],
                          "grow-staff-engineers": ["criterion", "occurrences"]}),
    "kenji": ("on_track", {}),  # no milestones at his target: assessed on competencies alone
}


@pytest.fixture(scope="module")
def example() -> Project:
    project, problems = load_project(ROOT)
    assert problems.items == []
    return project


def test_check_is_clean_and_strict() -> None:
    result = run_cli("check", "--root", ROOT, "--strict")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_example_is_a_realistic_framework(example: Project) -> None:
    assert example.framework is not None
    assert [d.id for d in example.framework.domains] == ["technical", "leadership", "stakeholders", "strategy"]
    assert len(example.framework.levels) >= 5
    assert len(example.competencies) >= 12
    for competency in example.competencies:
        assert all(level.behaviours for level in competency.levels.values()), competency.id
    milestones = [m for t in example.tracks for m in t.milestones()]
    assert len(example.tracks) == 3 and len(milestones) >= 30
    assert {m.cadence for m in milestones} == {"micro", "weekly", "quarterly", "once"}
    assert sum(1 for m in milestones if m.criterion.metric) > len(milestones) / 2
    assert all(m.horizon and m.recognition and m.business_link for m in milestones)
    assert len(example.pages) >= 3


def test_portfolios_cover_the_practice(example: Project) -> None:
    entries = [e.meta for p in example.portfolios for e in p.entries]
    assert len(example.portfolios) >= 5 and len(entries) >= 40
    feedback_roles = {e.role for e in entries if e.kind == "feedback"}
    assert {"peer", "manager"} <= feedback_roles
    assert any(e.kind == "reflection" for e in entries)
    assert any(a.startswith("attachments/") for e in entries for a in e.artifacts)
    assert any(p.profile.waivers for p in example.portfolios)


@pytest.mark.parametrize("person", sorted(INTENDED))
def test_person_reaches_intended_status(person: str) -> None:
    status, missing = INTENDED[person]
    data = json.loads(run_cli("readiness", person, "--root", ROOT, "--format", "json").stdout)
    assert data["as_of"] == "2026-11-01"
    assert data["status"] == status
    got = {m["id"].split("/")[1]: m["missing"] for m in data["milestones"] if m["missing"]}
    assert got == missing


def test_the_example_shows_the_second_release_model(example: Project) -> None:
    from generator.link.competencies import resolve_competencies, track_competencies

    sets = {c.set_id for c in example.competencies}
    assert "core" in sets
    for track in example.tracks:
        assert track.competencies and "core" in track.competencies, track.id
    sre = example.track("site-reliability")
    assert sre is not None and not any(lv.milestones for lv in sre.levels)
    scope = [c.id for c in track_competencies(example, sre)]
    assert "sre-operations" in scope and "operational-excellence" not in scope
    resolved = resolve_competencies(example)["sre-operations"]
    assert resolved.parents == ["operational-excellence"]
    assert resolved.behaviour("error-budget-policy").examples
    linked = [ref for p in example.portfolios for e in p.entries for ref in e.meta.behaviours]
    assert "sre-operations/error-budget-policy" in linked


def test_a_target_without_milestones_is_assessed_on_competencies() -> None:
    kenji = json.loads(run_cli("readiness", "kenji", "--root", ROOT, "--format", "json").stdout)
    assert kenji["milestones"] == []
    assert kenji["coverage"] == {"evidenced": 6, "claimed": 4, "required": 10, "needed_percent": 100}
    # his self-assessment links the four he has not shown yet: claimed, never evidenced
    claimed = [c["id"] for c in kenji["competencies"] if c["status"] == "claimed"]
    assert claimed == ["cross-team-collaboration", "customer-focus", "system-design", "security-and-privacy"]
    ownership = next(c for c in kenji["competencies"] if c["id"] == "ownership")
    assert ownership["entries"] == ["2026-07-30-label-printer-outage-review", "2026-08-05-feedback-farah-outage-review"]
    capacity = next(c for c in kenji["competencies"] if c["id"] == "capacity-planning")
    assert capacity["behaviours"] == ["peak-forecast", "load-tests"]
    assert capacity["entries"] == ["2026-06-20-peak-season-capacity-plan", "2026-09-15-feedback-raj-capacity-plan"]


def test_sealed_peer_feedback_counts_by_its_giver_and_opens_with_the_demo_key() -> None:
    closed = json.loads(run_cli("readiness", "tomas", "--root", ROOT, "--format", "json").stdout)
    buddy = next(m for m in closed["milestones"] if m["id"] == "engineering/onboarding-buddy")
    assert (closed["complete"], buddy["sealed"], buddy["missing"]) == (False, 1, ["criterion"])
    key = ROOT / "example" / "keys" / "committee-demo.agekey"
    opened = json.loads(run_cli("readiness", "tomas", "--root", ROOT, "--format", "json", "--identity", key).stdout)
    assert opened["complete"] is True
    assert run_cli("check", "--root", ROOT, "--strict", "--no-cache", "--identity", key).stdout == ""


def test_waiver_and_overdue_are_present() -> None:
    jonah = json.loads(run_cli("readiness", "jonah", "--root", ROOT, "--format", "json").stdout)
    farah = json.loads(run_cli("readiness", "farah", "--root", ROOT, "--format", "json").stdout)
    assert [m["status"] for m in jonah["milestones"]].count("waived") == 1
    assert [m["status"] for m in farah["milestones"]].count("overdue") == 1
