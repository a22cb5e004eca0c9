"""The words every view uses for statuses and gaps, so the terminal, portfolios and reports say the same thing.

Missing-evidence codes (`feedback:peer`, `criterion`, ...) and metric names stay in JSON output
only; everything a person reads goes through these functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.assess.readiness import MilestoneResult, Readiness

COMPETENCY_LABELS = {"evidenced": "evidenced", "claimed": "claimed, not confirmed", "missing": "no evidence"}


# who confirms a competency under the default policy, in words
CONFIRMERS = "your manager, mentor or sponsor, a committee member or a peer"


# What a missing code asks for, in a few words, where the milestone's own numbers are not at hand.
GAP_WORDS = {"entries": "more evidence", "criterion": "the pass criterion", "occurrences": "more occasions",
             "spread": "evidence spread over time", "evidence": "evidence and its confirmation"}
FEEDBACK_WORDS = {"self": "a self-assessment", "peer": "a peer's feedback", "manager": "the manager's feedback",
                  "mentor": "the mentor's feedback", "sponsor": "the sponsor's feedback",
                  "committee": "a committee member's feedback", "customer": "a customer's feedback"}
# A feedback role as a noun: "feedback from a peer, the manager".
ROLE_NAMES = {"self": "a self-assessment", "peer": "a peer", "manager": "the manager", "mentor": "the mentor",
              "sponsor": "the sponsor", "committee": "a committee member", "customer": "a customer"}
VERDICT_NEEDED = "a “met” verdict from the manager, the sponsor or a committee member"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def percent(share: float) -> str:
    return f"{round(share * 100)}\u00a0%"


def gap_words(code: str) -> str:
    if code.startswith("feedback:"):
        role = code.removeprefix("feedback:")
        return FEEDBACK_WORDS.get(role, f"feedback from a {role}")
    return GAP_WORDS.get(code, code.replace("_", " "))


def measured_words(result: MilestoneResult) -> str:
    """The criterion's metric against its target and what was measured: "efficiency gain ≥ 15 %: measured 19 %"."""
    criterion = result.milestone.criterion
    if result.measured is None:
        return f"{criterion.rule()}: nothing measured yet"
    return (f"{criterion.rule()}: measured {criterion.amount(result.measured)}"
            + (" (self-reported)" if result.self_reported else ""))


def missing_words(result: MilestoneResult, code: str, evidence_dates: Sequence[dt.date] = ()) -> str:
    """One missing code of a milestone in words, with the milestone's own numbers."""
    m, need = result.milestone, result.milestone.evidence
    if code == "entries":
        return f"{plural(need.entries, 'piece', 'pieces')} of evidence: {so_far(len(result.evidence))}"
    if code == "criterion" and m.criterion.metric:
        return measured_words(result)
    if code == "criterion":
        return VERDICT_NEEDED
    dates = sorted(set(evidence_dates))
    if code == "occurrences":
        return f"evidence on {need.occurrences} separate days: {so_far(len(dates))}"
    if code == "spread":
        has = (dates[-1] - dates[0]).days if dates else 0
        return f"evidence spread over {plural(need.spread_days, 'day')}: {so_far(has, 'day')}"
    return gap_words(code)


def so_far(n: int, unit: str = "") -> str:
    if n == 0:
        return "none so far"
    return f"{plural(n, unit) if unit else n} so far"


def evidence_count(has: int, needed: int) -> str:
    """Pieces of evidence against those required, never "3 of 2"."""
    if has < needed:
        return f"{has} of the {plural(needed, 'piece', 'pieces')} of evidence required"
    pieces = "piece" if has == 1 else "pieces"
    return f"{has} {pieces} of evidence ({needed} required)" if needed else f"{has} {pieces} of evidence"


def label(status: str) -> str:
    return status.replace("_", " ")


def competency_label(status: str) -> str:
    return COMPETENCY_LABELS.get(status, label(status))


VERDICTS = {"ready": "Ready for {target}", "on_track": "On track for {target}", "not_yet": "Not yet ready for {target}"}


def verdict_words(status: str, target: str) -> str:
    """The overall status as a headline: "Not yet ready for Staff engineer (L5)"."""
    return VERDICTS.get(status, label(status) + " for {target}").format(target=target)


def readiness_reasons(readiness: Readiness, on_track_ratio: float) -> list[str]:
    """Why the overall status is what it is, in sentences a committee reads without the rules at hand."""
    results, cover = readiness.milestones, readiness.coverage
    reasons = []
    if results:
        resolved = sum(1 for m in results if m.status in ("met", "waived"))
        overdue = [m.milestone.title for m in results if m.status == "overdue"]
        reasons.append(f"{resolved} of {plural(len(results), 'target milestone')} met or waived"
                       + ("." if resolved == len(results) else
                          f"; on track needs {percent(on_track_ratio)} of them met or waived and none overdue."))
        if overdue:
            reasons.append(f"Overdue: {', '.join(overdue)}.")
    if readiness.competencies and (readiness.coverage_needed or not results):
        needed = readiness.coverage_needed or 1.0
        have = f"{cover['evidenced']} of {plural(cover['required'], 'competency', 'competencies')} evidenced"
        ready = "all of them" if needed >= 1 else percent(needed)
        if readiness.status == "ready":
            reasons.append(f"{have} ({ready} needed).")
        else:
            reasons.append(f"{have}; ready needs {ready}" + ("." if results else
                                                             f", on track {percent(on_track_ratio)}."))
    elif readiness.competencies:
        reasons.append(f"{cover['evidenced']} of {plural(cover['required'], 'competency', 'competencies')} "
                       "evidenced: information for the conversation, not required for the status at this level.")
    if not results and not readiness.competencies:
        reasons.append("The target level sets no milestones and no competencies: there is nothing to assess.")
    return reasons
