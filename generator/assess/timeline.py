"""Readiness at other dates than the as-of date: the pure rules re-run, never stored."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.assess.portfolio import assess_portfolio, assessed_version
from generator.assess.readiness import Readiness
from generator.link.project import Portfolio, Project
from generator.link.versions import view_for_version
from generator.model.types import duration_days


def readiness_at(project: Project, portfolio: Portfolio, date: dt.date) -> Readiness:
    """The person's readiness as it was (or will be) at `date`, against their pinned release."""
    return assess_portfolio(dataclasses.replace(project, as_of=date), portfolio)


def change_dates(project: Project, portfolio: Portfolio, until: dt.date) -> list[dt.date]:
    """Dates up to `until` on which the set of counting entries can change.

    An entry starts counting on its date and stops the day after it grows older than
    `evidence_max_age`; between those dates which milestones are met cannot change.
    """
    view = view_for_version(project, assessed_version(project, portfolio))
    assert view.framework is not None
    age = duration_days(view.framework.readiness.evidence_max_age)
    dates = {portfolio.profile.since}
    for entry in portfolio.entries:
        dates.update((entry.meta.date, entry.meta.date + dt.timedelta(days=age + 1)))
    return sorted(d for d in dates if d <= until)


@dataclass
class Timeline:
    """Which milestones were met (waivers aside) from each change date on, until the next."""

    dates: list[dt.date]
    met: list[frozenset[str]]
    ready: list[bool]

    def met_at(self, date: dt.date) -> frozenset[str]:
        index = bisect.bisect_right(self.dates, date) - 1
        return self.met[index] if index >= 0 else frozenset()

    def first_ready(self) -> dt.date | None:
        return next((d for d, ok in zip(self.dates, self.ready, strict=True) if ok), None)

    def first_met(self, ref: str) -> dt.date | None:
        return next((d for d, refs in zip(self.dates, self.met, strict=True) if ref in refs), None)


def build_timeline(project: Project, portfolio: Portfolio, until: dt.date) -> Timeline:
    dates = change_dates(project, portfolio, until)
    results: Sequence[Readiness] = [readiness_at(project, portfolio, d) for d in dates]
    return Timeline(dates=dates,
                    met=[frozenset(m.ref for m in r.milestones if m.status == "met") for r in results],
                    ready=[r.status == "ready" for r in results])
