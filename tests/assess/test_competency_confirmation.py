"""Confirmation, not assertion: a competency counts when evidence links it and trusted feedback confirms it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.assess.readiness import Readiness, Trust, assess_readiness
from generator.link.competencies import resolve_competencies
from generator.link.project import Project
from generator.model.competency import Competency
from generator.model.framework import Framework
from generator.model.portfolio import Entry, Profile
from generator.model.track import Track
from generator.model.types import KINDS, ROLES, VERDICT_ROLES

AS_OF = dt.date(2026, 11, 1)
COMPETENCIES = [
    {"id": "craft", "name": "Craft", "domain": "technical", "levels": {
        "L1": {"behaviours": [{"id": "tests", "text": "Writes tests"}]},
        "L2": {"behaviours": [{"id": "reviews", "text": "Reviews designs"}]},
        "L3": {"behaviours": [{"id": "strategy", "text": "Sets the strategy"}]}}},
]


def framework(**readiness: Any) -> Framework:
    return Framework.model_validate({
        "name": "F", "version": "2026.2", "domains": [{"id": "technical", "name": "Technical"}],
        "levels": [{"id": "L1", "name": "One"}, {"id": "L2", "name": "Two"}, {"id": "L3", "name": "Three"}],
        "readiness": readiness})


def entry(kind: str = "project", **fields: Any) -> Entry:
    return Entry.model_validate({"title": "t", "date": "2026-10-01", "kind": kind, **fields})


def feedback(role: str = "manager", giver: str = "grace", **fields: Any) -> Entry:
    return entry("feedback", **{"from": giver, "role": role, "competencies": ["craft"], **fields})


TRACK = Track.model_validate({"id": "eng", "name": "Eng", "levels": [
    {"level": "L1", "title": "Associate"},
    {"level": "L2", "title": "Engineer", "milestones": [
        {"id": "ship", "title": "Ships", "domain": "technical", "competencies": ["craft"],
         "criterion": {"text": "A verdict"}}]}]})


def assess(entries: dict[str, Entry], trust: Trust, **policy: Any) -> Readiness:
    f = framework(**policy)
    project = Project(root=Path("."), as_of=AS_OF, framework=f,
                      competencies=[Competency.model_validate(c) for c in COMPETENCIES])
    profile = Profile.model_validate({"name": "Ada", "track": "eng", "level": "L1", "target": "L2",
                                      "since": "2026-06-01"})
    return assess_readiness(f, TRACK, "ada", profile, list(entries.items()), AS_OF, {},
                            [resolve_competencies(project)["craft"]], trust)


def verified(*keys: tuple[str, int]) -> Trust:
    return Trust(frozenset(VERDICT_ROLES), frozenset(keys))


def status(entries: dict[str, Entry], trust: Trust, **policy: Any) -> str:
    return assess(entries, trust, **policy).competencies[0].status


LINKED = {"p": entry(competencies=["craft"])}


@pytest.mark.parametrize(("entries", "trust", "expected"), [
    ({}, verified(), "missing"),
    (LINKED, verified(), "claimed"),                                             # the learner alone
    ({**LINKED, "f": feedback()}, verified(("f", 0)), "evidenced"),               # verified manager feedback
    ({**LINKED, "f": feedback()}, verified(), "claimed"),                         # written by someone else
    ({**LINKED, "f": feedback("peer", "noor")}, verified(("f", 0)), "evidenced"),
    ({**LINKED, "f": feedback("customer", "acme")}, verified(("f", 0)), "claimed"),  # role not trusted
    ({**LINKED, "f": feedback(verdict="not_yet")}, verified(("f", 0)), "claimed"),
    ({"r": entry("reflection", competencies=["craft"]), "f": feedback()}, verified(("f", 0)), "claimed"),
    ({"f": feedback()}, verified(("f", 0)), "claimed"),                           # feedback without evidence
    ({"p": entry(competencies=["craft"], feedback=[{"from": "grace", "role": "manager", "text": "Yes"}])},
     verified(("p", 0)), "evidenced"),                                            # an item inside the evidence
    ({"p": entry(competencies=["craft"], feedback=[{"from": "grace", "role": "manager", "text": "Yes"}])},
     verified(), "claimed"),
    ({"p": entry(milestones=["eng/ship"]), "f": feedback()}, verified(("f", 0)), "evidenced"),  # via milestone
    ({**LINKED, "f": feedback()}, Trust(frozenset(VERDICT_ROLES), frozenset({("f", 0)}),
                                        refused=frozenset({("f", 0)})), "claimed"),
])
def test_the_rule_table(entries: dict[str, Entry], trust: Trust, expected: str) -> None:
    assert status(entries, trust) == expected


def test_without_verification_asked_unverified_feedback_confirms() -> None:
    # verified_feedback_only: false gives readiness no facts (verified is None): every item counts
    assert status({**LINKED, "f": feedback()}, Trust()) == "evidenced"


def test_an_empty_confirmation_list_keeps_the_earlier_rule() -> None:
    reflection = {"r": entry("reflection", competencies=["craft"])}
    assert status(reflection, verified(), competency_confirmation=[]) == "evidenced"
    assert status(reflection, verified()) == "claimed"


def test_self_cannot_be_a_confirming_role() -> None:
    with pytest.raises(ValueError, match="cannot confirm their own competencies"):
        framework(competency_confirmation=["self", "manager"])


def test_behaviour_coverage_counts_confirmed_expected_behaviours() -> None:
    both = {"p": entry(behaviours=["craft/tests", "craft/reviews"]),
            "f": feedback(competencies=[], behaviours=["craft/reviews"])}
    trust = verified(("f", 0))
    result = assess(both, trust, behaviour_coverage=0.5).competencies[0]
    assert (result.status, result.confirmed, len(result.expected_ids)) == ("evidenced", ["reviews"], 2)
    assert result.as_json()["confirmed_behaviours"] == 1
    assert result.as_json()["expected_behaviours"] == 2
    assert status(both, trust, behaviour_coverage=0.75) == "claimed"


def test_behaviours_not_expected_at_the_target_evidence_nothing() -> None:
    later = {"p": entry(behaviours=["craft/strategy"]), "f": feedback(competencies=[], behaviours=["craft/strategy"])}
    result = assess(later, verified(("f", 0))).competencies[0]
    assert (result.status, result.entries) == ("missing", [])


OWN_KINDS = [k for k in KINDS if k != "feedback"]
LINKS = st.fixed_dictionaries({}, optional={
    "competencies": st.lists(st.sampled_from(["craft", "craft@L2", "craft@L1"]), max_size=2, unique=True),
    "behaviours": st.lists(st.sampled_from(["craft/tests", "craft/reviews"]), max_size=2, unique=True),
    "milestones": st.just(["eng/ship"])})


@st.composite
def own_entry(draw: st.DrawFn) -> Entry:
    """Anything the learner can write alone: any kind, any links, feedback they typed in any role's name."""
    kind = draw(st.sampled_from([*OWN_KINDS, "feedback"]))
    links = draw(LINKS)
    if kind == "feedback":
        return feedback(draw(st.sampled_from(ROLES)), draw(st.sampled_from(["ada", "grace", "noor"])), **links)
    items = draw(st.lists(st.builds(lambda r, g: {"from": g, "role": r, "text": "Great"},
                                    st.sampled_from(ROLES), st.sampled_from(["grace", "noor"])), max_size=2))
    return entry(kind, feedback=items, **links)


@settings(max_examples=200, deadline=None)
@given(st.lists(own_entry(), max_size=5))
def test_nothing_a_learner_writes_alone_evidences_a_competency(entries: list[Entry]) -> None:
    # Git verifies none of it: the learner committed every line (the default policy verifies feedback).
    result = assess({f"e{i}": e for i, e in enumerate(entries)}, verified()).competencies[0]
    assert result.status != "evidenced"
    assert result.confirmed == []


MEASURED = Track.model_validate({"id": "eng", "name": "Eng", "levels": [
    {"level": "L1", "title": "Associate"},
    {"level": "L2", "title": "Engineer", "milestones": [
        {"id": "cover", "title": "Covers", "domain": "technical",
         "criterion": {"text": "Coverage", "metric": "coverage_pct", "target": ">= 80"}}]}]})


def measured(entries: dict[str, Entry], trust: Trust) -> tuple[str, bool]:
    profile = Profile.model_validate({"name": "Ada", "track": "eng", "level": "L1", "target": "L2",
                                      "since": "2026-06-01"})
    result = assess_readiness(framework(), MEASURED, "ada", profile, list(entries.items()), AS_OF, {}, (),
                              trust).milestones[0]
    return result.status, result.self_reported


def test_a_measure_only_the_learner_reports_is_self_reported_and_the_verdict_rule_stays() -> None:
    alone = {"p": entry(milestones=["eng/cover"], metrics={"coverage_pct": 84})}
    assert measured(alone, verified()) == ("met", True)
    vouched = {"p": entry(milestones=["eng/cover"], metrics={"coverage_pct": 84},
                          feedback=[{"from": "grace", "role": "manager", "text": "Checked the report"}])}
    assert measured(vouched, verified(("p", 0))) == ("met", False)
    assert measured(vouched, verified()) == ("met", True)  # the item inside is not the giver's commit
    confirmed = {**alone, "f": feedback("peer", "noor", competencies=[], milestones=["eng/cover"])}
    assert measured(confirmed, verified(("f", 0))) == ("met", False)
