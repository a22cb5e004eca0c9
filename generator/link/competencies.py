"""The competency map as readers see it: sets, inheritance and expectations resolved.

A competency that `extends` another starts from its parent's levels (deep chains
resolved parent first), overrides any key it gives, adds its own behaviours and
`remove`s inherited ones. Expectations are then worked out level by level, in the
framework's order: cumulative (a behaviour stays expected at every higher level) or
restated (each level lists everything it expects). Every view of the site, readiness
and the portfolio reads competencies through `resolve_competencies`.
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

    @property
    def ref(self) -> str | None:
        """competency-id/behaviour-id, as entries link it."""
        return f"{self.competency}/{self.id}" if self.id else None


@dataclass
class ResolvedLevel:
    summary: str
    examples: list[str]                                      # the level's own examples
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
    levels: dict[str, ResolvedLevel]                 # levels that list or remove something, framework order
    parents: list[str] = field(default_factory=list)  # the `extends` chain, nearest first
    order: list[str] = field(default_factory=list)    # the framework's level ids
    _by_id: dict[str, Behaviour] | None = field(default=None, repr=False, compare=False)

    @property
    def extends(self) -> str | None:
        return self.parents[0] if self.parents else None

    @property
    def set_id(self) -> str:
        return self.source.set_id

    def expected_at(self, level_id: str) -> list[Behaviour]:
        """Behaviours expected at any framework level (the nearest described level at or below it)."""
        if level_id not in self.order:
            return []
        below = [lv for lv in self.order[:self.order.index(level_id) + 1] if lv in self.levels]
        return list(self.levels[below[-1]].expected) if below else []

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


@dataclass
class _Listing:
    summary: str = ""
    examples: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    removes: list[str] = field(default_factory=list)


def _item(raw: str | BehaviourItem) -> _Item:
    if isinstance(raw, str):
        return _Item(None, raw, (), None)
    return _Item(raw.id, raw.text, tuple(raw.examples), raw.replaces, tuple((k.title, k.url) for k in raw.links))


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
        listing = _Listing(summary=(own.summary if own and own.summary else base.summary if base else ""),
                           examples=[*(base.examples if base else []), *(own.examples if own else [])],
                           removes=[*(base.removes if base else []), *(own.remove if own else [])])
        listing.items = [i for i in (base.items if base else []) if i.id is None or i.id not in removed]
        listing.items += [_item(b) for b in (own.behaviours if own else [])]
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
                  cumulative: bool) -> dict[str, ResolvedLevel]:
    levels: dict[str, ResolvedLevel] = {}
    expected: list[Behaviour] = []
    removed: set[str] = set()
    for level_id in [lv for lv in order if lv in listings] + [lv for lv in listings if lv not in order]:
        listing = listings[level_id]
        removed |= set(listing.removes)
        out = ResolvedLevel(summary=listing.summary, examples=list(listing.examples))
        previous = expected
        out.listed = [Behaviour(cid, i.id, i.text, i.examples, level_id, i.replaces, i.links)
                      for i in listing.items if i.id is None or i.id not in removed]
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
            reworded = same or (None if cumulative else _most_similar(b.text, candidates))
            if reworded is not None:
                b = Behaviour(cid, b.id or reworded.id, b.text, b.examples or reworded.examples, reworded.level,
                              b.replaces, b.links or reworded.links)
                out.changed.append((reworded, b))
                candidates.remove(reworded)
            else:
                out.new.append(b)
            current.append(b)
        if cumulative:  # a repeated behaviour is expected already: listed only where it is new
            out.listed = [b for b in out.listed if all(b is not r for r in repeated)]
            swapped = {id(before): after for before, after in out.changed}
            out.expected = [swapped.get(id(p), p) for p in previous if id(p) not in gone] + out.new
        else:
            out.dropped, out.expected = candidates, current
        expected = out.expected
        levels[level_id] = out
    return levels


def _resolve(project: Project) -> dict[str, ResolvedCompetency]:
    assert project.framework is not None
    order = [lv.id for lv in project.framework.levels]
    cumulative = project.framework.expectations == "cumulative"
    by_id: dict[str, Competency] = {}
    for comp in project.competencies:
        by_id.setdefault(comp.id, comp)
    memo: dict[str, dict[str, _Listing]] = {}
    resolved: dict[str, ResolvedCompetency] = {}
    for comp in by_id.values():
        chain, _ = parent_chain(comp.id, by_id)
        ancestors = [comp] + [by_id[p] for p in chain if p in by_id]
        name = next((c.name for c in ancestors if c.name), comp.id)
        domain = next((c.domain for c in ancestors if c.domain), "")
        summary = next((c.summary for c in ancestors if c.summary), "")
        owners = next((c.owners for c in ancestors if c.owners), [])
        levels = _expectations(comp.id, _listings(comp, by_id, memo, order), order, cumulative)
        resolved[comp.id] = ResolvedCompetency(comp.id, name, domain, summary, list(owners), comp, levels,
                                               chain, order)
    return resolved


def resolve_competencies(project: Project) -> dict[str, ResolvedCompetency]:
    """Every competency by id, inheritance and expectations applied (computed once per project)."""
    if project.framework is None:
        return {}
    if project.resolved_cache is None:
        project.resolved_cache = {}
    if "competencies" not in project.resolved_cache:
        project.resolved_cache["competencies"] = _resolve(project)
    resolved: dict[str, ResolvedCompetency] = project.resolved_cache["competencies"]
    return resolved


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
    resolved = resolve_competencies(project)
    if track.competencies is None:
        return list(resolved.values())
    cache = project.resolved_cache.setdefault("tracks", {}) if project.resolved_cache is not None else {}
    if track.id not in cache:
        cache[track.id] = [resolved[i] for i in scope_ids(project, track.competencies)]
    return list(cache[track.id])


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
