"""The competency map as a CSV matrix that `handbook import` reads back to the same content.

One row per behaviour (and one per further example or link of it), in the order the files list them.
Every row names its competency (set, id, name, domain); the first row of a competency carries
the rest of what belongs to it (extends, summary, owners), the first row of a level its summary
and `remove`; a level's own
examples, and a level or competency that lists nothing, get a row with an empty behaviour.

A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return) as
a formula, so such cells are written behind a single quote (OWASP's advice against CSV
injection); a cell that starts with a quote gets one more, so that the import can take exactly
one away again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from generator.model.competency import BehaviourItem, Competency, CompetencyLevel

COLUMNS = ("set", "competency_id", "competency", "domain", "extends", "competency_summary", "owners",
           "level", "summary", "behaviour_id", "behaviour", "example", "link_title", "link_url", "replaces",
           "level_example", "remove")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def inert(cell: str) -> str:
    """The cell as a spreadsheet shows it as text, never runs it."""
    return GUARD + cell if cell.startswith((*FORMULA_STARTS, GUARD)) else cell


def unguard(cell: str) -> str:
    """The cell `inert` wrote: one guarding quote taken away again."""
    if cell.startswith(GUARD) and cell[1:].startswith((*FORMULA_STARTS, GUARD)):
        return cell[1:]
    return cell


def _behaviour_rows(item: str | BehaviourItem) -> Iterator[dict[str, str]]:
    if isinstance(item, str):
        yield {"behaviour": item}
        return
    examples, links = item.examples, [(link.title, link.url) for link in item.links]
    for n in range(max(1, len(examples), len(links))):  # the n-th example and the n-th link share a row
        title, url = links[n] if n < len(links) else ("", "")
        row = {"behaviour_id": item.id or "", "behaviour": item.text,
               "example": examples[n] if n < len(examples) else "", "link_title": title, "link_url": url}
        if n == 0 and item.replaces:
            row["replaces"] = item.replaces
        yield row


def _level_rows(level: CompetencyLevel) -> Iterator[dict[str, str]]:
    rows = [row for item in level.behaviours for row in _behaviour_rows(item)]
    rows += [{"level_example": example} for example in level.examples]
    rows = rows or [{}]
    rows[0] = {**rows[0], "summary": level.summary, "remove": " ".join(level.remove)}
    yield from rows


def _competency_rows(comp: Competency) -> Iterator[dict[str, str]]:
    rows = [{"level": level_id, **row} for level_id, level in comp.levels.items() for row in _level_rows(level)]
    rows = rows or [{}]
    for row in rows:  # who each row is about, on every row, so that the sheet can be sorted and filtered
        row.update({"set": comp.set_id, "competency_id": comp.id, "competency": comp.name or "",
                    "domain": comp.domain or ""})
    rows[0].update({"extends": comp.extends or "", "competency_summary": comp.summary,
                    "owners": " ".join(comp.owners)})
    yield from rows


def matrix_csv(competencies: list[Competency]) -> str:
    """The competencies, as written in their files, as CSV text with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for comp in competencies:
        for row in _competency_rows(comp):
            writer.writerow([inert(row.get(column, "")) for column in COLUMNS])
    return out.getvalue()
