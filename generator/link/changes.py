"""What changed between two framework releases, criterion by criterion (pure, by stable ids)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.model.competency import Competency
from generator.model.framework import Framework
from generator.model.track import Milestone, Track

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One added, removed or changed item; `field` names what changed inside it."""

    action: str  # added | removed | changed
    entity: str  # domain | level | competency | behaviour | track | track level | milestone | policy
    id: str
    title: str
    field: str | None = None
    old: str | None = None
    new: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"action": self.action, "entity": self.entity, "id": self.id, "title": self.title,
                "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Content:
    """The versioned part of a handbook: what a release defines."""

    framework: Framework
    competencies: Sequence[Competency]
    tracks: Sequence[Track]
    # competencies resolved against this content (generator.link.competencies), shared by every view of it
    resolved: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)


def _fields(entity: str, id_: str, title: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return [Change("changed", entity, id_, title, name, _text(old[name]), _text(new[name]))
            for name in old if old[name] != new[name]]


def _by_id(old: Iterable[T], new: Iterable[T], key: Callable[[T], str]) -> tuple[list[T], list[T], list[tuple[T, T]]]:
    before, after = {key(o): o for o in old}, {key(n): n for n in new}
    added = [n for k, n in after.items() if k not in before]
    removed = [o for k, o in before.items() if k not in after]
    both = [(before[k], n) for k, n in after.items() if k in before]
    return added, removed, both


def _dimensions(old: dict[str, str], new: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A level's text on each dimension, as fields named after it, with the keys both sides share."""
    keys = list(dict.fromkeys([*old, *new]))
    return ({f"{k} (dimension)": old.get(k) for k in keys}, {f"{k} (dimension)": new.get(k) for k in keys})


def _level_fields(level: Any) -> dict[str, Any]:
    return {"name": level.name, "summary": level.summary, "proficiency": level.proficiency}


def _comings_and_goings(entity: str, old: Sequence[Any], new: Sequence[Any]) -> tuple[list[Change], list[Any]]:
    """Items added and removed by id, and the pairs present on both sides."""
    added, removed, both = _by_id(old, new, lambda x: x.id)
    return ([Change("added", entity, x.id, x.name) for x in added]
            + [Change("removed", entity, x.id, x.name) for x in removed], both)


def diff_framework(old: Framework, new: Framework) -> list[Change]:
    changes, dimensions = _comings_and_goings("dimension", old.dimensions, new.dimensions)
    for a, b in dimensions:
        changes += _fields("dimension", b.id, b.name, {"name": a.name, "description": a.description},
                           {"name": b.name, "description": b.description})
    domain_changes, domains = _comings_and_goings("domain", old.domains, new.domains)
    changes += domain_changes
    for a, b in domains:
        changes += _fields("domain", b.id, b.name, {"name": a.name, "summary": a.summary},
                           {"name": b.name, "summary": b.summary})
    level_changes, levels = _comings_and_goings("level", old.levels, new.levels)
    changes += level_changes
    for a, b in levels:
        before, after = _dimensions(a.dimensions, b.dimensions)
        changes += _fields("level", b.id, b.name, {**_level_fields(a), **before}, {**_level_fields(b), **after})
    changes += _fields("policy", "readiness", "Readiness policy", old.readiness.model_dump(),
                       new.readiness.model_dump())
    return changes


def diff_competency(old: Competency, new: Competency) -> list[Change]:
    title = new.name or new.id
    changes = _fields("competency", new.id, title,
                      {"name": old.name, "domain": old.domain, "summary": old.summary, "extends": old.extends,
                       "set": old.set_id},
                      {"name": new.name, "domain": new.domain, "summary": new.summary, "extends": new.extends,
                       "set": new.set_id})
    for level in dict.fromkeys([*old.levels, *new.levels]):
        before, after = old.levels.get(level), new.levels.get(level)
        where = f"{new.id}@{level}"
        if before is None or after is None:
            action = "added" if before is None else "removed"
            changes.append(Change(action, "competency level", where, f"{title} at {level}"))
            continue
        changes += [Change("added", "behaviour", where, f"{title} at {level}", "behaviours", None, b)
                    for b in after.texts if b not in before.texts]
        changes += [Change("removed", "behaviour", where, f"{title} at {level}", "behaviours", b, None)
                    for b in before.texts if b not in after.texts]
        changes += _fields("competency level", where, f"{title} at {level}",
                           {"summary": before.summary, "examples": before.examples, "remove": before.remove,
                            "links": _links(before)},
                           {"summary": after.summary, "examples": after.examples, "remove": after.remove,
                            "links": _links(after)})
    return changes


def _links(level: Any) -> list[str]:
    """The supporting links of a level's behaviours, as `title (url)`."""
    return [f"{link.title} ({link.url})" for b in level.behaviours if not isinstance(b, str) for link in b.links]


def _milestone_fields(m: Milestone, level: str) -> dict[str, Any]:
    return {"level": level, "title": m.title, "domain": m.domain, "competencies": m.competencies,
            "activity": m.activity, "criterion": m.criterion.text, "metric": m.criterion.metric,
            "target": m.criterion.target, "horizon": m.horizon, "cadence": m.cadence,
            "evidence entries": m.evidence.entries, "feedback needed": m.evidence.feedback,
            "occurrences": m.evidence.occurrences, "spread": m.evidence.spread,
            "recognition": m.recognition, "business link": m.business_link}


def diff_track(old: Track, new: Track) -> list[Change]:
    changes = _fields("track", new.id, new.name,
                      {"name": old.name, "summary": old.summary, "competencies": old.competencies},
                      {"name": new.name, "summary": new.summary, "competencies": new.competencies})
    added, removed, both = _by_id(old.levels, new.levels, lambda lv: lv.level)
    changes += [Change("added", "track level", f"{new.id}@{lv.level}", lv.title) for lv in added]
    changes += [Change("removed", "track level", f"{old.id}@{lv.level}", lv.title) for lv in removed]
    for a, b in both:
        dims_before, dims_after = _dimensions(a.dimensions, b.dimensions)
        changes += _fields("track level", f"{new.id}@{b.level}", b.title,
                           {"title": a.title, "summary": a.summary, **dims_before},
                           {"title": b.title, "summary": b.summary, **dims_after})
    old_ms = {m.id: (lv.level, m) for lv in old.levels for m in lv.milestones}
    new_ms = {m.id: (lv.level, m) for lv in new.levels for m in lv.milestones}
    for mid, (level, m) in new_ms.items():
        ref = f"{new.id}/{mid}"
        if mid not in old_ms:
            changes.append(Change("added", "milestone", ref, m.title, "level", None, level))
        else:
            old_level, before = old_ms[mid]
            changes += _fields("milestone", ref, m.title, _milestone_fields(before, old_level),
                               _milestone_fields(m, level))
    changes += [Change("removed", "milestone", f"{old.id}/{mid}", m.title, "level", level, None)
                for mid, (level, m) in old_ms.items() if mid not in new_ms]
    return changes


def diff_content(old: Content, new: Content) -> list[Change]:
    """Every domain, level, competency, behaviour, track and milestone added, removed or changed."""
    changes = diff_framework(old.framework, new.framework)
    added, removed, both = _by_id(old.competencies, new.competencies, lambda c: c.id)
    changes += [Change("added", "competency", c.id, c.name or c.id) for c in added]
    changes += [Change("removed", "competency", c.id, c.name or c.id) for c in removed]
    for a, b in both:
        changes += diff_competency(a, b)
    added_t, removed_t, both_t = _by_id(old.tracks, new.tracks, lambda t: t.id)
    changes += [Change("added", "track", t.id, t.name) for t in added_t]
    changes += [Change("removed", "track", t.id, t.name) for t in removed_t]
    for ta, tb in both_t:
        changes += diff_track(ta, tb)
    return changes
