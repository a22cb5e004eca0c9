"""What changes between adjacent levels."""

from __future__ import annotations

from generator.model.competency import Competency
from generator.render.site.steps import compare_behaviours


def competency(**levels: list[str]) -> Competency:
    return Competency.model_validate({"id": "c", "name": "C", "domain": "d",
                                      "levels": {k: {"behaviours": v} for k, v in levels.items()}})


def test_new_changed_kept_and_dropped_behaviours() -> None:
    c = competency(L1=["Writes unit tests for own code", "Asks for help", "Keeps notes"],
                   L2=["Writes unit tests for own code", "Writes integration tests for own code",
                       "Runs the team retrospective"])
    result = compare_behaviours(c, "L1", "L2")
    assert result.kept == ["Writes unit tests for own code"]
    assert result.changed == []  # "integration tests" is new, not a rewording of a dropped behaviour
    assert set(result.new) == {"Writes integration tests for own code", "Runs the team retrospective"}
    assert result.dropped == ["Asks for help", "Keeps notes"]


def test_a_reworded_behaviour_is_changed() -> None:
    c = competency(L1=["Reviews tests of others"], L2=["Reviews tests and designs of others"])
    result = compare_behaviours(c, "L1", "L2")
    assert result.changed == [("Reviews tests of others", "Reviews tests and designs of others")]
    assert result.new == [] and result.dropped == []


def test_first_described_at_the_upper_level() -> None:
    result = compare_behaviours(competency(L2=["Pairs with new joiners"]), "L1", "L2")
    assert result.first_at_upper and result.new == ["Pairs with new joiners"]


def test_not_described_at_the_upper_level_is_no_change() -> None:
    result = compare_behaviours(competency(L1=["Pairs"]), "L1", "L2")
    assert not result.any
