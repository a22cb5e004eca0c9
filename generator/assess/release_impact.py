"""Whom a framework release moves: each person's milestone and overall status under two versions.

`handbook diff OLD NEW --people` shows it so a framework owner sees, before tagging a release,
who would lose a met milestone or change status, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.assess.portfolio import assess_portfolio, explain_missing
from generator.assess.readiness import MilestoneResult, Readiness
from generator.link.project import Portfolio, Project
from generator.link.versions import view_for_version


@dataclass
class MilestoneMove:
    ref: str
    title: str
    old: str | None   # None: not a target milestone under that version
    new: str | None
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"milestone": self.ref, "title": self.title, "from": self.old, "to": self.new, "reason": self.reason}


@dataclass
class PersonMove:
    person: str
    name: str
    old: str
    new: str
    milestones: list[MilestoneMove] = field(default_factory=list)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"person": self.person, "name": self.name, "from": self.old, "to": self.new,
                "milestones": [m.as_json() for m in self.milestones], "note": self.note}


def _readiness(project: Project, portfolio: Portfolio, version: str) -> Readiness | None:
    """Readiness under `version`, or None when that version has no such track or target level."""
    view = view_for_version(project, version)
    track = view.track(portfolio.profile.track)
    if track is None or track.level(portfolio.profile.target) is None:
        return None
    return assess_portfolio(project, portfolio, version)


def _reason(old: MilestoneResult | None, new: MilestoneResult | None) -> str:
    if new is None:
        return "no longer a target milestone"
    needs = "; ".join(explain_missing(new, code) for code in new.missing)
    if old is None:
        return "a new target milestone" + (f": {needs}" if needs else "")
    return needs or "its requirements are now met"


def release_impact(project: Project, old: str, new: str) -> list[PersonMove]:
    """Every person whose overall status or a target milestone's status differs between the versions.

    People pinned to a release (`framework:` in their profile) are assessed against it whatever is
    tagged, so a release does not move them; they are left out.
    """
    moves = []
    for portfolio in sorted(project.portfolios, key=lambda p: p.id):
        if portfolio.profile.framework:
            continue
        before, after = _readiness(project, portfolio, old), _readiness(project, portfolio, new)
        if before is None or after is None:
            missing = old if before is None else new
            if before is not after:
                moves.append(PersonMove(portfolio.id, portfolio.profile.name, before.status if before else "-",
                                        after.status if after else "-", note=f"their track or target level is "
                                        f"not in {missing}"))
            continue
        was = {m.ref: m for m in before.milestones}
        now = {m.ref: m for m in after.milestones}
        changed = [MilestoneMove(ref, (now.get(ref) or was[ref]).milestone.title,
                                 was[ref].status if ref in was else None, now[ref].status if ref in now else None,
                                 _reason(was.get(ref), now.get(ref)))
                   for ref in [*was, *(r for r in now if r not in was)]
                   if (was[ref].status if ref in was else None) != (now[ref].status if ref in now else None)]
        if changed or before.status != after.status:
            moves.append(PersonMove(portfolio.id, portfolio.profile.name, before.status, after.status, changed))
    return moves
