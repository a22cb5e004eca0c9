"""What changes from one level of a track to the next: new milestones, new and changed behaviours.

Only the track's competencies count. With cumulative expectations (the default) nothing
is ever "no longer listed": earlier behaviours stay expected and are summed up as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.link.competencies import Behaviour, ResolvedCompetency
from generator.model.track import Track, TrackLevel


@dataclass
class BehaviourChanges:
    competency: ResolvedCompetency
    new: list[Behaviour] = field(default_factory=list)
    changed: list[tuple[Behaviour, Behaviour]] = field(default_factory=list)   # (before, after)
    replaced: list[tuple[Behaviour, Behaviour]] = field(default_factory=list)  # (old, the one replacing it)
    removed: list[Behaviour] = field(default_factory=list)
    dropped: list[Behaviour] = field(default_factory=list)                     # restated only
    kept: list[Behaviour] = field(default_factory=list)
    first_at_upper: bool = False

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.replaced or self.removed or self.dropped)


@dataclass
class Step:
    track: Track
    lower: TrackLevel
    upper: TrackLevel
    competencies: list[BehaviourChanges]


def compare_levels(competency: ResolvedCompetency, lower: str, upper: str) -> BehaviourChanges:
    """What the levels above `lower` up to `upper` add, reword, replace or no longer list."""
    order = competency.order
    between = order[order.index(lower) + 1:order.index(upper) + 1] if lower in order and upper in order else [upper]
    before, after = competency.expected_at(lower), competency.expected_at(upper)
    result = BehaviourChanges(competency, first_at_upper=not before and bool(after))
    for level_id in between:
        level = competency.levels.get(level_id)
        if level is None:
            continue
        result.new += [b for b in level.new if b in after]
        result.changed += [(a, b) for a, b in level.changed if b in after]
        result.replaced += level.replaced
        result.removed += level.removed
        result.dropped += level.dropped
    result.kept = [b for b in after if b in before]
    return result


def build_steps(track: Track, competencies: list[ResolvedCompetency],
                cache: dict[tuple[str, tuple[str, ...], str, str], BehaviourChanges] | None = None) -> list[Step]:
    """One step per adjacent pair of the track's levels (its path), over the track's competencies.

    Changes depend on the competency, its level path and the two levels only: `cache` shares
    them between tracks on the same path.
    """
    cache = {} if cache is None else cache
    steps = []
    for lower, upper in zip(track.levels, track.levels[1:], strict=False):
        changes = []
        for c in competencies:
            key = (c.id, tuple(c.order), lower.level, upper.level)
            if key not in cache:
                cache[key] = compare_levels(c, lower.level, upper.level)
            changes.append(cache[key])
        steps.append(Step(track, lower, upper, [c for c in changes if c.any]))
    return steps
