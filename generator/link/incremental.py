"""`handbook check` with the cache: each unchanged portfolio's problems are reused, not re-read.

The framework (content/, handbook.yml, people.yml) is small and always read. A person's
folder is read again only when one of its files changed, or when something it is checked
against changed: the content, people.yml, the set of known people, the as-of date or the
tool. Folders that are links, hold links, or pin a framework release are always read, so
every problem still lands on a path inside the folder it was cached for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.link.load import load_project
from generator.link.project import (
    PersonFacts,
    Portfolio,
    Project,
    paused_gc,
    portfolio_folders,
    read_model,
    read_people,
    read_portfolio,
)
from generator.model.portfolio import Profile
from generator.problems import Problem, Problems, Severity, display_path
from generator.read.files import refuse_link
from generator.read.text import prefetched
from generator.write.cache import Cache, digest

TABLE = "portfolio"
PEOPLE = "people"  # the people index, for a check of a few files (`check --staged`)
STATUSES = ("valid", "invalid", "missing")


@dataclass
class Record:
    status: str  # valid | invalid | missing (profile)
    files: int
    context: str
    problems: list[dict[str, object]]


def _problem(item: dict[str, Any]) -> Problem:  # Any: read back from the cache's JSON
    return Problem(str(item["path"]), int(item["line"]), int(item["column"]),
                   Severity(str(item["severity"])), str(item["code"]), str(item["message"]), str(item["hint"]))


def _cacheable(cache: Cache, folder: Path) -> str | None:
    """The folder's content hash, or None when it must always be read (it is or holds a link)."""
    if folder.is_symlink():
        return None
    tree = cache.tree_hash(folder)
    return None if cache.last_walk_had_links else tree


def check_with_cache(root: Path, as_of: dt.date | None = None,
                     only: frozenset[str] | None = None) -> tuple[Project, Problems]:
    """Like `load_project` then check, reusing the cache in `root/.handbook-cache/`.

    With `only` (root-relative paths), just the problems located in those files are wanted
    (`check --staged`): see `_check_scoped`.
    """
    with paused_gc():
        return _check_scoped(root, as_of, only) if only is not None else _check_with_cache(root, as_of)


def _check_with_cache(root: Path, as_of: dt.date | None) -> tuple[Project, Problems]:
    """Check every folder, one at a time: read (or take from the cache), check, and let go.

    Who exists comes first (each person's status, from the people index or their profile
    alone), since that is all a person's check needs of the others; then each folder is
    checked on its own, so memory holds one person's files at a time.
    """
    project, problems = load_project(root, as_of, portfolios=False, check=False)  # framework and content
    cache = Cache(project.root, "check")
    index = Cache(project.root, PEOPLE)
    read_people(project, problems)
    folders = portfolio_folders(project, problems)
    statuses: dict[str, str] = {}
    for f in folders:
        known = _status(index, f) or _read_status(f, project)
        statuses[f.name] = known["status"]
        if known["facts"]:
            project.directory[f.name] = PersonFacts(*known["facts"])
    project.checked_people = {n for n, s in statuses.items() if s == "valid"}
    project.unresolved["person"].update(n for n, s in statuses.items() if s == "invalid")
    context = _context(project, cache, statuses)
    from generator.link.references import check_portfolio_references, check_references

    check_references(project, problems)  # the content and people.yml: no portfolio is loaded
    trees: dict[str, str | None] = {}
    for folder in folders:
        cache.keep = {}  # a folder hashed to look it up is parsed from the same bytes: each file is read once
        trees[folder.name] = tree = _cacheable(cache, folder)
        read, cache.keep = cache.keep, None
        found = cache.get(TABLE, folder.name, tree) if tree else None
        if isinstance(found, dict) and found.get("context") == context:
            record = Record(**found)
            project.files_read += record.files
            problems.items.extend(_problem(p) for p in record.problems)
            continue
        local = Problems()
        with prefetched(read if tree else {}):
            portfolio = read_portfolio(folder, project, local, add=False)
        if portfolio is not None:
            check_portfolio_references(project, portfolio, local)
        problems.extend(local)
        if tree and (portfolio is None or portfolio.profile.framework is None):  # a pinned release: read every time
            cache.put(TABLE, folder.name, tree, _record(project, folder, portfolio, local, context).__dict__)
    cache.keep_only(TABLE, {f.name for f in folders})
    if cache.dirty or not cache.loaded or not index.loaded:
        cache.save()
        _save_index(project, cache, trees)
    return project, problems


def _read_status(folder: Path, project: Project) -> dict[str, Any]:
    """A person's status and facts from their profile alone: what reading their whole folder finds."""
    files, scratch = project.files_read, Problems()
    profile = folder / "profile.yml"
    if folder.is_symlink() or (profile.is_symlink() and refuse_link(profile, folder, project.root, scratch)):
        status = "invalid"
    elif not profile.is_file():
        status = "missing"
    else:
        model = read_model(profile, Profile, project, scratch)
        status, facts = ("valid", _facts(model)) if model else ("invalid", None)
    project.files_read = files  # counted when the folder is read
    return {"status": status, "facts": facts if status == "valid" else None}


def _facts(profile: Profile | None) -> list[Any] | None:
    if profile is None:
        return None
    facts = PersonFacts.of(profile)
    return [facts.email, facts.manager, facts.committee, facts.path]


def _record(project: Project, folder: Path, portfolio: Portfolio | None, found: Problems, context: str) -> Record:
    """What the cache keeps of one folder checked in this run: its status and the problems located in it."""
    prefix = display_path(folder, project.root)
    items = [p.as_dict() for p in found.items if p.path == prefix or p.path.startswith(prefix + "/")]
    profile = (folder / "profile.yml").is_file()
    status = "valid" if portfolio else "invalid" if profile else "missing"
    files = (1 if profile else 0) + len(list((folder / "entries").glob("*.md")))
    return Record(status, files if status != "missing" else 0, context, items)


def _check_scoped(root: Path, as_of: dt.date | None, only: frozenset[str]) -> tuple[Project, Problems]:
    """Every problem located in the files `only` names, reading only the person folders that hold them.

    A person's folder is checked against everyone else only through who exists: the others
    count by their status (a valid profile, an invalid one, none), taken from the people
    index when their profile.yml is unchanged since it was written. The framework, content
    and people.yml are read as always; a folder without a current status is read in full.
    Nothing is written: the full check keeps the cache.
    """
    project, problems = load_project(root, as_of, portfolios=False, check=False)
    index = Cache(project.root, PEOPLE)
    read_people(project, problems)
    statuses: dict[str, dict[str, Any]] = {}
    for folder in portfolio_folders(project, problems):
        prefix = Path(os.path.relpath(folder, project.root)).as_posix() + "/"  # any source, not only portfolios/
        touched = any(path.startswith(prefix) for path in only)
        known = None if touched else _status(index, folder)
        if known is None:
            read_portfolio(folder, project, problems)
        else:
            statuses[folder.name] = known
            if known["facts"]:
                project.directory[folder.name] = PersonFacts(*known["facts"])
    project.portfolios.sort(key=lambda p: p.id)
    project.checked_people = {n for n, s in statuses.items() if s["status"] == "valid"}
    project.unresolved["person"].update(n for n, s in statuses.items() if s["status"] == "invalid")
    from generator.link.references import check_references

    check_references(project, problems)
    project.files_read += sum(s["files"] for s in statuses.values())
    return project, problems


def _profile_key(cache: Cache, folder: Path) -> str | None:
    """What a person's status depends on: their profile.yml's content hash ('-' when there is none)."""
    profile = folder / "profile.yml"
    if folder.is_symlink() or profile.is_symlink():
        return None  # refused when read: never taken from the index
    if not profile.is_file():
        return "-"
    return cache.file_hash(profile, f"portfolios/{folder.name}/profile.yml")


def _status(index: Cache, folder: Path) -> dict[str, Any] | None:
    key = _profile_key(index, folder)
    found = index.get(PEOPLE, folder.name, key) if key else None
    if isinstance(found, dict) and found.get("status") in STATUSES and isinstance(found.get("files"), int) \
            and (found["status"] != "valid" or (isinstance(found.get("facts"), list) and len(found["facts"]) == 4)):
        return {"facts": None, **found}
    return None


def _save_index(project: Project, cache: Cache, trees: dict[str, str | None]) -> None:
    """The people index: each person's status and file count by their profile's hash.

    Only from records of the folders as they are now (their tree hash is the record's key).
    """
    index = Cache(project.root, PEOPLE, load=False)
    for name, tree in trees.items():
        found = cache.get(TABLE, name, tree) if tree else None
        if not isinstance(found, dict) or found.get("status") not in STATUSES:
            continue
        rel = f"portfolios/{name}/profile.yml"
        seen = cache.files_seen.get(rel)  # hashed with the folder; absent: no profile.yml file
        if seen:
            index.files_seen[rel] = seen
        facts = project.directory.get(name)
        index.put(PEOPLE, name, str(seen[4]) if seen else "-",
                  {"status": found["status"], "files": found["files"],
                   "facts": [facts.email, facts.manager, facts.committee, facts.path] if facts else None})
    index.save()
def _context(project: Project, cache: Cache, statuses: dict[str, str]) -> str:
    """Everything outside a person's folder that their check depends on."""
    content = hashlib.sha256()
    for path in [project.root / "handbook.yml", project.portfolios_dir / "people.yml"]:
        content.update(f"{path.name}\0{cache.file_hash(path, path.name) if path.is_file() else '-'}\0".encode())
    content.update(cache.tree_hash(project.content_dir).encode())
    valid = {n for n, s in statuses.items() if s == "valid"}
    unresolved = set(project.unresolved["person"]) | {n for n, s in statuses.items() if s == "invalid"}
    people = sorted((name, f.email, f.manager, f.committee) for name, f in project.directory.items())
    # who runs the check: their keys open sealed feedback, which finds problems a check without them cannot
    identities = sorted(i.public or i.path for i in project.identities)
    return digest(content.hexdigest(), project.as_of.isoformat(), sorted(valid), sorted(unresolved), people,
                  identities)
