"""Whom a framework release moves: each person's milestone and overall status under two versions.

`handbook diff OLD NEW --people` shows it so a framework owner sees, before tagging a release,
who would lose a met milestone or change status, and why; `check` warns at each milestone a
release in preparation would take from someone who had met it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.assess.portfolio import assess_portfolio, assessed_version, explain_missing
from generator.assess.readiness import MilestoneResult, Readiness
from generator.link.project import Portfolio, Project
from generator.link.versions import previous_version, releases, view_for_version
from generator.problems import Problems


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


@dataclass
class ReleaseImpact:
    moves: list[PersonMove]
    kept: list[str]  # people assessed against a release of their own, whom no release moves


def release_impact(project: Project, old: str, new: str, tracks: set[str] | None = None) -> ReleaseImpact:
    """Every person whose overall status or a target milestone's status differs between the versions.

    People assessed against a release of their own (a `framework:` pin in their profile, or the
    release in force at their start under `assess_against: release_at_since`) are left out: no
    release moves them. With `tracks`, only people on those tracks are assessed.
    """
    assert project.framework is not None
    moves, kept = [], []
    for portfolio in sorted(project.portfolios, key=lambda p: p.id):
        if tracks is not None and portfolio.profile.track not in tracks:
            continue
        if assessed_version(project, portfolio) not in (None, project.framework.version):
            kept.append(portfolio.id)
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
    return ReleaseImpact(moves, kept)


def release_in_preparation(project: Project) -> tuple[str, str] | None:
    """(the newest release before it, the working tree's version) while that version has no tag yet."""
    assert project.framework is not None
    working = project.framework.version
    if any(r.version == working for r in releases(project)):
        return None
    previous = previous_version(project, working)
    return (previous, working) if previous else None


MET = ("met", "waived")
# changes that can move any milestone, whatever its track: the policy, and levels or domains coming or going
# (their names, summaries and dimensions move nothing)
EVERYWHERE = {"policy", "level", "domain"}


def tracks_a_release_touches(project: Project, old: str, new: str) -> set[str] | None:
    """The tracks whose milestones could change status between the versions; None for all of them.

    A milestone's status depends on its own definition and the readiness policy, never on
    competencies, so people on untouched tracks need not be assessed (the git history each
    assessment reads costs about 25 ms a person).
    """
    from generator.link.changes import diff_content
    from generator.link.versions import content_of

    changes = diff_content(content_of(project, old), content_of(project, new))
    if any(c.entity in EVERYWHERE and (c.entity == "policy" or c.action != "changed") for c in changes):
        return None
    return {c.id.split("/")[0].split("@")[0] for c in changes if c.entity in ("milestone", "track level", "track")}


def lost_milestone_problems(project: Project) -> Problems:
    """A warning at each milestone the release in preparation would take from someone who had met it."""
    problems = Problems()
    pending = release_in_preparation(project) if project.framework else None
    if pending is None or not project.portfolios:
        return problems
    old, new = pending
    lost: dict[str, list[tuple[str, str]]] = {}
    for move in release_impact(project, old, new, tracks_a_release_touches(project, old, new)).moves:
        for m in move.milestones:
            if m.old in MET and m.new not in MET and m.new is not None:
                lost.setdefault(m.ref, []).append((move.person, m.reason))
    for ref, people in lost.items():
        track_id, _, milestone_id = ref.partition("/")
        track = project.track(track_id)
        milestone = next((m for m in track.milestones() if m.id == milestone_id), None) if track else None
        if milestone is None:
            continue
        names = ", ".join(person for person, _ in people)
        problems.warn(milestone.path, milestone.pos(), "release-takes-met-milestone",
                      f"version {new} would turn this milestone from met to not met for {len(people)} "
                      f"{'person' if len(people) == 1 else 'people'} assessed against the latest release "
                      f"({names}): {people[0][1]}",
                      f"keep them on the release they started under with `framework: \"{old}\"` in their "
                      "profile or `readiness.assess_against: release_at_since`, or accept it; "
                      f"`handbook diff {old} {new} --people` lists every change")
    return problems
