"""Cross-reference checks: every id used exists, ids are unique, portfolios are coherent."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.link.competencies import track_competencies
from generator.link.competency_checks import check_competency_model, check_entry_links
from generator.link.dimensions import check_dimensions
from generator.link.entry_images import check_entry_images
from generator.link.plan import check_plan
from generator.link.project import LoadedEntry, Portfolio, Project
from generator.link.provenance import check_portfolio_provenance, check_provenance
from generator.link.versions import view_for_version
from generator.model.base import Strict
from generator.model.errors import did_you_mean
from generator.model.portfolio import Entry
from generator.model.track import Track
from generator.model.types import SLUG_RE
from generator.problems import InvalidContent, Problems, UserError, display_path

ENTRY_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9][a-z0-9-]*\.md$")
URL_RE = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _unknown(problems: Problems, record: Strict, key: tuple[str | int, ...], what: str, value: str,
             known: Iterable[str], unresolved: Iterable[str] = ()) -> None:
    if value in unresolved:  # defined in a file that already has an error
        return
    problems.add(record.path, record.pos(*key), f"unknown-{what.replace(' ', '-')}", f"unknown {what} '{value}'",
                 did_you_mean(value, known) or f"define the {what} first")


def _unique(problems: Problems, what: str, records: Iterable[tuple[str, Strict, tuple[str | int, ...]]]) -> None:
    """Report every id defined twice, naming both places."""
    seen: dict[str, tuple[Strict, tuple[str | int, ...]]] = {}
    for value, record, key in records:
        if value in seen:
            first, first_key = seen[value]
            where = first.pos(*first_key)
            problems.add(record.path, record.pos(*key), "duplicate-id",
                         f"duplicate {what} id '{value}' (first defined at {first.path}:{where.line}:{where.column})",
                         "give each one its own id")
        else:
            seen[value] = (record, key)


def check_references(project: Project, problems: Problems) -> None:
    fw = project.framework
    if fw is None:
        return
    _unique(problems, "domain", ((d.id, d, ("id",)) for d in fw.domains))
    _unique(problems, "level", ((lv.id, lv, ("id",)) for lv in fw.levels))
    _unique(problems, "competency", ((c.id, c, ("id",)) for c in project.competencies))
    _unique(problems, "track", ((t.id, t, ("id",)) for t in project.tracks))
    _unique(problems, "dimension", ((d.id, d, ("id",)) for d in fw.dimensions))
    check_dimensions(project, problems)
    check_competency_model(project, problems)
    for track in project.tracks:
        _check_track(project, track, problems)
    _check_people(project, problems)
    for portfolio in project.portfolios:
        _check_person_id(project, portfolio, problems)
    for portfolio in project.portfolios:
        view = _pinned_view(project, portfolio, problems)
        if view is not None:
            _check_portfolio(view, portfolio, problems)
    check_provenance(project, problems)


def check_portfolio_references(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """Everything `check_references` checks of one portfolio, against the project (which need not hold it).

    A portfolio depends on the others only through who exists (`Project.known_people`), so
    a check can read, check and drop one person's folder at a time.
    """
    if project.framework is None:
        return
    _check_person_id(project, portfolio, problems)
    view = _pinned_view(project, portfolio, problems)
    if view is not None:
        _check_portfolio(view, portfolio, problems)
    check_portfolio_provenance(project, portfolio, problems)


def _pinned_view(project: Project, portfolio: Portfolio, problems: Problems) -> Project | None:
    """The content a portfolio is assessed against: its pinned release, else the working tree."""
    profile = portfolio.profile
    try:
        return view_for_version(project, profile.framework)
    except UserError as exc:
        problems.add(profile.path, profile.pos("framework"), "unknown-version", exc.message,
                     exc.hint or "remove the key to use the current version")
    except InvalidContent as exc:
        problems.extend(exc.problems)
        problems.add(profile.path, profile.pos("framework"), "invalid-release",
                     f"framework version '{profile.framework}' has invalid content in its git tag",
                     "fix the tagged release or pin another version")
    return None


def _check_track(project: Project, track: Track, problems: Problems) -> None:
    fw = project.framework
    assert fw is not None
    domains, levels = [d.id for d in fw.domains], [lv.id for lv in fw.levels]
    competencies = [c.id for c in project.competencies]
    _unique(problems, "track level", ((lv.level, lv, ("level",)) for lv in track.levels))
    _unique(problems, "milestone", ((m.id, m, ("id",)) for m in track.milestones()))
    previous = -1
    for tl in track.levels:
        if tl.level not in levels:
            problems.add(tl.path, tl.pos("level"), "unknown-level",
                         f"level '{tl.level}' of track '{track.id}' is not a level of the framework",
                         did_you_mean(tl.level, levels) or "add the level to content/framework.yml")
        index = levels.index(tl.level) if tl.level in levels else previous
        if index < previous:
            problems.add(tl.path, tl.pos("level"), "level-order",
                         f"level '{tl.level}' comes after a higher level in track '{track.id}'",
                         "list the track's levels lowest first, in the framework's order")
        previous = max(previous, index)
        for m in tl.milestones:
            if m.domain not in domains:
                _unknown(problems, m, ("domain",), "domain", m.domain, domains)
            for i, comp in enumerate(m.competencies):
                if comp not in competencies:
                    _unknown(problems, m, ("competencies", i), "competency", comp, competencies,
                             project.unresolved["competency"])


def _check_people(project: Project, problems: Problems) -> None:
    from generator.link.roles import check_people_emails, check_reporting_lines

    _unique(problems, "person", ((p.id, p, ("id",)) for p in project.people))
    check_people_emails(project, problems)
    check_reporting_lines(project, problems)
    people = sorted(project.person_ids())
    for person in project.people:
        if person.manager and person.manager not in people:
            _unknown(problems, person, ("manager",), "person", person.manager, people, project.unresolved["person"])


def _listed(project: Project) -> dict[str, Strict]:
    """people.yml's people by id (the last of two with one id), built once per list."""
    cached = project._indexes.get("listed")
    if cached is None or cached[0] is not project.people or cached[1] != len(project.people):
        cached = project._indexes["listed"] = (project.people, len(project.people), {p.id: p for p in project.people})
    return cached[2]


def _check_person_id(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    if not SLUG_RE.match(portfolio.id):
        problems.add(portfolio.profile.path, portfolio.profile.pos(), "person-id",
                     f"portfolio folder name '{portfolio.id}' is not a valid person id",
                     "rename the folder with lowercase letters, digits and hyphens")
    other = _listed(project).get(portfolio.id)
    if other is not None:
        where = other.pos("id")
        problems.add(portfolio.profile.path, portfolio.profile.pos(), "duplicate-id",
                     f"duplicate person id '{portfolio.id}' (also in {other.path}:{where.line}:{where.column})",
                     "one id is one person: if this folder is someone else's, rename it to their own id; if it "
                     "is the same person, keep only one of the two")


def _check_portfolio(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    fw = project.framework
    assert fw is not None
    profile = portfolio.profile
    people = project.known_people()
    levels = [lv.id for lv in fw.levels]
    track = project.track(profile.track)
    if track is None:
        _unknown(problems, profile, ("track",), "track", profile.track, [t.id for t in project.tracks],
                 project.unresolved["track"])
    for key in ("level", "target"):
        value = getattr(profile, key)
        if value not in levels:
            _unknown(problems, profile, (key,), "level", value, levels)
        elif track and track.level(value) is None and key == "target":
            problems.add(profile.path, profile.pos(key), "level-not-in-track",
                         f"track '{track.id}' has no level '{value}'",
                         "choose one of the track's levels: " + ", ".join(lv.level for lv in track.levels))
    if profile.level in levels and profile.target in levels and \
            levels.index(profile.target) <= levels.index(profile.level):
        problems.add(profile.path, profile.pos("target"), "target-not-above",
                     f"target level '{profile.target}' is not above the current level '{profile.level}'",
                     f"set target to a level above {profile.level}")
    for key in ("manager", "mentor", "sponsor"):
        value = getattr(profile, key)
        if value and value not in people:
            _unknown(problems, profile, (key,), "person", value, people, project.unresolved["person"])
    target_level = track.level(profile.target) if track else None
    if track and target_level and not target_level.milestones and \
            not any(c.expected_at(profile.target) for c in track_competencies(project, track)):
        problems.warn(profile.path, profile.pos("target"), "nothing-to-assess",
                      f"target level '{profile.target}' of track '{track.id}' has no milestones and no "
                      "competency behaviours, so there is nothing to assess",
                      "add milestones or competencies to that level of the track, or choose another target")
    target_refs = {f"{track.id}/{m.id}" for m in target_level.milestones} if track and target_level else set()
    for i, waiver in enumerate(profile.waivers):
        if _check_ref(project, profile, ("waivers", i, "milestone"), waiver.milestone, problems) and \
                track and target_level and waiver.milestone not in target_refs:
            problems.warn(profile.path, profile.pos("waivers", i, "milestone"), "waiver-not-target",
                          f"waived milestone '{waiver.milestone}' is not a milestone of {profile.target}",
                          "waive only milestones of the target level")
        if waiver.approved_by not in people:
            _unknown(problems, waiver, ("approved_by",), "person", waiver.approved_by, people,
                     project.unresolved["person"])
    for entry in portfolio.entries:
        _check_entry(project, portfolio, entry, problems)
    check_plan(project, portfolio, problems)


def _check_ref(project: Project, record: Strict, key: tuple[str | int, ...], ref: str, problems: Problems) -> bool:
    if project.milestone(ref):
        return True
    track_id = ref.partition("/")[0]
    track = project.track(track_id)
    if track is None and track_id in project.unresolved["track"]:
        return False
    if track is None:
        known = [t.id for t in project.tracks]
        problems.add(record.path, record.pos(*key), "unknown-track", f"unknown track '{track_id}' in '{ref}'",
                     did_you_mean(track_id, known) or "use track-id/milestone-id")
    else:
        known = [f"{track.id}/{m.id}" for m in track.milestones()]
        problems.add(record.path, record.pos(*key), "unknown-milestone", f"unknown milestone '{ref}'",
                     did_you_mean(ref, known) or f"see the milestones of content/tracks/{track_id}.yml")
    return False


def _check_entry(project: Project, portfolio: Portfolio, loaded: LoadedEntry, problems: Problems) -> None:
    entry, people = loaded.meta, project.known_people()
    name_match = ENTRY_NAME_RE.match(loaded.file.name)
    if not name_match:
        problems.warn(entry.path, entry.pos(), "entry-name",
                      f"entry file name '{loaded.file.name}' is not YYYY-MM-DD-slug.md",
                      f"rename it to {entry.date.isoformat()}-<short-title>.md")
    elif name_match.group(1) != entry.date.isoformat():
        problems.warn(entry.path, entry.pos("date"), "entry-name-date",
                      f"the file name's date {name_match.group(1)} differs from date: {entry.date}",
                      "make the file name start with the entry's date")
    if entry.date > project.as_of:
        problems.warn(entry.path, entry.pos("date"), "future-entry",
                      f"entry is dated {entry.date}, after the as-of date {project.as_of}; it does not count yet",
                      "fix the date, or assess with a later --as-of")
    measured: set[str] = set()
    resolved = True
    own_track_known = project.track(portfolio.profile.track) is not None
    for i, ref in enumerate(entry.milestones):
        if not _check_ref(project, entry, ("milestones", i), ref, problems):
            resolved = False
            continue
        found = project.milestone(ref)
        assert found is not None, "_check_ref resolved it"
        track, _, milestone = found
        if milestone.criterion.metric:
            measured.add(milestone.criterion.metric)
        if own_track_known and track.id != portfolio.profile.track:
                problems.warn(entry.path, entry.pos("milestones", i), "other-track",
                              f"milestone '{ref}' is not on {portfolio.id}'s track '{portfolio.profile.track}'",
                              "link milestones of your own track; others do not count towards readiness")
    for name in entry.metrics:
        if resolved and entry.milestones and name not in measured:
            problems.warn(entry.path, entry.key_pos("metrics", name), "unused-metric",
                          f"metric '{name}' is not measured by any milestone this entry links",
                          did_you_mean(name, measured) or "check the metric name in the milestone's criterion")
    if entry.from_ and entry.from_ not in people:
        _unknown(problems, entry, ("from",), "person", entry.from_, people, project.unresolved["person"])
    for item in entry.feedback:
        if item.from_ not in people:
            _unknown(problems, item, ("from",), "person", item.from_, people, project.unresolved["person"])
    check_entry_links(project, portfolio, loaded, problems)
    check_entry_images(loaded, problems)
    for i, artifact in enumerate(entry.artifacts):
        _check_artifact(project, portfolio, entry, i, artifact, problems)


def _check_artifact(project: Project, portfolio: Portfolio, entry: Entry, index: int, artifact: str,
                    problems: Problems) -> None:
    found = _artifact_problem(project, portfolio, artifact)
    if found:  # located only now: a position costs a second read of the front matter
        problems.add(entry.path, entry.pos("artifacts", index), *found)


def _artifact_problem(project: Project, portfolio: Portfolio, artifact: str) -> tuple[str, str, str] | None:
    """Code, message and hint of what is wrong with one artifact, or None."""
    if URL_RE.match(artifact):
        return None
    if SCHEME_RE.match(artifact) or artifact.startswith(("/", "\\")) or Path(artifact).is_absolute():
        return ("artifact-location", f"artifact '{artifact}' must be a file inside the portfolio or an http(s) link",
                f"copy the file to {display_path(portfolio.folder, project.root)}/attachments/ "
                "and link it as attachments/<name>")
    folder = _real_folder(portfolio)
    target = _real_path(folder, artifact)
    if os.path.commonpath([folder, target]) != folder:
        return ("artifact-outside", f"artifact '{artifact}' is outside {portfolio.id}'s portfolio folder",
                "link only files under your own portfolio folder, like attachments/<name>")
    if not os.path.isfile(target):
        return ("artifact-missing", f"artifact '{artifact}' does not exist",
                f"add the file at {display_path(Path(target), project.root)} or fix the path "
                "(paths are relative to the person's folder)")
    return None


def _real_folder(portfolio: Portfolio) -> str:
    """The portfolio folder with every link resolved, worked out once per loaded portfolio."""
    if portfolio.real_folder is None:
        portfolio.real_folder = os.path.realpath(portfolio.folder)
    return portfolio.real_folder


def _real_path(folder: str, relative: str) -> str:
    """`os.path.realpath(folder/relative)` for a `folder` without links: only `relative`'s parts are looked up.

    Every local artifact of every entry is resolved: resolving the folder's own parts each
    time would cost a system call per folder of the repository's path.
    """
    path = folder
    parts = relative.split("/")
    for i, part in enumerate(parts):
        if part in ("", "."):
            continue
        if part == "..":
            path = os.path.dirname(path)
            continue
        path = os.path.join(path, part)
        if os.path.islink(path):
            return os.path.realpath(os.path.join(path, *parts[i + 1:]))
    return path
