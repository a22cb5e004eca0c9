"""`handbook import matrix.csv`: a competency matrix kept in a spreadsheet, as content files.

One behaviour per row under a header row with the columns `competency`, `level` and
`behaviour`, and optionally `domain`, `example`, `summary` (of the competency at that
level) and `track`. Every bad row is reported as file.csv:row:column before anything is
written, and no existing file is ever replaced.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.link.project import Project
from generator.model.competency import CompetencyFile
from generator.model.errors import did_you_mean
from generator.model.track import Track
from generator.model.types import LEVEL_RE, SLUG_RE
from generator.problems import Position, Problems, UserError, display_path

REQUIRED = ("competency", "level", "behaviour")
OPTIONAL = ("domain", "example", "summary", "track")
MAX_BYTES = 20 * 1024 * 1024


def slugify(text: str, words: int = 0) -> str:
    parts = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return "-".join(parts[:words] if words else parts)


@dataclass
class _Competency:
    id: str
    name: str
    domain: str = ""
    levels: dict[str, dict[str, Any]] = field(default_factory=dict)  # level -> {summary, behaviours}


@dataclass
class Matrix:
    """What the CSV holds, grouped: competencies by id, and each track's competencies and levels."""

    competencies: dict[str, _Competency] = field(default_factory=dict)
    tracks: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # track -> {competencies, levels}


def read_matrix(path: Path, project: Project, problems: Problems, track: str | None) -> Matrix:
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
    levels = [lv.id for lv in fw.levels] if fw else []
    domains = [d.id for d in fw.domains] if fw else []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        _read_row(matrix, row, number, columns, display, problems, levels, domains, track)
    return matrix


def _columns(header: list[str], display: str, problems: Problems) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in REQUIRED + OPTIONAL and name not in columns:
            columns[name] = i
        elif name:
            problems.add(display, Position(1, i + 1), "csv-column", f"unknown column '{name}'",
                         did_you_mean(name, REQUIRED + OPTIONAL) or "remove the column")
    missing = [c for c in REQUIRED if c not in columns]
    for name in missing:
        problems.add(display, Position(1, 1), "csv-column", f"missing column '{name}'",
                     "the header row needs competency, level and behaviour")
    return None if missing else columns


def _read_row(matrix: Matrix, row: list[str], number: int, columns: dict[str, int], display: str,
              problems: Problems, levels: list[str], domains: list[str], track: str | None) -> None:
    def cell(name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def bad(name: str, message: str, hint: str) -> None:
        problems.add(display, Position(number, columns[name] + 1), "csv-row", message, hint)

    ok = True
    for name in REQUIRED:
        if not cell(name):
            bad(name, f"the {name} is empty", f"fill in the {name}, or delete the row")
            ok = False
    level, name, domain = cell("level"), cell("competency"), cell("domain")
    if level and (not LEVEL_RE.match(level) or (levels and level not in levels)):
        bad("level", f"unknown level '{level}'", did_you_mean(level, levels) or "use a level id such as L3")
        ok = False
    if domain and domains and domain not in domains:
        bad("domain", f"unknown domain '{domain}'", did_you_mean(domain, domains) or "use a framework domain id")
        ok = False
    row_track = track or cell("track")
    if row_track and not SLUG_RE.match(row_track):
        bad("track" if "track" in columns else "competency", f"'{row_track}' is not a valid track id",
            "use lowercase letters, digits and hyphens")
        ok = False
    cid = name if SLUG_RE.match(name) else slugify(name)
    if name and not cid:
        bad("competency", f"'{name}' gives no usable id", "name the competency with letters or digits")
        ok = False
    existing = matrix.competencies.get(cid)
    if ok and existing and domain and existing.domain and existing.domain != domain:
        # Same name in two domains: merging them would silently mix two competencies' behaviours.
        bad("domain", f"competency '{name}' is already in domain '{existing.domain}' on an earlier row",
            f"name the competency distinctly in each domain, like '{name} ({domain})'")
        ok = False
    if not ok:
        return
    comp = matrix.competencies.setdefault(cid, _Competency(cid, name if name != cid else name.replace("-", " ")
                                                           .capitalize()))
    if domain and not comp.domain:
        comp.domain = domain
    elif not comp.domain and not domain and "domain" in columns:
        bad("domain", "the domain is empty", "fill in the competency's domain on at least one row")
    _add_behaviour(comp, level, cell("behaviour"), cell("example"), cell("summary"))
    if row_track:
        used = matrix.tracks.setdefault(row_track, {"competencies": [], "levels": []})
        for key, value in (("competencies", cid), ("levels", level)):
            if value not in used[key]:
                used[key].append(value)


def _add_behaviour(comp: _Competency, level: str, text: str, example: str, summary: str) -> None:
    entry = comp.levels.setdefault(level, {"behaviours": []})
    if summary and "summary" not in entry:
        entry["summary"] = summary
    behaviours: list[dict[str, Any]] = entry["behaviours"]
    same = next((b for b in behaviours if b["text"] == text), None)
    if same is not None:
        if example:
            same.setdefault("examples", []).append(example)
        return
    taken = {str(b["id"]) for lv in comp.levels.values() for b in lv["behaviours"]}
    base = slugify(text, 5) or "behaviour"
    bid, n = base, 2
    while bid in taken:
        bid, n = f"{base}-{n}", n + 1
    behaviour: dict[str, object] = {"id": bid, "text": text}
    if example:
        behaviour["examples"] = [example]
    behaviours.append(behaviour)


def _dump(data: object, schema: str) -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
    return f"# yaml-language-server: $schema=../../schemas/{schema}\n{body}"


def plan_files(matrix: Matrix, project: Project, set_id: str, problems: Problems,
               display: str) -> dict[Path, str]:
    """The content files to write, validated by the same models `handbook check` uses."""
    order = [lv.id for lv in project.framework.levels] if project.framework else []
    competencies = []
    for comp in matrix.competencies.values():
        levels = {lv: comp.levels[lv] for lv in sorted(comp.levels, key=lambda x: (x not in order, order.index(x)
                                                                                  if x in order else 0, x))}
        if not comp.domain:
            problems.add(display, Position(1, 1), "csv-domain", f"competency '{comp.id}' has no domain",
                         "add a domain column and fill it in on the competency's rows")
            continue
        competencies.append({"id": comp.id, "name": comp.name, "domain": comp.domain, "levels": levels})
    files: dict[Path, str] = {}
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
    matrix = read_matrix(path, project, problems, track)
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
    files = plan_files(matrix, project, set_id, problems, display)
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
