"""Durations and missing evidence as the team views write them."""

from __future__ import annotations

import pytest

from generator.render.reports.words import duration_words, missing_words


@pytest.mark.parametrize(("code", "words"), [("6m", "6 months"), ("1y", "1 year"), ("90d", "90 days"),
                                             ("1w", "1 week"), (None, "none")])
def test_a_duration_in_words(code: str | None, words: str) -> None:
    assert duration_words(code) == words


def test_missing_evidence_in_words() -> None:
    assert missing_words(["entries", "feedback:peer", "criterion"]) == (
        "more evidence, a peer's feedback, the pass criterion")
    assert missing_words(["criterion", "feedback:committee"], by_verdict=True) == (
        "a “met” verdict, a committee member's feedback")
