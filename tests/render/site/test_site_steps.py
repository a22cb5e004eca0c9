"""What changes between adjacent levels of a track, cumulative and restated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.link.competencies import ResolvedCompetency, resolve_competencies
from generator.link.project import Project
from generator.model.competency import Competency
from generator.model.framework import Framework
from generator.render.site.steps import BehaviourChanges, compare_levels


def competency(expectations: str = "restated", **levels: list[object]) -> ResolvedCompetency:
    framework = Framework.model_validate({"name": "F", "version": "1", "expectations": expectations,
                                          "domains": [{"id": "d", "name": "D"}],
                                          "levels": [{"id": i, "name": i} for i in ("L1", "L2", "L3")]})
    comp = Competency.model_validate({"id": "c", "name": "C", "domain": "d",
                                      "levels": {k: {"behaviours": v} for k, v in levels.items()}})
    return resolve_competencies(Project(Path("."), dt.date(2026, 1, 1), framework=framework,
                                        competencies=[comp]))["c"]


def texts(result: BehaviourChanges, name: str) -> list[str]:
    return [b.text for b in getattr(result, name)]


def test_restated_new_changed_kept_and_dropped_behaviours() -> None:
    c = competency(L1=["Writes unit tests for own code", "Asks for help", "Keeps notes"],
                   L2=["Writes unit tests for own code", "Writes integration tests for own code",
                       "Runs the team retrospective"])
    result = compare_levels(c, "L1", "L2")
    assert texts(result, "kept") == ["Writes unit tests for own code"]
    assert result.changed == []  # "integration tests" is new, not a rewording of a dropped behaviour
    assert texts(result, "new") == ["Writes integration tests for own code", "Runs the team retrospective"]
    assert texts(result, "dropped") == ["Asks for help", "Keeps notes"]


def test_cumulative_keeps_what_a_level_does_not_repeat() -> None:
    c = competency("cumulative", L1=["Writes unit tests for own code", "Asks for help"],
                   L2=["Writes integration tests for own code"])
    result = compare_levels(c, "L1", "L2")
    assert result.dropped == [] and texts(result, "new") == ["Writes integration tests for own code"]
    assert texts(result, "kept") == ["Writes unit tests for own code", "Asks for help"]


def test_a_reworded_behaviour_is_changed() -> None:
    result = compare_levels(competency(L1=["Reviews tests of others"], L2=["Reviews tests and designs of others"]),
                            "L1", "L2")
    assert [(a.text, b.text) for a, b in result.changed] == [
        ("Reviews tests of others", "Reviews tests and designs of others")]
    assert result.new == [] and result.dropped == []


def test_replaced_behaviours_are_named_with_their_replacement() -> None:
    c = competency("cumulative", L1=[{"id": "style", "text": "Reviews style"}],
                   L3=[{"id": "design", "text": "Reviews design", "replaces": "style"}])
    result = compare_levels(c, "L1", "L3")  # a step that skips L2
    assert [(a.id, b.id) for a, b in result.replaced] == [("style", "design")]
    assert texts(result, "new") == ["Reviews design"] and result.kept == []


def test_first_described_at_the_upper_level() -> None:
    result = compare_levels(competency(L2=["Pairs with new joiners"]), "L1", "L2")
    assert result.first_at_upper and texts(result, "new") == ["Pairs with new joiners"]


def test_not_described_at_the_upper_level_is_no_change() -> None:
    assert not compare_levels(competency(L1=["Pairs"]), "L1", "L2").any
