"""What the team views and the programme report write instead of codes: durations and gaps in words."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model.types import duration_words
from generator.render.wording import gap_words

__all__ = ["duration_words", "missing_words"]


def missing_words(codes: Iterable[str], by_verdict: bool = False, measured: str = "") -> str:
    """What a milestone still needs, as a list of words ("a peer's feedback, more evidence").

    A criterion that is a verdict is met by someone saying so: the reader is told whose word it waits for;
    a measured one says the target and the best value so far.
    """
    def words(code: str) -> str:
        if code == "criterion" and by_verdict:
            return "a “met” verdict"
        if code == "criterion" and measured:
            return measured
        return gap_words(code)
    return ", ".join(words(code) for code in codes)
