"""The readiness rules of the spec, one behaviour per test, on models built in memory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.assess.portfolio import next_steps
from generator.assess.readiness import Readiness, assess_readiness
from generator.model.framework import Framework
from generator.model.portfolio import Entry, Profile
from generator.model.track import Track

AS_OF = dt.date(2026, 11, 1)


def framework(**readiness: Any) -> Framework:
    return Framework.model_validate({
        "name": "F", "version": "2026.2",
        "domains": [{"id": "technical", "name": "Technical"}, {"id": "leadership", "name": "Leadership"}],
        "levels": [{"id": "L1", "name": "One"}, {"id": "L2", "name": "Two"}],
        "readiness": readiness})


def milestone(mid: str, **extra: Any) -> dict[str, Any]:
    return {"id": mid, "title": mid.title(), "domain": "technical", "criterion": {"text": "Done."}, **extra}


def track(*milestones: dict[str, Any]) -> Track:
    return Track.model_validate({"id": "eng", "name": "Eng", "levels": [
        {"level": "L1", "title": "Associate"}, {"level": "L2", "title": "Engineer", "milestones": list(milestones)}]})


def profile(**extra: Any) -> Profile:
    return Profile.model_validate({"name": "Ada", "track": "eng", "level": "L1", "target": "L2",
                                   "since": "2026-06-01", **extra})


def entry(date: str, *milestones: str, kind: str = "project", **extra: Any) -> Entry:
    return Entry.model_validate({"title": "t", "date": date, "kind": kind, "milestones": list(milestones), **extra})


def met_by_manager(date: str, *milestones: str) -> Entry:
    return entry(date, *milestones, feedback=[{"from": "grace", "role": "manager", "text": "ok", "verdict": "met"}])


def assess(t: Track, entries: dict[str, Entry], p: Profile | None = None, f: Framework | None = None,
           as_of: dt.date = AS_OF, bodies: dict[str, str] | None = None) -> Readiness:
    return assess_readiness(f or framework(), t, "ada", p or profile(), list(entries.items()), as_of, bodies)


def only(r: Readiness) -> tuple[str, list[str]]:
    assert len(r.milestones) == 1
    return r.milestones[0].status, r.milestones[0].missing


def test_met_when_nothing_is_missing() -> None:
    r = assess(track(milestone("a")), {"e1": met_by_manager("2026-10-01", "eng/a")})
    assert only(r) == ("met", [])
    assert r.status == "ready"


def test_not_started_without_any_linked_entry() -> None:
    r = assess(track(milestone("a")), {"e1": met_by_manager("2026-10-01", "eng/other")})
    assert only(r) == ("not_started", ["entries", "criterion"])


def test_entries_missing_when_fewer_than_needed() -> None:
    t = track(milestone("a", evidence={"entries": 2}))
    r = assess(t, {"e1": met_by_manager("2026-10-01", "eng/a")})
    assert only(r) == ("in_progress", ["entries"])
    r = assess(t, {"e1": met_by_manager("2026-10-01", "eng/a"), "e2": entry("2026-10-02", "eng/a")})
    assert only(r) == ("met", [])


def test_feedback_entries_are_not_evidence_entries() -> None:
    fb = entry("2026-10-01", "eng/a", kind="feedback", **{"from": "grace", "role": "manager", "verdict": "met"})
    r = assess(track(milestone("a")), {"f1": fb})
    assert only(r) == ("in_progress", ["entries"])
    assert r.milestones[0].evidence == []
    assert r.milestones[0].entries == ["f1"]


def test_expired_evidence_does_not_count() -> None:
    t = track(milestone("a"))
    old = {"e1": met_by_manager("2025-10-31", "eng/a")}  # 366 days before the as-of date
    assert only(assess(t, old)) == ("not_started", ["entries", "criterion"])
    edge = {"e1": met_by_manager("2025-11-01", "eng/a")}  # exactly 365 days: still counts
    assert only(assess(t, edge)) == ("met", [])


def test_evidence_max_age_comes_from_the_policy() -> None:
    entries = {"e1": met_by_manager("2026-07-01", "eng/a")}
    assert only(assess(track(milestone("a")), entries, f=framework(evidence_max_age="90d")))[0] == "not_started"
    assert only(assess(track(milestone("a")), entries, f=framework(evidence_max_age="6m")))[0] == "met"


def test_entries_after_the_as_of_date_do_not_count() -> None:
    r = assess(track(milestone("a")), {"e1": met_by_manager("2026-11-02", "eng/a")})
    assert only(r) == ("not_started", ["entries", "criterion"])


def test_metric_missing_and_metric_failing_both_miss_the_criterion() -> None:
    t = track(milestone("a", criterion={"text": "x", "metric": "gain_pct", "target": ">= 15"}))
    absent = assess(t, {"e1": entry("2026-10-01", "eng/a", metrics={"other": 50})})
    failing = assess(t, {"e1": entry("2026-10-01", "eng/a", metrics={"gain_pct": 14.9})})
    passing = assess(t, {"e1": entry("2026-10-01", "eng/a", metrics={"gain_pct": 15})})
    assert only(absent) == ("in_progress", ["criterion"])
    assert absent.milestones[0].measured is None
    assert only(failing) == ("in_progress", ["criterion"])
    assert failing.milestones[0].measured == 14.9
    assert only(passing) == ("met", [])


def test_metric_on_a_feedback_entry_does_not_meet_the_criterion() -> None:
    t = track(milestone("a", evidence={"entries": 0}, criterion={"text": "x", "metric": "n", "target": 1}))
    fb = entry("2026-10-01", "eng/a", kind="feedback", metrics={"n": 5}, **{"from": "grace", "role": "peer"})
    assert only(assess(t, {"f1": fb})) == ("in_progress", ["criterion"])


def test_metric_targets_use_their_operator() -> None:
    t = track(milestone("a", criterion={"text": "x", "metric": "latency_ms", "target": "< 200"}))
    assert only(assess(t, {"e1": entry("2026-10-01", "eng/a", metrics={"latency_ms": 200})}))[1] == ["criterion"]
    assert only(assess(t, {"e1": entry("2026-10-01", "eng/a", metrics={"latency_ms": 199})}))[1] == []


def test_criterion_without_metric_needs_a_met_verdict_from_a_verdict_role() -> None:
    t = track(milestone("a"))

    def with_verdict(role: str, verdict: str) -> Readiness:
        item = {"from": "grace", "role": role, "text": "ok", "verdict": verdict}
        return assess(t, {"e1": entry("2026-10-01", "eng/a", feedback=[item])})

    for role in ("manager", "sponsor", "committee"):
        assert only(with_verdict(role, "met")) == ("met", []), role
    for role in ("peer", "mentor", "self", "customer"):
        assert only(with_verdict(role, "met")) == ("in_progress", ["criterion"]), role
    assert only(with_verdict("manager", "not_yet")) == ("in_progress", ["criterion"])


def test_a_feedback_entry_verdict_meets_the_criterion() -> None:
    fb = entry("2026-10-01", "eng/a", kind="feedback", **{"from": "barbara", "role": "sponsor", "verdict": "met"})
    r = assess(track(milestone("a")), {"e1": entry("2026-09-01", "eng/a"), "f1": fb}, bodies={"f1": "Great."})
    assert only(r) == ("met", [])
    assert [(f.entry, f.giver, f.role, f.text) for f in r.milestones[0].feedback] == [
        ("f1", "barbara", "sponsor", "Great.")]


def test_feedback_roles_missing_one_code_each_in_listed_order() -> None:
    t = track(milestone("a", evidence={"feedback": ["peer", "customer", "manager"]}))
    r = assess(t, {"e1": met_by_manager("2026-10-01", "eng/a")})
    assert only(r) == ("in_progress", ["feedback:peer", "feedback:customer"])


def test_feedback_list_items_and_feedback_entries_both_supply_roles() -> None:
    t = track(milestone("a", evidence={"feedback": ["peer", "customer"]}))
    fb = entry("2026-10-01", "eng/a", kind="feedback", **{"from": "linus", "role": "customer"})
    item = {"from": "linus", "role": "peer", "text": "good"}
    r = assess(t, {"e1": met_by_manager("2026-10-01", "eng/a"), "e2": entry("2026-10-02", "eng/a", feedback=[item]),
                   "f1": fb})
    assert only(r) == ("met", [])
    assert sorted(f.role for f in r.milestones[0].feedback) == ["customer", "manager", "peer"]


def test_feedback_on_an_unlinked_entry_does_not_count() -> None:
    t = track(milestone("a", evidence={"feedback": ["peer"]}))
    item = {"from": "linus", "role": "peer", "text": "good"}
    r = assess(t, {"e1": met_by_manager("2026-10-01", "eng/a"), "e2": entry("2026-10-02", "eng/b", feedback=[item])})
    assert only(r) == ("in_progress", ["feedback:peer"])


def test_occurrences_count_distinct_evidence_dates() -> None:
    t = track(milestone("a", evidence={"entries": 1, "occurrences": 3}))
    same_day = {"e1": met_by_manager("2026-10-01", "eng/a"), "e2": entry("2026-10-01", "eng/a"),
                "e3": entry("2026-10-01", "eng/a")}
    assert only(assess(t, same_day)) == ("in_progress", ["occurrences"])
    spread = {"e1": met_by_manager("2026-10-01", "eng/a"), "e2": entry("2026-10-02", "eng/a"),
              "e3": entry("2026-10-03", "eng/a")}
    assert only(assess(t, spread)) == ("met", [])


def test_occurrences_ignore_feedback_entry_dates() -> None:
    t = track(milestone("a", evidence={"occurrences": 2}))
    fb = entry("2026-10-05", "eng/a", kind="feedback", **{"from": "grace", "role": "peer"})
    assert only(assess(t, {"e1": met_by_manager("2026-10-01", "eng/a"), "f1": fb}))[1] == ["occurrences"]


def test_spread_not_reached_until_first_to_last_span_is_long_enough() -> None:
    t = track(milestone("a", evidence={"entries": 2, "spread": "4w"}))
    short = {"e1": met_by_manager("2026-09-01", "eng/a"), "e2": entry("2026-09-28", "eng/a")}  # 27 days
    assert only(assess(t, short)) == ("in_progress", ["spread"])
    enough = {"e1": met_by_manager("2026-09-01", "eng/a"), "e2": entry("2026-09-29", "eng/a")}  # 28 days
    assert only(assess(t, enough)) == ("met", [])


def test_spread_without_evidence_is_missing() -> None:
    t = track(milestone("a", evidence={"spread": "1w"}))
    assert only(assess(t, {})) == ("not_started", ["entries", "criterion", "spread"])


def test_missing_codes_follow_the_spec_order() -> None:
    t = track(milestone("a", evidence={"entries": 3, "feedback": ["peer"], "occurrences": 2, "spread": "30d"},
                        criterion={"text": "x", "metric": "n", "target": 10}))
    r = assess(t, {"e1": entry("2026-10-01", "eng/a", metrics={"n": 1})})
    assert only(r) == ("in_progress", ["entries", "criterion", "feedback:peer", "occurrences", "spread"])


def test_waived_comes_first_and_lists_nothing_missing() -> None:
    p = profile(waivers=[{"milestone": "eng/a", "reason": "No pilot budget", "approved_by": "grace"}])
    r = assess(track(milestone("a", horizon="30d")), {}, p=p)
    assert only(r) == ("waived", [])
    assert r.milestones[0].waiver is not None and r.milestones[0].waiver.reason == "No pilot budget"
    assert r.status == "ready"
    assert r.domains == {"technical": {"met": 1, "required": 1}}


def test_overdue_when_horizon_passed_before_the_as_of_date() -> None:
    t = track(milestone("a", horizon="90d"))  # since 2026-06-01: due 2026-08-30
    r = assess(t, {"e1": entry("2026-10-01", "eng/a")})
    assert only(r) == ("overdue", ["criterion"])
    assert (r.milestones[0].deadline, r.milestones[0].days_left) == (dt.date(2026, 8, 30), -63)
    on_deadline = assess(t, {"e1": entry("2026-08-01", "eng/a")}, as_of=dt.date(2026, 8, 30))
    assert only(on_deadline)[0] == "in_progress"
    assert on_deadline.milestones[0].days_left == 0


def test_overdue_also_without_any_evidence() -> None:
    assert only(assess(track(milestone("a", horizon="1w")), {}))[0] == "overdue"


def test_met_beats_overdue() -> None:
    r = assess(track(milestone("a", horizon="1w")), {"e1": met_by_manager("2026-10-01", "eng/a")})
    assert only(r) == ("met", [])


def test_without_horizon_nothing_is_overdue() -> None:
    r = assess(track(milestone("a")), {})
    assert (r.milestones[0].status, r.milestones[0].deadline, r.milestones[0].days_left) == (
        "not_started", None, None)


def test_in_progress_with_only_a_feedback_item() -> None:
    fb = entry("2026-10-01", "eng/a", kind="feedback", **{"from": "linus", "role": "peer"})
    assert only(assess(track(milestone("a")), {"f1": fb})) == ("in_progress", ["entries", "criterion"])


def test_target_level_with_nothing_to_assess_is_never_ready() -> None:
    t = Track.model_validate({"id": "eng", "name": "Eng", "levels": [
        {"level": "L1", "title": "A"}, {"level": "L2", "title": "B", "milestones": []}]})
    r = assess(t, {})
    assert (r.status, r.milestones, r.domains, r.competencies) == ("not_yet", [], {}, [])


def test_on_track_ratio_is_inclusive() -> None:
    t = track(milestone("a"), milestone("b"))
    half = {"e1": met_by_manager("2026-10-01", "eng/a")}
    assert assess(t, half).status == "on_track"  # 1/2 >= 0.5
    assert assess(t, half, f=framework(on_track_ratio=0.51)).status == "not_yet"
    assert assess(t, {}, f=framework(on_track_ratio=0)).status == "on_track"


def test_any_overdue_milestone_prevents_on_track() -> None:
    t = track(milestone("a"), milestone("b"), milestone("c", horizon="30d"))
    entries = {"e1": met_by_manager("2026-10-01", "eng/a", "eng/b")}
    r = assess(t, entries)
    assert [m.status for m in r.milestones] == ["met", "met", "overdue"]
    assert r.status == "not_yet"


def test_domains_count_met_or_waived_per_framework_domain_in_order() -> None:
    t = track(milestone("a", domain="leadership"), milestone("b"), milestone("c"))
    p = profile(waivers=[{"milestone": "eng/c", "reason": "r", "approved_by": "grace"}])
    r = assess(t, {"e1": met_by_manager("2026-10-01", "eng/a")}, p=p)
    assert list(r.domains.items()) == [("technical", {"met": 1, "required": 2}),
                                       ("leadership", {"met": 1, "required": 1})]


def test_json_has_the_spec_keys() -> None:
    r = assess(track(milestone("a")), {"2026-10-01-x": entry("2026-10-01", "eng/a")})
    data = r.as_json()
    assert {k: data[k] for k in ("person", "track", "level", "target", "framework", "as_of", "status", "domains")} == {
        "person": "ada", "track": "eng", "level": "L1", "target": "L2", "framework": "2026.2",
        "as_of": "2026-11-01", "status": "not_yet", "domains": {"technical": {"met": 0, "required": 1}}}
    assert [{k: m[k] for k in ("id", "status", "missing", "entries")} for m in data["milestones"]] == [
        {"id": "eng/a", "status": "in_progress", "missing": ["criterion"], "entries": ["2026-10-01-x"]}]


def test_linked_entries_are_listed_oldest_first() -> None:
    r = assess(track(milestone("a")), {"b": entry("2026-10-02", "eng/a"), "a": entry("2026-10-03", "eng/a"),
                                       "c": entry("2026-10-01", "eng/a")})
    assert r.milestones[0].entries == ["c", "b", "a"]


def test_next_steps_put_overdue_first_then_closest_to_done() -> None:
    t = track(milestone("far", evidence={"feedback": ["peer", "customer"]}), milestone("near"),
              milestone("late", horizon="1w"), milestone("done"))
    r = assess(t, {"e1": entry("2026-10-01", "eng/near", "eng/far"), "e2": met_by_manager("2026-10-01", "eng/done")})
    assert [s.result.ref for s in next_steps(r)] == ["eng/late", "eng/near", "eng/far"]
    assert next_steps(r)[1].actions == ["get a 'met' verdict from a manager, sponsor or committee member"]
