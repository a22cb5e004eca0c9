"""The words every view uses for statuses, so the terminal, portfolios and reports say the same thing."""

from __future__ import annotations

COMPETENCY_LABELS = {"evidenced": "evidenced", "claimed": "claimed, not confirmed", "missing": "no evidence"}


# who confirms a competency under the default policy, in words
CONFIRMERS = "your manager, mentor or sponsor, a committee member or a peer"


# What a missing code asks for, in a few words (tables); codes stay in JSON output only.
GAP_WORDS = {"entries": "more evidence", "criterion": "the pass criterion", "occurrences": "more occasions",
             "spread": "evidence spread over time"}
FEEDBACK_WORDS = {"self": "a self-assessment", "peer": "a peer's feedback", "manager": "the manager's feedback",
                  "mentor": "the mentor's feedback", "sponsor": "the sponsor's feedback",
                  "committee": "a committee member's feedback", "customer": "a customer's feedback"}


def gap_words(code: str) -> str:
    if code.startswith("feedback:"):
        role = code.removeprefix("feedback:")
        return FEEDBACK_WORDS.get(role, f"feedback from a {role}")
    return GAP_WORDS.get(code, code)


def label(status: str) -> str:
    return status.replace("_", " ")


def competency_label(status: str) -> str:
    return COMPETENCY_LABELS.get(status, label(status))
