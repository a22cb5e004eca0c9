"""Peer benchmarks without exposure: a person against the anonymous cohort at their track and level.

The cohort is everyone else on the same track, level and target. Each member counts the
milestones they had met at the same time since their own `since` as the person has had
(re-running the pure readiness rules at that date); only the median is shown, and only
when at least `benchmark_min_cohort` others (handbook.yml, default 5) can be compared.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from generator.assess.timeline import Timeline, build_timeline
from generator.link.project import Portfolio, Project


@dataclass(frozen=True)
class Benchmark:
    days: int  # since the person's `since`
    met: int  # the person's milestones met at the as-of date
    required: int
    cohort: int  # others compared
    median: float  # their median milestones met after the same number of days


@dataclass
class Cohorts:
    """Benchmarks of one project, sharing each person's timeline between the benchmarks of others."""

    project: Project
    timelines: dict[str, Timeline] = field(default_factory=dict)

    def timeline(self, portfolio: Portfolio) -> Timeline:
        if portfolio.id not in self.timelines:
            self.timelines[portfolio.id] = build_timeline(self.project, portfolio, self.project.as_of)
        return self.timelines[portfolio.id]

    def cohort(self, portfolio: Portfolio) -> list[Portfolio]:
        p = portfolio.profile
        return [o for o in self.project.portfolios if o.id != portfolio.id and
                (o.profile.track, o.profile.level, o.profile.target, o.profile.framework) ==
                (p.track, p.level, p.target, p.framework)]

    def benchmark(self, portfolio: Portfolio, met: int, required: int) -> Benchmark | None:
        """None when fewer than the threshold of others have been at it as long as the person."""
        as_of = self.project.as_of
        days = (as_of - portfolio.profile.since).days
        if days < 0:
            return None
        cohort = [o for o in self.cohort(portfolio) if o.profile.since + dt.timedelta(days=days) <= as_of]
        if len(cohort) < self.project.config.benchmark_min_cohort:
            return None
        counts = [len(self.timeline(o).met_at(o.profile.since + dt.timedelta(days=days))) for o in cohort]
        return Benchmark(days=days, met=met, required=required, cohort=len(cohort), median=statistics.median(counts))
