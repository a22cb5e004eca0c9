"""Cross-checks of the competency model: sets, inheritance, behaviour ids, track scope, entry links."""

from __future__ import annotations

from collections.abc import Sequence

from generator.link.competencies import (
    ResolvedCompetency,
    competency_sets,
    level_path,
    parent_chain,
    resolve_competencies,
    track_competencies,
    track_competency,
)
from generator.link.project import LoadedEntry, Portfolio, Project
from generator.model.base import Strict
from generator.model.competency import BehaviourItem, Competency
from generator.model.errors import did_you_mean
from generator.model.track import Track
from generator.problems import Position, Problems


def _where(record: Strict, *keys: str | int) -> str:
    pos = record.pos(*keys)
    return f"{record.path}:{pos.line}"


def check_competency_model(project: Project, problems: Problems) -> None:
    """Every competency, set and track scope problem, located."""
    fw = project.framework
    assert fw is not None
    by_id = {c.id: c for c in reversed(project.competencies)}
    domains, levels = [d.id for d in fw.domains], [lv.id for lv in fw.levels]
    resolved = resolve_competencies(project)
    for comp in project.competencies:
        if comp.extends:
            _check_extends(project, comp, by_id, problems)
        domain = resolved[comp.id].domain if comp.id in resolved else comp.domain
        if domain and domain not in domains:
            problems.add(comp.path, comp.pos("domain" if comp.domain else "extends"), "unknown-domain",
                         f"unknown domain '{domain}'", did_you_mean(domain, domains) or "define the domain first")
        for level_id in comp.levels:
            if level_id not in levels:
                problems.add(comp.path, comp.key_pos("levels", level_id), "unknown-level",
                             f"unknown level '{level_id}' in competency '{comp.id}'",
                             did_you_mean(level_id, levels) or "use a level id from content/framework.yml")
            _check_level_behaviours(comp, level_id, problems)
        _check_ids_across_levels(comp, problems)
        if (comp.expectations or fw.expectations) == "cumulative":
            _check_cumulative_repeats(project, comp, levels, problems)
        _check_references_to_ids(project, comp, by_id, problems)
    _check_sets(project, problems)
    for track in project.tracks:
        _check_track_scope(project, track, problems)


def _check_extends(project: Project, comp: Competency, by_id: dict[str, Competency], problems: Problems) -> None:
    assert comp.extends is not None
    if comp.extends not in by_id:
        if comp.extends not in project.unresolved["competency"]:
            problems.add(comp.path, comp.pos("extends"), "unknown-parent",
                         f"competency '{comp.id}' extends unknown competency '{comp.extends}'",
                         did_you_mean(comp.extends, by_id) or "extend a competency defined in content/competencies/")
        return
    chain, loops = parent_chain(comp.id, by_id)
    if loops:
        path = " -> ".join([comp.id, *chain, by_id[chain[-1]].extends or comp.id]) if chain else comp.id
        problems.add(comp.path, comp.pos("extends"), "extends-cycle",
                     f"competency '{comp.id}' extends itself: {path}",
                     "remove 'extends' from one competency of the cycle")


def _check_ids_across_levels(comp: Competency, problems: Problems) -> None:
    """One id names one behaviour: at two levels with different words, a link to it could mean either."""
    first: dict[str, tuple[str, int, str]] = {}
    for level_id, level in comp.levels.items():
        for i, raw in enumerate(level.behaviours):
            if not isinstance(raw, BehaviourItem) or not raw.id:
                continue
            seen = first.setdefault(raw.id, (level_id, i, raw.text))
            if seen[0] != level_id and " ".join(seen[2].split()) != " ".join(raw.text.split()):
                line = comp.pos("levels", seen[0], "behaviours", seen[1], "id").line
                problems.add(comp.path, comp.pos("levels", level_id, "behaviours", i, "id"), "duplicate-id",
                             f"behaviour id '{raw.id}' of '{comp.id}' names '{seen[2]}' at {seen[0]} (line {line}) "
                             f"and '{raw.text}' at {level_id}: an entry linking it could mean either",
                             f"give the {level_id} behaviour its own id, with 'replaces: {raw.id}' if it takes "
                             "the other's place")


def _check_cumulative_repeats(project: Project, comp: Competency, order: list[str], problems: Problems) -> None:
    """In a cumulative framework a behaviour stays expected above the level that lists it (on that level's path:
    two branches of a ladder may each list it)."""
    seen: dict[str, list[str]] = {}   # text -> the levels listing it, lowest first
    for level_id in [lv for lv in order if lv in comp.levels]:
        path = level_path(project, level_id) or order
        below = path[:path.index(level_id)] if level_id in path else []
        for i, raw in enumerate(comp.levels[level_id].behaviours):
            text = " ".join((raw if isinstance(raw, str) else raw.text).split()).casefold()
            earlier = [lv for lv in seen.get(text, []) if lv in below]
            if earlier:
                problems.warn(comp.path, comp.pos("levels", level_id, "behaviours", i), "restated-behaviour",
                              f"'{raw if isinstance(raw, str) else raw.text}' at {level_id} of '{comp.id}' is "
                              f"already expected from {earlier[0]}",
                              "remove it here: expectations are cumulative, so it stays expected at every "
                              "higher level")
            if level_id not in seen.setdefault(text, []):
                seen[text].append(level_id)


def _check_level_behaviours(comp: Competency, level_id: str, problems: Problems) -> None:
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, int] = {}
    for i, raw in enumerate(comp.levels[level_id].behaviours):
        text = raw if isinstance(raw, str) else raw.text
        key = ("levels", level_id, "behaviours", i)
        if isinstance(raw, BehaviourItem) and raw.id:
            if raw.id in seen_ids:
                first = comp.pos("levels", level_id, "behaviours", seen_ids[raw.id], "id")
                problems.add(comp.path, comp.pos(*key, "id"), "duplicate-id",
                             f"duplicate behaviour id '{raw.id}' at {level_id} of '{comp.id}' "
                             f"(first on line {first.line})", "give each behaviour its own id")
            seen_ids.setdefault(raw.id, i)
        if i and isinstance(raw, str) and raw[:1].islower():
            before = comp.levels[level_id].behaviours[i - 1]
            here, previous = comp.pos(*key), comp.pos("levels", level_id, "behaviours", i - 1)
            if isinstance(before, str) and here.line == previous.line:
                problems.warn(comp.path, here, "split-behaviour",
                              f"'{raw}' reads as the end of '{before}': a comma inside [...] starts a new "
                              "behaviour", f"quote the behaviour: [\"{before}, {raw}\"], or write each "
                              "behaviour on its own '- ' line")
        normal = " ".join(text.split()).casefold()
        if normal in seen_texts:
            first = comp.pos("levels", level_id, "behaviours", seen_texts[normal])
            problems.warn(comp.path, comp.pos(*key), "duplicate-behaviour",
                          f"behaviour '{text}' is listed twice at {level_id} of '{comp.id}' "
                          f"(first on line {first.line})", "remove one of the two")
        seen_texts.setdefault(normal, i)


def _inherited(comp: Competency, by_id: dict[str, Competency], level_id: str, order: list[str]) -> list[object]:
    """Behaviours (raw) the ancestors list at or below `level_id`."""
    chain, _ = parent_chain(comp.id, by_id)
    upto = order[:order.index(level_id) + 1] if level_id in order else order
    return [b for pid in chain if pid in by_id for lv, level in by_id[pid].levels.items() if lv in upto
            for b in level.behaviours]


def _id_hint(word: str, ids: list[str], unnamed: Sequence[object], owner: str) -> str:
    hint = did_you_mean(word, ids)
    if hint:
        return hint
    if unnamed:
        return (f"the behaviours of '{owner}' have no ids; write the one you mean as "
                "{id: " + word + ", text: ...} and use that id")
    return f"'{owner}' has no behaviour with that id" if not ids else "expected one of: " + ", ".join(ids[:8])


def _check_references_to_ids(project: Project, comp: Competency, by_id: dict[str, Competency],
                             problems: Problems) -> None:
    assert project.framework is not None
    order = [lv.id for lv in project.framework.levels]
    own_below: list[object] = []
    removed_texts: dict[str, tuple[str, str]] = {}   # removed id -> (level, the inherited text)
    for level_id in [lv for lv in order if lv in comp.levels] + [lv for lv in comp.levels if lv not in order]:
        level = comp.levels[level_id]
        inherited = _inherited(comp, by_id, level_id, order)
        for removed in level.remove:
            text = next((b.text for b in reversed(inherited) if isinstance(b, BehaviourItem) and b.id == removed), "")
            removed_texts.setdefault(removed, (level_id, text))
        _check_removed_ids_reused(comp, level_id, removed_texts, problems)
        for i, removed in enumerate(level.remove):
            if comp.extends is None:
                problems.add(comp.path, comp.pos("levels", level_id, "remove", i), "remove-without-extends",
                             f"competency '{comp.id}' removes '{removed}' but extends no competency",
                             "remove behaviours only from a competency that has 'extends:'")
                continue
            ids = [b.id for b in inherited if isinstance(b, BehaviourItem) and b.id]
            if removed not in ids and comp.extends in by_id:
                problems.add(comp.path, comp.pos("levels", level_id, "remove", i), "unknown-behaviour",
                             f"'{removed}' is not a behaviour id that '{comp.extends}' has at {level_id} or below",
                             _id_hint(removed, ids, [b for b in inherited if isinstance(b, str)], comp.extends))
        for i, raw in enumerate(level.behaviours):
            if isinstance(raw, BehaviourItem) and raw.replaces:
                candidates = inherited + own_below
                ids = [b.id for b in candidates if isinstance(b, BehaviourItem) and b.id]
                if raw.replaces not in ids:
                    problems.add(comp.path, comp.pos("levels", level_id, "behaviours", i, "replaces"),
                                 "unknown-behaviour",
                                 f"'{raw.replaces}' is not a behaviour id of '{comp.id}' below {level_id}",
                                 _id_hint(raw.replaces, ids, [b for b in candidates if isinstance(b, str)], comp.id))
        own_below += level.behaviours


def _check_removed_ids_reused(comp: Competency, level_id: str, removed: dict[str, tuple[str, str]],
                              problems: Problems) -> None:
    """A competency's own behaviour under an id it removed is listed, but a link to the id could mean either."""
    for i, raw in enumerate(comp.levels[level_id].behaviours):
        if not isinstance(raw, BehaviourItem) or not raw.id or raw.id not in removed:
            continue
        at, text = removed[raw.id]
        if text and " ".join(text.split()) != " ".join(raw.text.split()):
            problems.warn(comp.path, comp.pos("levels", level_id, "behaviours", i, "id"), "removed-id-reused",
                          f"behaviour id '{raw.id}' of '{comp.id}' names '{raw.text}' at {level_id}, but the "
                          f"inherited '{text}' under that id is removed at {at}: an entry linking "
                          f"'{comp.id}/{raw.id}' could mean either", f"give the {level_id} behaviour an id of its own")


def _check_sets(project: Project, problems: Problems) -> None:
    ids = {c.id for c in project.competencies}
    reported: set[str] = set()
    for set_id, members in competency_sets(project).items():
        if set_id in ids and members != [set_id] and set_id not in reported:
            reported.add(set_id)
            first = next(c for c in project.competencies if c.set_id == set_id)
            doc = first._doc
            explicit = doc is not None and isinstance(doc.data, dict) and "set" in doc.data
            pos = doc.at(("set",)) if explicit and doc else Position()
            problems.add(first.path, pos, "set-is-competency",
                         f"set id '{set_id}' is also a competency id",
                         "name the set differently with 'set:' at the top of the file, so tracks can tell them apart")


def _check_track_scope(project: Project, track: Track, problems: Problems) -> None:
    if track.competencies is None:
        return
    names = list(competency_sets(project)) + [c.id for c in project.competencies]
    for i, name in enumerate(track.competencies):
        if name not in names and name not in project.unresolved["competency"]:
            problems.add(track.path, track.pos("competencies", i), "unknown-competency",
                         f"unknown competency or set '{name}' in track '{track.id}'",
                         did_you_mean(name, names) or "list set ids (file names) or competency ids")
    scope = {c.id for c in track_competencies(project, track)}
    for milestone in track.milestones():
        for i, cid in enumerate(milestone.competencies):
            if project.competency(cid) and cid not in scope and not track_competency(project, track, cid):
                problems.warn(milestone.path, milestone.pos("competencies", i), "competency-not-in-track",
                              f"competency '{cid}' is not among the competencies of track '{track.id}'",
                              "add it (or its set) to the track's 'competencies:' list")


def check_entry_links(project: Project, portfolio: Portfolio, loaded: LoadedEntry, problems: Problems) -> None:
    """An entry's `competencies:` and `behaviours:` name competencies and behaviours of the person's track."""
    entry, resolved = loaded.meta, resolve_competencies(project)
    if not entry.competencies and not entry.behaviours:
        return
    track = project.track(portfolio.profile.track)
    target = portfolio.profile.target
    for i, ref in enumerate(entry.competencies):
        cid, _, level = ref.partition("@")
        if not _known_competency(project, track, entry, ("competencies", i), cid, problems) or not level:
            continue
        levels = [lv.id for lv in project.framework.levels] if project.framework else []
        if level not in levels:
            problems.add(entry.path, entry.pos("competencies", i), "unknown-level",
                         f"unknown level '{level}' in '{ref}'", did_you_mean(level, levels) or "use a framework level")
        elif level != target:
            problems.warn(entry.path, entry.pos("competencies", i), "not-target-level",
                          f"'{ref}' is not at {portfolio.id}'s target level {target}; it does not count",
                          f"write '{cid}' or '{cid}@{target}'")
    for i, ref in enumerate(entry.behaviours):
        cid, _, bid = ref.partition("/")
        if not _known_competency(project, track, entry, ("behaviours", i), cid, problems):
            continue
        comp = (track_competency(project, track, cid) if track else None) or resolved[cid]
        if comp.behaviour(bid) is None and resolved[cid].behaviour(bid) is None:
            unnamed = [b for b in comp.behaviours() if not b.id]
            problems.add(entry.path, entry.pos("behaviours", i), "unknown-behaviour",
                         f"competency '{cid}' has no behaviour with id '{bid}'",
                         _id_hint(bid, comp.behaviour_ids(), unnamed, cid))
            continue
        expected = [b.id for b in comp.expected_at(target) if b.id]
        if bid not in expected:
            problems.warn(entry.path, entry.pos("behaviours", i), "behaviour-not-expected",
                          f"'{ref}' is not expected at {portfolio.id}'s target level {target} "
                          f"({_why_not_expected(comp, resolved[cid], bid, target, project)}); it evidences nothing",
                          f"link a behaviour expected at {target}, such as " + ", ".join(
                              f"'{cid}/{e}'" for e in expected[:3]) if expected
                          else f"link the competency itself: '{cid}'")


def _why_not_expected(comp: ResolvedCompetency, framework_view: ResolvedCompetency, bid: str, target: str,
                      project: Project) -> str:
    # A level above the track's path is off it: the framework's view still knows where it is first expected.
    behaviour = comp.behaviour(bid) or framework_view.behaviour(bid)
    order = [lv.id for lv in project.framework.levels] if project.framework else []
    if behaviour and behaviour.level in order and target in order \
            and order.index(behaviour.level) > order.index(target):
        return f"it is first expected at {behaviour.level}"
    return "a lower level's behaviour, replaced or removed since"


def _known_competency(project: Project, track: Track | None, entry: Strict, key: tuple[str | int, ...], cid: str,
                      problems: Problems) -> bool:
    resolved = resolve_competencies(project)
    if cid in resolved and (not track or track_competency(project, track, cid) is not None):
        return True  # the usual case, checked for every link of every entry: nothing more to work out
    scope = [c.id for c in track_competencies(project, track)] if track else list(resolved)
    if cid not in resolved:
        if cid not in project.unresolved["competency"]:
            problems.add(entry.path, entry.pos(*key), "unknown-competency", f"unknown competency '{cid}'",
                         did_you_mean(cid, scope) or did_you_mean(cid, resolved) or "see content/competencies/")
        return False
    if track and track_competency(project, track, cid) is None:
        close = did_you_mean(cid, scope)
        problems.warn(entry.path, entry.pos(*key), "competency-not-in-track",
                      f"competency '{cid}' is not among the competencies of track '{track.id}'; it does not count",
                      close if close.startswith("did") else "link a competency of your own track"
                      + (": " + ", ".join(scope[:8]) if scope else ""))
        return False
    return True
