"""A changelog between two framework versions, as terminal text or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from generator.link.changes import Change

ENTITY_ORDER = ["milestone", "track level", "track", "competency", "competency level", "behaviour", "level",
                "domain", "policy"]
HEADINGS = {"milestone": "Milestones", "track level": "Track levels", "track": "Tracks",
            "competency": "Competencies", "competency level": "Competency levels", "behaviour": "Behaviours",
            "level": "Levels", "domain": "Domains", "policy": "Readiness policy"}
SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def grouped(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """Changes by entity in a reading order, each group sorted by id then action."""
    ordered = sorted(changes, key=lambda c: (ENTITY_ORDER.index(c.entity), c.id, c.action))
    return [(entity, list(items)) for entity, items in groupby(ordered, key=lambda c: c.entity)]


def _detail(change: Change) -> str:
    if change.entity == "behaviour":
        return (change.new if change.action == "added" else change.old) or ""
    if change.action == "changed":
        return f"{change.field}: {change.old or 'none'} → {change.new or 'none'}"
    if change.field == "level":
        return f"at {change.new}" if change.action == "added" else f"was at {change.old}"
    return ""


def render_changes_text(old: str, new: str, changes: Sequence[Change]) -> str:
    if not changes:
        return f"No changes from {old} to {new}."
    lines = [f"What changed from {old} to {new} ({len(changes)} changes)"]
    for entity, items in grouped(changes):
        lines += ["", HEADINGS[entity]]
        for change in items:
            detail = _detail(change)
            lines.append(f"  {SIGNS[change.action]} {change.id}  {change.title}" + (f"  ({detail})" if detail else ""))
    return "\n".join(lines)


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", " ")


def render_changes_markdown(old: str, new: str, changes: Sequence[Change]) -> str:
    """A Markdown section per entity with one table row per change (old and new text side by side)."""
    if not changes:
        return f"Nothing changed from version {old} to version {new}.\n"
    out = [f"Changes from version **{old}** to version **{new}**: {len(changes)} in all.\n"]
    for entity, items in grouped(changes):
        out += [f"## {HEADINGS[entity]}\n", "| change | item | what | before | after |", "|---|---|---|---|---|"]
        for c in items:
            item = f"{_cell(c.title)} (`{c.id}`)"
            out.append(f"| {c.action} | {item} | {_cell(c.field or '')} | {_cell(c.old)} | {_cell(c.new)} |")
        out.append("")
    return "\n".join(out)
