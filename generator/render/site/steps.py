"""What changes from one level to the next: new milestones, new and changed behaviours."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.model.competency import Competency
from generator.model.framework import Framework
from generator.model.track import Track, TrackLevel

# Two behaviours this similar are one behaviour reworded (changed), not one dropped and one new.
SIMILAR = 0.6


@dataclass
class BehaviourChanges:
    competency: Competency
    new: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (before, after)
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    first_at_upper: bool = False

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.dropped)


@dataclass
class Step:
    track: Track
    lower: TrackLevel
    upper: TrackLevel
    competencies: list[BehaviourChanges]


def compare_behaviours(competency: Competency, lower: str, upper: str) -> BehaviourChanges:
    """Classify the behaviours expected at `upper` against those at `lower`."""
    before = competency.levels[lower].behaviours if lower in competency.levels else []
    after = competency.levels[upper].behaviours if upper in competency.levels else []
    result = BehaviourChanges(competency, first_at_upper=not before and bool(after))
    unmatched = [b for b in before if b not in after]
    for behaviour in after:
        if behaviour in before:
            result.kept.append(behaviour)
            continue
        best = _most_similar(behaviour, unmatched)
        if best is not None:
            result.changed.append((best, behaviour))
            unmatched.remove(best)
        else:
            result.new.append(behaviour)
    # A competency not described at the upper level keeps its lower expectations.
    result.dropped = unmatched if after else []
    return result


def _most_similar(behaviour: str, candidates: list[str]) -> str | None:
    """The candidate most like `behaviour`, if it is similar enough to count as a rewording."""
    best, best_ratio = None, SIMILAR
    for old in candidates:
        matcher = SequenceMatcher(None, old, behaviour)
        if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = old, ratio
    return best


def build_steps(framework: Framework, track: Track, competencies: list[Competency],
                cache: dict[tuple[str, str, str], BehaviourChanges] | None = None) -> list[Step]:
    """One step per adjacent pair of levels on the track's ladder.

    Behaviour changes depend on the levels only, not the track: `cache` shares them between tracks.
    """
    cache = {} if cache is None else cache
    order = {lv.id: i for i, lv in enumerate(framework.levels)}
    ladder = sorted(track.levels, key=lambda lv: order.get(lv.level, len(order)))
    steps = []
    for lower, upper in zip(ladder, ladder[1:], strict=False):
        changes = []
        for c in competencies:
            key = (c.id, lower.level, upper.level)
            if key not in cache:
                cache[key] = compare_behaviours(c, lower.level, upper.level)
            changes.append(cache[key])
        steps.append(Step(track, lower, upper, [c for c in changes if c.any]))
    return steps
