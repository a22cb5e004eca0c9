"""The competency map as readers see it: sets, inheritance and expectations resolved.

A competency that `extends` another starts from its parent's levels (deep chains
resolved parent first), overrides any key it gives, adds its own behaviours and
`remove`s inherited ones. Expectations are then worked out level by level along a level
path: cumulative (a behaviour stays expected at every higher level) or restated (each
level lists everything it expects). The framework's views follow the framework's level
order; a track's views follow the track's own path (`track_path`), so on a ladder that
branches the levels of another branch never count. Every view of the site, readiness
and the portfolio reads competencies through `resolve_competencies` or
`track_competencies`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from generator.model.competency import BehaviourItem, Competency
from generator.model.track import Track

if TYPE_CHECKING:
    from generator.link.project import Project

# Two behaviours this similar are one behaviour reworded (changed), not one dropped and one new.
SIMILAR = 0.6


@dataclass(frozen=True)
class Behaviour:
    competency: str                   # the resolved competency that expects it
    id: str | None
    text: str
    examples: tuple[str, ...]
    level: str                        # the level where it is first listed
    replaces: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (title, url): supporting reading
    origin: str = field(default="", compare=False)   # the competency whose file lists it (itself or an ancestor)

    @property
    def ref(self) -> str | None:
        """competency-id/behaviour-id, as entries link it."""
        return f"{self.competency}/{self.id}" if self.id else None


@dataclass
class ResolvedLevel:
    summary: str
    examples: list[str]                                      # the level's own examples
    name: str = ""                                           # the competency's name from this level up, if renamed
    listed: list[Behaviour] = field(default_factory=list)    # as written at this level (inherited included)
    new: list[Behaviour] = field(default_factory=list)       # first expected at this level
    expected: list[Behaviour] = field(default_factory=list)  # everything expected at this level
    changed: list[tuple[Behaviour, Behaviour]] = field(default_factory=list)   # (before, after): reworded
    dropped: list[Behaviour] = field(default_factory=list)   # restated only: no longer listed
    replaced: list[tuple[Behaviour, Behaviour]] = field(default_factory=list)  # (old, the one replacing it)
    removed: list[Behaviour] = field(default_factory=list)   # inherited, removed from this level up

    @property
    def kept(self) -> list[Behaviour]:
        """Expected here and already expected at the level before."""
        fresh = {id(b) for b in self.new} | {id(after) for _, after in self.changed}
        return [b for b in self.expected if id(b) not in fresh]


@dataclass
class ResolvedCompetency:
    id: str
    name: str
    domain: str
    summary: str
    owners: list[str]
    source: Competency
    levels: dict[str, ResolvedLevel]                 # levels that list or remove something, path order
    parents: list[str] = field(default_factory=list)  # the `extends` chain, nearest first
    order: list[str] = field(default_factory=list)    # the level path: the framework's or a track's level ids
    cumulative: bool = True                           # how its own levels read (its set's, else the framework's)
    _by_id: dict[str, Behaviour] | None = field(default=None, repr=False, compare=False)

    @property
    def extends(self) -> str | None:
        return self.parents[0] if self.parents else None

    @property
    def set_id(self) -> str:
        return self.source.set_id

    def expected_at(self, level_id: str) -> list[Behaviour]:
        """Behaviours expected at a level of the path (the nearest described level at or below it)."""
        if level_id not in self.order:
            return []
        below = [lv for lv in self.order[:self.order.index(level_id) + 1] if lv in self.levels]
        return list(self.levels[below[-1]].expected) if below else []

    def name_at(self, level_id: str) -> str:
        """The competency's name at a level of its path: the nearest rename at or below it, else its name."""
        if level_id in self.order:
            below = self.order[:self.order.index(level_id) + 1]
            return next((self.levels[lv].name for lv in reversed(below) if lv in self.levels and self.levels[lv].name),
                        self.name)
        return self.name

    def behaviours(self) -> list[Behaviour]:
        """Every behaviour listed at some level, each once, lowest level first."""
        seen: dict[tuple[str | None, str], Behaviour] = {}
        for level in self.levels.values():
            for b in level.listed:
                seen.setdefault((b.id, b.text), b)
        return list(seen.values())

    def behaviour(self, behaviour_id: str) -> Behaviour | None:
        """The first behaviour listed with this id (looked up once per entry's link: indexed on first use)."""
        if self._by_id is None:
            self._by_id = {}
            for b in self.behaviours():
                if b.id:
                    self._by_id.setdefault(b.id, b)
        return self._by_id.get(behaviour_id)

    def behaviour_ids(self) -> list[str]:
        return list(dict.fromkeys(b.id for b in self.behaviours() if b.id))


@dataclass
class _Item:
    id: str | None
    text: str
    examples: tuple[str, ...]
    replaces: str | None
    links: tuple[tuple[str, str], ...] = ()
    origin: str = ""


@dataclass
class _Listing:
    name: str = ""
    summary: str = ""
    examples: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    removes: list[str] = field(default_factory=list)
    writers: set[str] = field(default_factory=set)   # the competencies (itself, ancestors) that describe the level


def _item(raw: str | BehaviourItem, origin: str) -> _Item:
    if isinstance(raw, str):
        return _Item(None, raw, (), None, (), origin)
    return _Item(raw.id, raw.text, tuple(raw.examples), raw.replaces, tuple((k.title, k.url) for k in raw.links),
                 origin)


def parent_chain(competency_id: str, by_id: dict[str, Competency]) -> tuple[list[str], bool]:
    """The ids `competency_id` extends, nearest first, and whether the chain loops back."""
    chain: list[str] = []
    current = by_id.get(competency_id)
    while current is not None and current.extends:
        if current.extends == competency_id or current.extends in chain:
            return chain, True
        chain.append(current.extends)
        current = by_id.get(current.extends)
    return chain, False


def _listings(comp: Competency, by_id: dict[str, Competency], memo: dict[str, dict[str, _Listing]],
              order: Sequence[str]) -> dict[str, _Listing]:
    """Level id -> what the competency lists there, its ancestors' listings merged in (framework order).

    The chain is walked in a loop, not by recursion: a crafted chain (or loop) of a thousand
    `extends` must not exhaust the stack. A loop is cut where it closes, as `check` reports it."""
    path: list[Competency] = []
    seen: set[str] = set()
    current: Competency | None = comp
    while current is not None and current.id not in memo and current.id not in seen:
        seen.add(current.id)
        path.append(current)
        current = by_id.get(current.extends) if current.extends else None
    for item in reversed(path):
        parent = by_id.get(item.extends) if item.extends else None
        memo[item.id] = _merge(item, memo.get(parent.id, {}) if parent else {}, order)
    return memo[comp.id]


def _merge(comp: Competency, inherited: dict[str, _Listing], order: Sequence[str]) -> dict[str, _Listing]:
    merged: dict[str, _Listing] = {}
    removed: set[str] = set()
    rank = {lv: i for i, lv in enumerate(order)}
    for level_id in sorted(dict.fromkeys([*inherited, *comp.levels]), key=lambda lv: rank.get(lv, len(rank))):
        base, own = inherited.get(level_id), comp.levels.get(level_id)
        removed |= set(own.remove) if own else set()
        listing = _Listing(name=(own.name if own and own.name else base.name if base else ""),
                           summary=(own.summary if own and own.summary else base.summary if base else ""),
                           examples=[*(base.examples if base else []), *(own.examples if own else [])],
                           removes=[*(base.removes if base else []), *(own.remove if own else [])],
                           writers=(base.writers if base else set()) | ({comp.id} if own else set()))
        listing.items = [i for i in (base.items if base else []) if i.id is None or i.id not in removed]
        listing.items += [_item(b, comp.id) for b in (own.behaviours if own else [])]
        merged[level_id] = listing
    return merged


def _key(b: Behaviour | _Item) -> str:
    return f"id:{b.id}" if b.id else f"text:{b.text}"


def _same(a: Behaviour, b: Behaviour) -> bool:
    return (a.id is not None and a.id == b.id) or a.text == b.text


def _most_similar(text: str, candidates: Sequence[Behaviour]) -> Behaviour | None:
    """The candidate most like `text`, if it is similar enough to count as a rewording."""
    best, best_ratio = None, SIMILAR
    for old in candidates:
        matcher = SequenceMatcher(None, old.text, text)
        if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = old, ratio
    return best


def _expectations(cid: str, listings: dict[str, _Listing], order: Sequence[str],
                  cumulative: dict[str, bool]) -> dict[str, ResolvedLevel]:
    """Level by level along `order`: what is new, reworded, replaced, removed or no longer listed.

    `cumulative` says, per competency that writes behaviours (this one and its ancestors), how its
    levels read: cumulative (a behaviour stays expected above) or restated (a level it describes
    lists all it expects from it, so what it does not list again is dropped)."""
    own_mode = cumulative.get(cid, True)
    levels: dict[str, ResolvedLevel] = {}
    expected: list[Behaviour] = []
    for level_id in [lv for lv in order if lv in listings] + [lv for lv in listings if lv not in order]:
        listing = listings[level_id]
        # `remove` drops what is inherited (merged listings have dropped it already); a behaviour the
        # competency lists itself, even under a removed id, is listed.
        removed = set(listing.removes)
        out = ResolvedLevel(summary=listing.summary, examples=list(listing.examples), name=listing.name)
        previous = expected
        out.listed = [Behaviour(cid, i.id, i.text, i.examples, level_id, i.replaces, i.links, i.origin)
                      for i in listing.items]
        replaced_ids = {b.replaces for b in out.listed if b.replaces}
        out.removed = [b for b in previous if b.id and b.id in removed]
        out.replaced = [(old, next(b for b in out.listed if b.replaces == old.id))
                        for old in previous if old.id and old.id in replaced_ids and old not in out.removed]
        gone = {id(b) for b in out.removed} | {id(old) for old, _ in out.replaced}
        candidates = [b for b in previous if id(b) not in gone]
        current: list[Behaviour] = []
        repeated: list[Behaviour] = []  # said again word for word
        for b in out.listed:
            same = next((p for p in candidates if _same(p, b)), None)
            if same is not None and same.text == b.text:
                current.append(same)          # still the behaviour first listed lower down
                candidates.remove(same)
                repeated.append(b)
                continue
            restating = [p for p in candidates if not cumulative.get(p.origin, own_mode)]
            reworded = same or (None if cumulative.get(b.origin, own_mode) else _most_similar(b.text, restating))
            if reworded is not None:
                b = Behaviour(cid, b.id or reworded.id, b.text, b.examples or reworded.examples, reworded.level,
                              b.replaces, b.links or reworded.links, b.origin)
                out.changed.append((reworded, b))
                candidates.remove(reworded)
            else:
                out.new.append(b)
            current.append(b)
        # Not listed again: dropped when a restated writer describes this level, else still expected.
        out.dropped = [p for p in candidates if not cumulative.get(p.origin, own_mode) and p.origin in listing.writers]
        gone |= {id(p) for p in out.dropped}
        if own_mode:  # a repeated behaviour is expected already: listed only where it is new
            out.listed = [b for b in out.listed if all(b is not r for r in repeated)]
            swapped = {id(before): after for before, after in out.changed}
            out.expected = [swapped.get(id(p), p) for p in previous if id(p) not in gone] + out.new
        else:
            out.expected = current + [p for p in candidates if id(p) not in gone]
        expected = out.expected
        levels[level_id] = out
    return levels


def _resolve(project: Project, order: Sequence[str]) -> dict[str, ResolvedCompetency]:
    """Every competency resolved along `order`; levels of the framework off that path are left out."""
    assert project.framework is not None
    off_path = {lv.id for lv in project.framework.levels} - set(order)
    default = project.framework.expectations
    by_id: dict[str, Competency] = {}
    for comp in project.competencies:
        by_id.setdefault(comp.id, comp)
    memo: dict[str, dict[str, _Listing]] = {}
    resolved: dict[str, ResolvedCompetency] = {}
    cumulative = {c.id: (c.expectations or default) == "cumulative" for c in by_id.values()}
    for comp in by_id.values():
        chain, _ = parent_chain(comp.id, by_id)
        ancestors = [comp] + [by_id[p] for p in chain if p in by_id]
        name = next((c.name for c in ancestors if c.name), comp.id)
        domain = next((c.domain for c in ancestors if c.domain), "")
        summary = next((c.summary for c in ancestors if c.summary), "")
        owners = next((c.owners for c in ancestors if c.owners), [])
        listings = {lv: listing for lv, listing in _listings(comp, by_id, memo, order).items() if lv not in off_path}
        levels = _expectations(comp.id, listings, order, cumulative)
        resolved[comp.id] = ResolvedCompetency(comp.id, name, domain, summary, list(owners), comp, levels,
                                               chain, list(order), cumulative=cumulative[comp.id])
    return resolved


def _resolved_along(project: Project, order: Sequence[str]) -> dict[str, ResolvedCompetency]:
    """Competencies resolved along a level path, computed once per project and path."""
    if project.resolved_cache is None:
        project.resolved_cache = {}
    paths: dict[tuple[str, ...], dict[str, ResolvedCompetency]] = project.resolved_cache.setdefault("paths", {})
    key = tuple(order)
    if key not in paths:
        paths[key] = _resolve(project, key)
    return paths[key]


def resolve_competencies(project: Project) -> dict[str, ResolvedCompetency]:
    """Every competency by id, inheritance and expectations applied along the framework's levels."""
    if project.framework is None:
        return {}
    return _resolved_along(project, [lv.id for lv in project.framework.levels])


def track_path(project: Project, track: Track) -> list[str]:
    """The levels a track's expectations build along: the framework's levels below its first, then its own.

    A track lists the shared levels it builds on and its own branch; levels of other branches
    (above its first level, not listed) are not on its path."""
    order = [lv.id for lv in project.framework.levels] if project.framework else []
    own = [lv.level for lv in track.levels]
    first = next((order.index(lv) for lv in own if lv in order), 0)
    path = list(dict.fromkeys([*order[:first], *own]))
    # A ladder that does not branch follows the framework's order whole: one resolution shared by every
    # such track, and the levels above its top still known (an entry may link a behaviour from there).
    return order if path == order[:len(path)] else path


def competency_sets(project: Project) -> dict[str, list[str]]:
    """Set id -> the ids of the competencies it holds, in file order."""
    sets: dict[str, list[str]] = {}
    for comp in project.competencies:
        sets.setdefault(comp.set_id, []).append(comp.id)
    return sets


def scope_ids(project: Project, names: Iterable[str]) -> list[str]:
    """The competency ids that set ids and competency ids stand for; an extending one replaces its parents."""
    resolved, sets = resolve_competencies(project), competency_sets(project)
    ids: list[str] = []
    for name in names:
        ids += [name] if name in resolved else sets.get(name, [])
    ids = list(dict.fromkeys(i for i in ids if i in resolved))
    replaced = {p for i in ids for p in resolved[i].parents}
    return [i for i in ids if i not in replaced]


def track_competencies(project: Project, track: Track) -> list[ResolvedCompetency]:
    """The competencies a track uses: its sets and ids (an extending one replaces its parent); else all."""
    if project.framework is None:
        return []
    resolved = _resolved_along(project, track_path(project, track))
    if track.competencies is None:
        return list(resolved.values())
    cache = project.resolved_cache.setdefault("tracks", {}) if project.resolved_cache is not None else {}
    if track.id not in cache:
        cache[track.id] = [resolved[i] for i in scope_ids(project, track.competencies)]
    return list(cache[track.id])


def on_level_path(project: Project, competency: ResolvedCompetency, level_id: str) -> ResolvedCompetency:
    """The competency as a level's own path sees it: that of the first track listing the level.

    Views that are not a track's (the competency page, the framework's matrix) show each level
    against the levels below it on its path, not against another branch's level next to it."""
    path = level_path(project, level_id)
    return competency if path is None else _resolved_along(project, path).get(competency.id, competency)


def level_path(project: Project, level_id: str) -> list[str] | None:
    """The path of the first track listing the level; None when no track does."""
    if project.resolved_cache is None:
        project.resolved_cache = {}
    paths: dict[str, list[str] | None] = project.resolved_cache.setdefault("level-paths", {})
    if level_id not in paths:  # asked for every cell of every matrix: worked out once per level
        paths[level_id] = next((track_path(project, t) for t in project.tracks if t.level(level_id)), None)
    return paths[level_id]


def track_level_ids(track: Track) -> list[str]:
    """The level ids a track uses, lowest first."""
    return [lv.level for lv in track.levels]


def track_competency(project: Project, track: Track, competency_id: str) -> ResolvedCompetency | None:
    """`competency_id` as the track sees it: itself, or the competency of the track that extends it."""
    cache = project.resolved_cache.setdefault("track-index", {}) if project.resolved_cache is not None else {}
    if track.id not in cache:  # looked up for every link of every entry: indexed once per track
        by_id: dict[str, ResolvedCompetency] = {}
        by_parent: dict[str, ResolvedCompetency] = {}
        for comp in track_competencies(project, track):
            by_id.setdefault(comp.id, comp)
            for parent in comp.parents:
                by_parent.setdefault(parent, comp)
        cache[track.id] = (by_id, by_parent)
    by_id, by_parent = cache[track.id]
    return by_id.get(competency_id) or by_parent.get(competency_id)
