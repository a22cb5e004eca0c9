"""The words every view uses for statuses, so the terminal, portfolios and reports say the same thing."""

from __future__ import annotations

COMPETENCY_LABELS = {"evidenced": "evidenced", "claimed": "claimed, not confirmed", "missing": "no evidence"}


# who confirms a competency under the default policy, in words
CONFIRMERS = "your manager, mentor or sponsor, a committee member or a peer"


def label(status: str) -> str:
    return status.replace("_", " ")


def competency_label(status: str) -> str:
    return COMPETENCY_LABELS.get(status, label(status))
