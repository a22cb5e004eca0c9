"""Recalibration signals: milestones that prove too hard or too easy, criteria set far from reality."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from generator.assess.portfolio import assessed_version
from generator.assess.timeline import Timeline
from generator.link.project import Portfolio, Project
from generator.link.versions import view_for_version
from generator.model.track import Milestone
from generator.model.types import duration_words, parse_target

EARLY_DAYS = 28  # "the first weeks" after `since`
EARLY_MIN_HORIZON = 56  # ... for milestones whose horizon gives them more than twice that
TARGET_WORDS = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "==": "exactly", "=": "exactly"}
FAR = 0.5  # a median this far (relative to the target) from it is a cluster far above or below


@dataclass
class Signal:
    """A milestone or criterion that may need recalibrating, with the figures behind the hint."""

    kind: str  # never_reached | met_early | metric_above | metric_below
    milestone: str
    title: str
    people: int  # people the figure is about
    detail: str
    hint: str


def target_milestones(project: Project, portfolio: Portfolio) -> list[tuple[str, Milestone]]:
    view = view_for_version(project, assessed_version(project, portfolio))
    track = view.track(portfolio.profile.track)
    level = track.level(portfolio.profile.target) if track else None
    return [(f"{track.id}/{m.id}", m) for m in level.milestones] if track and level else []


def median_far_from(values: Sequence[float], target: str) -> tuple[float, str] | None:
    """The median and 'above'/'below' when it lies at least FAR (relative) from the target's number."""
    if len(values) < 2:
        return None
    _, number = parse_target(target)
    median = statistics.median(values)
    scale = max(abs(number), 1.0)
    if median - number >= FAR * scale:
        return median, "above"
    if number - median >= FAR * scale:
        return median, "below"
    return None


def _targets(project: Project) -> dict[str, tuple[Milestone, list[Portfolio]]]:
    """Every milestone someone works towards, with those people, in a stable order."""
    found: dict[str, tuple[Milestone, list[Portfolio]]] = {}
    for p in project.portfolios:
        for ref, milestone in target_milestones(project, p):
            found.setdefault(ref, (milestone, []))[1].append(p)
    return dict(sorted(found.items()))


def never_reached(project: Project, ref: str, milestone: Milestone, people: list[Portfolio],
                  timelines: dict[str, Timeline]) -> Signal | None:
    if not milestone.horizon_days:
        return None
    due = [p for p in people if p.profile.since + dt.timedelta(days=milestone.horizon_days) < project.as_of]
    reached = [p for p in due if (met := timelines[p.id].first_met(ref)) is not None
               and met <= p.profile.since + dt.timedelta(days=milestone.horizon_days)]
    if not due or reached:
        return None
    horizon = duration_words(milestone.horizon)
    return Signal("never_reached", ref, milestone.title, len(due),
                  (f"the one person whose {horizon} horizon has passed did not meet it in time"
                   if len(due) == 1 else
                   f"none of the {len(due)} people whose {horizon} horizon has passed met it in time"),
                  "too hard or too short a horizon?")


def met_early(project: Project, ref: str, milestone: Milestone, people: list[Portfolio],
              timelines: dict[str, Timeline]) -> Signal | None:
    if milestone.horizon_days is not None and milestone.horizon_days < EARLY_MIN_HORIZON:
        return None  # a short horizon expects it early
    known = [p for p in people if p.profile.since + dt.timedelta(days=EARLY_DAYS) <= project.as_of]
    early = [p for p in known if (met := timelines[p.id].first_met(ref)) is not None
             and met <= p.profile.since + dt.timedelta(days=EARLY_DAYS)]
    if not known or len(early) < len(known):
        return None
    allowed = f"its horizon is {duration_words(milestone.horizon)}" if milestone.horizon else "it has no horizon"
    return Signal("met_early", ref, milestone.title, len(known),
                  f"{'all ' + str(len(known)) + ' people' if len(known) > 1 else 'the one person'} met it within "
                  f"{EARLY_DAYS // 7} weeks of their start; {allowed}",
                  "too easy for this level?")


def metric_cluster(project: Project, ref: str, milestone: Milestone, people: list[Portfolio]) -> Signal | None:
    metric, target = milestone.criterion.metric, milestone.criterion.target
    if not metric or not target:
        return None
    values = [e.meta.metrics[metric] for p in people for e in p.entries
              if ref in e.meta.milestones and metric in e.meta.metrics and e.meta.date <= project.as_of]
    found = median_far_from(values, target)
    if found is None:
        return None
    median, side = found
    lower_is_better = target.startswith("<")
    easy = (side == "above") != lower_is_better
    return Signal(f"metric_{side}", ref, milestone.title, len({p.id for p in people}),
                  f"the median of {len(values)} measured values is {median:g}, "
                  f"far {side} the target of {_target_words(target)}",
                  "target too easy?" if easy else "target too hard?")


def _target_words(target: str) -> str:
    """`>= 80` → "at least 80": a detail a person reads, not the criterion's notation."""
    op, number = parse_target(target)
    return f"{TARGET_WORDS.get(op, op)} {number:g}"


def recalibration_signals(project: Project, timelines: dict[str, Timeline]) -> list[Signal]:
    signals: list[Signal] = []
    for ref, (milestone, people) in _targets(project).items():
        if len(people) < project.config.signals_min_cohort:
            continue  # one or two people say nothing about a milestone, and would be recognisable
        for found in (never_reached(project, ref, milestone, people, timelines),
                      met_early(project, ref, milestone, people, timelines),
                      metric_cluster(project, ref, milestone, people)):
            if found:
                signals.append(found)
    return signals
