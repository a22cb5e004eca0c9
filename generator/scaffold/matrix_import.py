"""`handbook import matrix.csv`: a competency matrix kept in a spreadsheet, as content files.

One behaviour per row under a header row with the columns `competency`, `level` and
`behaviour`, and optionally `domain`, `example`, `summary` (of the competency at that
level) and `track`. A sheet `handbook export csv` wrote has more columns
(generator.render.matrix_csv): the set, the ids, inheritance, owners, a level's own examples
and `remove`, so that it reads back to the content it came from; a cell behind the export's
guarding quote is read without it. Every bad row is reported as file.csv:row:column before
anything is written, and no existing file is ever replaced.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.link.project import Project
from generator.model.competency import CompetencyFile, web_address
from generator.model.errors import did_you_mean
from generator.model.track import Track
from generator.model.types import LEVEL_RE, SLUG_RE
from generator.problems import Position, Problems, UserError, display_path
from generator.render.matrix_csv import unguard

REQUIRED = ("competency", "level", "behaviour")
OPTIONAL = ("domain", "example", "summary", "track")
# The columns `handbook export csv` adds, so that a sheet it wrote reads back to the same content.
EXPORTED = ("set", "competency_id", "extends", "competency_summary", "owners", "behaviour_id", "link_title",
            "link_url", "replaces", "level_example", "remove")
MAX_BYTES = 20 * 1024 * 1024


def slugify(text: str, words: int = 0) -> str:
    parts = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return "-".join(parts[:words] if words else parts)


@dataclass
class _Competency:
    id: str
    name: str | None
    set: str
    domain: str = ""
    extends: str = ""
    summary: str = ""
    owners: list[str] = field(default_factory=list)
    levels: dict[str, dict[str, Any]] = field(default_factory=dict)  # level -> {summary, behaviours, ...}


@dataclass
class Matrix:
    """What the CSV holds, grouped: competencies by id, and each track's competencies and levels."""

    competencies: dict[str, _Competency] = field(default_factory=dict)
    tracks: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # track -> {competencies, levels}


def read_matrix(path: Path, project: Project, problems: Problems, track: str | None,
                set_id: str = "matrix") -> Matrix:
    """Rows of the CSV into a Matrix; every problem is recorded against its row and column."""
    display = display_path(path, project.root) if path.is_relative_to(project.root) else str(path)
    if not path.is_file():
        raise UserError(f"'{path}' is not a file", "pass the CSV file exported from your spreadsheet")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"'{display}' is larger than {MAX_BYTES // 1024 // 1024} MB", "split the matrix")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"'{display}' is not UTF-8 text", "export the sheet as CSV UTF-8") from exc
    # Keep the line ends: a quoted cell may hold line breaks, which the reader keeps only if it sees them.
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        rows = list(reader)
    except csv.Error as exc:  # e.g. a cell over the csv module's field size limit (128 KiB)
        raise UserError(f"{display}:{reader.line_num}:1: the row cannot be read as CSV: {exc}",
                        "keep each cell to a short behaviour; put long text in the competency's Markdown") from exc
    matrix = Matrix()
    if not rows:
        problems.add(display, Position(1, 1), "csv-empty", "the file has no header row",
                     "start with a header row: competency,level,behaviour")
        return matrix
    header = [h.strip().lower() for h in rows[0]]
    columns = _columns(header, display, problems)
    if columns is None:
        return matrix
    fw = project.framework
    sheet = _Sheet(display, columns, [lv.id for lv in fw.levels] if fw else [],
                   [d.id for d in fw.domains] if fw else [], track, set_id)
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        _read_row(matrix, row, number, sheet, problems)
    return matrix


def _columns(header: list[str], display: str, problems: Problems) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    known = REQUIRED + OPTIONAL + EXPORTED
    for i, name in enumerate(header):
        if name in known and name not in columns:
            columns[name] = i
        elif name:
            problems.add(display, Position(1, i + 1), "csv-column", f"unknown column '{name}'",
                         did_you_mean(name, known) or "remove the column")
    missing = [c for c in REQUIRED if c not in columns]
    for name in missing:
        problems.add(display, Position(1, 1), "csv-column", f"missing column '{name}'",
                     "the header row needs competency, level and behaviour")
    return None if missing else columns


@dataclass
class _Sheet:
    """What every row is read against."""

    display: str
    columns: dict[str, int]
    levels: list[str]
    domains: list[str]
    track: str | None
    set_id: str

    @property
    def exported(self) -> bool:
        """Written by `handbook export csv`: behaviours keep their ids (or have none), and a row may
        list a level or competency that expects nothing."""
        return "behaviour_id" in self.columns


def _read_row(matrix: Matrix, row: list[str], number: int, sheet: _Sheet, problems: Problems) -> None:
    columns = sheet.columns

    def cell(name: str) -> str:
        i = columns.get(name)
        return unguard(row[i].strip()) if i is not None and i < len(row) else ""

    def bad(name: str, message: str, hint: str) -> None:
        problems.add(sheet.display, Position(number, columns.get(name, 0) + 1), "csv-row", message, hint)

    level, name, domain = cell("level"), cell("competency"), cell("domain")
    given_id = cell("competency_id")
    level_wide = any(cell(c) for c in ("summary", "level_example", "remove"))
    ok = True
    for column, empty_ok in (("competency", bool(given_id)),
                             ("level", sheet.exported and not cell("behaviour") and not level_wide),
                             ("behaviour", sheet.exported or level_wide)):
        if not cell(column) and not empty_ok:
            bad(column, f"the {column} is empty", f"fill in the {column}, or delete the row")
            ok = False
    if level and (not LEVEL_RE.match(level) or (sheet.levels and level not in sheet.levels)):
        bad("level", f"unknown level '{level}'", did_you_mean(level, sheet.levels) or "use a level id such as L3")
        ok = False
    if domain and sheet.domains and domain not in sheet.domains:
        bad("domain", f"unknown domain '{domain}'",
            did_you_mean(domain, sheet.domains) or "use a framework domain id")
        ok = False
    row_track = sheet.track or cell("track")
    if row_track and not SLUG_RE.match(row_track):
        bad("track" if "track" in columns else "competency", f"'{row_track}' is not a valid track id",
            "use lowercase letters, digits and hyphens")
        ok = False
    for column in ("set", "competency_id", "extends", "behaviour_id", "replaces"):
        if cell(column) and not SLUG_RE.match(cell(column)):
            bad(column, f"'{cell(column)}' is not a valid {column.replace('_', ' ')}",
                "use lowercase letters, digits and hyphens")
            ok = False
    title, url = cell("link_title"), cell("link_url")
    if (title or url) and not (title and url and cell("behaviour")):
        missing = "behaviour" if title and url else "link_url" if title else "link_title"
        bad(missing, f"the {missing.replace('_', ' ')} is empty", "a link needs a behaviour, a title and an address")
        ok = False
    elif url and not web_address(url):
        bad("link_url", f"'{url[:80]}' is not an http(s) address", "give an address that starts with https://")
        ok = False
    for removed in cell("remove").split():
        if not SLUG_RE.match(removed):
            bad("remove", f"'{removed}' is not a behaviour id", "list behaviour ids separated by spaces")
            ok = False
    cid = given_id or (name if SLUG_RE.match(name) else slugify(name))
    if name and not cid:
        bad("competency", f"'{name}' gives no usable id", "name the competency with letters or digits")
        ok = False
    existing = matrix.competencies.get(cid)
    if ok and existing and domain and existing.domain and existing.domain != domain:
        # Same name in two domains: merging them would silently mix two competencies' behaviours.
        bad("domain", f"competency '{name}' is already in domain '{existing.domain}' on an earlier row",
            f"name the competency distinctly in each domain, like '{name} ({domain})'")
        ok = False
    set_id = cell("set") or sheet.set_id
    if ok and existing and existing.set != set_id:
        bad("set", f"competency '{cid}' is already in set '{existing.set}' on an earlier row",
            "give each competency one set")
        ok = False
    if not ok:
        return
    default_name = (name or None) if given_id else name if name != cid else name.replace("-", " ").capitalize()
    comp = matrix.competencies.setdefault(cid, _Competency(cid, default_name, set_id))
    _competency_cells(comp, cell)
    if domain and not comp.domain:
        comp.domain = domain
    elif not comp.domain and not domain and "domain" in columns and not comp.extends:
        bad("domain", "the domain is empty", "fill in the competency's domain on at least one row")
    if level:
        _add_level_row(comp, level, cell, sheet.exported)
    if row_track and level:
        used = matrix.tracks.setdefault(row_track, {"competencies": [], "levels": []})
        for key, value in (("competencies", cid), ("levels", level)):
            if value not in used[key]:
                used[key].append(value)


def _competency_cells(comp: _Competency, cell: Callable[[str], str]) -> None:
    """What belongs to the whole competency: the first row that gives it sets it."""
    comp.name = comp.name or cell("competency") or None
    comp.extends = comp.extends or cell("extends")
    comp.summary = comp.summary or cell("competency_summary")
    comp.owners = comp.owners or cell("owners").split()


def _add_level_row(comp: _Competency, level: str, cell: Callable[[str], str], exported: bool) -> None:
    entry = comp.levels.setdefault(level, {"behaviours": []})
    if cell("summary") and "summary" not in entry:
        entry["summary"] = cell("summary")
    if cell("level_example"):
        entry.setdefault("examples", []).append(cell("level_example"))
    for removed in cell("remove").split():
        if removed not in entry.setdefault("remove", []):
            entry["remove"].append(removed)
    if cell("behaviour"):
        _add_behaviour(comp, entry, cell, exported)


def _same(behaviour: str | dict[str, Any], bid: str, text: str) -> bool:
    """A further row of a behaviour already read (to add an example): the same id, else the same text."""
    if isinstance(behaviour, str):
        return not bid and behaviour == text
    return bool(behaviour.get("id") == bid if bid else behaviour["text"] == text)


def _add_behaviour(comp: _Competency, entry: dict[str, Any], cell: Callable[[str], str], exported: bool) -> None:
    text, example, bid = cell("behaviour"), cell("example"), cell("behaviour_id")
    behaviours: list[Any] = entry["behaviours"]
    same = next((i for i, b in enumerate(behaviours) if _same(b, bid, text)), None)
    link = {"title": cell("link_title"), "url": cell("link_url")}
    if same is not None:
        if isinstance(behaviours[same], str) and (example or link["url"]):
            behaviours[same] = {"text": behaviours[same]}
        if example:
            behaviours[same].setdefault("examples", []).append(example)
        if link["url"]:
            behaviours[same].setdefault("links", []).append(link)
        return
    if not bid and not exported:
        taken = {str(b["id"]) for lv in comp.levels.values() for b in lv["behaviours"] if isinstance(b, dict)}
        base = slugify(text, 5) or "behaviour"
        bid, n = base, 2
        while bid in taken:
            bid, n = f"{base}-{n}", n + 1
    behaviour: dict[str, object] = {"id": bid} if bid else {}
    behaviour["text"] = text
    if example:
        behaviour["examples"] = [example]
    if cell("replaces"):
        behaviour["replaces"] = cell("replaces")
    if link["url"]:
        behaviour["links"] = [link]
    behaviours.append(text if list(behaviour) == ["text"] else behaviour)


def _dump(data: object, schema: str) -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
    return f"# yaml-language-server: $schema=../../schemas/{schema}\n{body}"


def _competency_data(comp: _Competency, order: list[str]) -> dict[str, Any]:
    levels = {lv: comp.levels[lv] for lv in sorted(comp.levels, key=lambda x: (x not in order, order.index(x)
                                                                              if x in order else 0, x))}
    data: dict[str, Any] = {"id": comp.id}
    optional = {"extends": comp.extends, "name": comp.name, "domain": comp.domain, "summary": comp.summary,
                "owners": comp.owners}
    data.update({key: value for key, value in optional.items() if value})
    data["levels"] = levels
    return data


def plan_files(matrix: Matrix, project: Project, problems: Problems, display: str) -> dict[Path, str]:
    """The content files to write (one per competency set), validated by the models `handbook check` uses."""
    order = [lv.id for lv in project.framework.levels] if project.framework else []
    sets: dict[str, list[dict[str, Any]]] = {}
    for comp in matrix.competencies.values():
        if not comp.domain and not comp.extends:
            problems.add(display, Position(1, 1), "csv-domain", f"competency '{comp.id}' has no domain",
                         "add a domain column and fill it in on the competency's rows")
            continue
        if not comp.name and not comp.extends:
            problems.add(display, Position(1, 1), "csv-name", f"competency '{comp.id}' has no name",
                         "fill in the competency column on one of its rows, or its extends column")
            continue
        sets.setdefault(comp.set, []).append(_competency_data(comp, order))
    files: dict[Path, str] = {}
    for set_id, competencies in sets.items():
        data = {"set": set_id, "competencies": competencies}
        CompetencyFile.model_validate(data)  # a bug here is ours: the rows were checked above
        files[project.content_dir / "competencies" / f"{set_id}.yml"] = _dump(data, "competencies.schema.json")
    for track_id, used in matrix.tracks.items():
        track_levels = sorted(used["levels"], key=lambda x: order.index(x) if x in order else len(order))
        track = {"id": track_id, "name": track_id.replace("-", " ").capitalize(),
                 "competencies": used["competencies"], "levels": [{"level": lv} for lv in track_levels]}
        Track.model_validate(track)
        files[project.content_dir / "tracks" / f"{track_id}.yml"] = _dump(track, "track.schema.json")
    return files


def import_matrix(project: Project, path: Path, set_id: str | None, track: str | None) -> tuple[list[Path], Problems]:
    """Write the content files for the CSV at `path`; nothing is written when a problem is found."""
    problems, path = Problems(), path.resolve()
    set_id = set_id or slugify(path.stem)
    if not SLUG_RE.match(set_id or ""):
        raise UserError(f"'{set_id}' is not a valid set id", "pass --set with lowercase letters, digits and hyphens")
    if track and not SLUG_RE.match(track):
        raise UserError(f"'{track}' is not a valid track id", "pass --track with lowercase letters, digits and hyphens")
    matrix = read_matrix(path, project, problems, track, set_id)
    display = display_path(path, project.root) if path.resolve().is_relative_to(project.root) else str(path)
    if problems.errors:
        return [], problems
    if not matrix.competencies:
        problems.add(display, Position(2, 1), "csv-empty", "the file has no rows under its header",
                     "add one row per behaviour")
        return [], problems
    known = {c.id for c in project.competencies}
    for cid in matrix.competencies:
        if cid in known:
            problems.add(display, Position(1, 1), "csv-duplicate", f"competency '{cid}' already exists in content/",
                         "rename it in the sheet, or remove the existing competency first")
    files = plan_files(matrix, project, problems, display)
    for target in files:
        if target.exists():
            problems.add(display_path(target, project.root), Position(), "exists",
                         f"{display_path(target, project.root)} already exists; nothing was written",
                         "move the file away or import with another --set/--track")
    if problems.errors:
        return [], problems
    written = []
    for target, text in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # never replaces a file
            handle.write(text)
        written.append(target)
    return written, problems
