"""Competency coverage in readiness: rows per competency expected at the target, and the overall status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.assess.readiness import Readiness, assess_readiness
from generator.link.competencies import ResolvedCompetency, resolve_competencies
from generator.link.project import Project
from generator.model.competency import Competency
from generator.model.framework import Framework
from generator.model.portfolio import Entry, Profile
from generator.model.track import Track

AS_OF = dt.date(2026, 11, 1)


def framework(**readiness: Any) -> Framework:
    """The earlier rule unless a test says otherwise: any evidence entry that links a competency."""
    readiness.setdefault("competency_confirmation", [])
    return Framework.model_validate({
        "name": "F", "version": "2026.2", "domains": [{"id": "technical", "name": "Technical"}],
        "levels": [{"id": "L1", "name": "One"}, {"id": "L2", "name": "Two"}], "readiness": readiness})


COMPETENCIES = [
    {"id": "craft", "name": "Craft", "domain": "technical", "levels": {
        "L1": {"behaviours": [{"id": "tests", "text": "Writes tests"}]},
        "L2": {"behaviours": [{"id": "reviews", "text": "Reviews designs"}]}}},
    {"id": "backend-craft", "extends": "craft", "levels": {"L2": {"behaviours": ["Owns a service"]}}},
    {"id": "design", "name": "Design", "domain": "technical", "levels": {"L2": {"behaviours": ["Sketches first"]}}},
    {"id": "l1-only", "name": "Early", "domain": "technical", "levels": {"L3": {"behaviours": ["Later"]}}},
]


def resolved(f: Framework, *ids: str) -> list[ResolvedCompetency]:
    project = Project(root=Path("."), as_of=AS_OF, framework=f,
                      competencies=[Competency.model_validate(c) for c in COMPETENCIES])
    everything = resolve_competencies(project)
    return [everything[i] for i in ids]


def track(*milestones: dict[str, Any]) -> Track:
    return Track.model_validate({"id": "eng", "name": "Eng", "levels": [
        {"level": "L1", "title": "Associate"}, {"level": "L2", "title": "Engineer", "milestones": list(milestones)}]})


def entry(date: str, kind: str = "project", **links: Any) -> Entry:
    return Entry.model_validate({"title": "t", "date": date, "kind": kind, **links})


def assess(entries: dict[str, Entry], *milestones: dict[str, Any], f: Framework | None = None,
           ids: tuple[str, ...] = ("backend-craft", "design")) -> Readiness:
    f = f or framework()
    profile = Profile.model_validate({"name": "Ada", "track": "eng", "level": "L1", "target": "L2",
                                      "since": "2026-06-01"})
    return assess_readiness(f, track(*milestones), "ada", profile, list(entries.items()), AS_OF, {},
                            resolved(f, *ids))


def test_a_row_per_competency_with_behaviours_expected_at_the_target() -> None:
    r = assess({}, ids=("backend-craft", "design", "l1-only"))
    assert [(c.id, c.status) for c in r.competencies] == [("backend-craft", "missing"), ("design", "missing")]
    assert [b.text for b in r.competencies[0].expected] == ["Writes tests", "Reviews designs", "Owns a service"]


def test_linked_by_id_by_id_at_target_by_parent_or_by_behaviour() -> None:
    r = assess({"a": entry("2026-10-01", competencies=["design@L2"]),
                "b": entry("2026-10-02", behaviours=["craft/reviews", "craft/tests"])})
    assert [(c.id, c.status, c.behaviours, c.entries) for c in r.competencies] == [
        ("backend-craft", "evidenced", ["reviews", "tests"], ["b"]), ("design", "evidenced", [], ["a"])]
    assert r.as_json()["competencies"][0] == {"id": "backend-craft", "status": "evidenced",
                                              "behaviours": ["reviews", "tests"], "entries": ["b"],
                                              "name": "Craft", "domain": "technical",
                                              "confirmed_behaviours": 0, "expected_behaviours": 2}
    assert r.as_json()["coverage"] == {"evidenced": 2, "claimed": 0, "required": 2, "needed_percent": 100}


def test_another_level_or_feedback_alone_or_old_entries_do_not_evidence() -> None:
    r = assess({"a": entry("2026-10-01", competencies=["design@L1"]),
                "b": entry("2026-10-01", kind="feedback", competencies=["backend-craft"],
                           **{"from": "grace", "role": "peer"}),
                "c": entry("2024-01-01", competencies=["design"])})
    assert [(c.id, c.status, c.entries) for c in r.competencies] == [
        ("backend-craft", "missing", ["b"]), ("design", "missing", [])]


def test_without_milestones_coverage_decides_and_defaults_to_all() -> None:
    half = {"a": entry("2026-10-01", competencies=["design"])}
    assert assess(half).status == "on_track"  # 1/2 >= on_track_ratio, below the default coverage 1.0
    assert assess(half, f=framework(on_track_ratio=0.6)).status == "not_yet"
    assert assess(half, f=framework(competency_coverage=0.5)).status == "ready"
    both = {**half, "b": entry("2026-10-01", competencies=["backend-craft"])}
    assert (assess(both).status, assess(both).coverage_needed) == ("ready", 1.0)


def test_with_milestones_coverage_only_holds_back_ready() -> None:
    met = {"m": entry("2026-10-01", milestones=["eng/a"],
                      feedback=[{"from": "grace", "role": "manager", "text": "ok", "verdict": "met"}])}
    a = {"id": "a", "title": "A", "domain": "technical", "criterion": {"text": "Done."}}
    assert assess(met, a).status == "ready"  # default coverage with milestones is 0
    assert assess(met, a, f=framework(competency_coverage=0.5)).status == "on_track"
    assert assess({**met, "d": entry("2026-10-01", competencies=["design"])}, a,
                  f=framework(competency_coverage=0.5)).status == "ready"
