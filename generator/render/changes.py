"""A changelog between two framework versions, as terminal text or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from generator.link.changes import Change
from generator.render.wording import label

if TYPE_CHECKING:
    import datetime as dt

    from generator.assess.release_impact import MilestoneMove, ReleaseImpact

ENTITY_ORDER = ["milestone", "track level", "track", "competency", "competency level", "behaviour", "level",
                "dimension", "domain", "policy"]
HEADINGS = {"milestone": "Milestones", "track level": "Track levels", "track": "Tracks",
            "competency": "Competencies", "competency level": "Competency levels", "behaviour": "Behaviours",
            "level": "Levels", "dimension": "Level dimensions", "domain": "Domains", "policy": "Readiness policy"}
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


def release_notes(old: str, new: str, changes: Sequence[Change], impact: ReleaseImpact | None,
                  as_of: dt.date) -> str:
    """Notes for the framework owners who tag a release: its changes and, if asked, whom it moves.

    They name people, so they belong in the owners' review (a pull request, the tag's message),
    never on the public site.
    """
    out = [f"# Framework {new}: what changes from {old}\n", render_changes_markdown(old, new, changes)]
    if impact is None:
        return "\n".join(out)
    out.append(f"## Whom it moves (as of {as_of})\n")
    if not impact.moves:
        out.append(f"Nobody's milestone or overall status differs between {old} and {new}.\n")
    else:
        out += ["| person | status | milestone | milestone status | why |", "|---|---|---|---|---|"]
        for move in impact.moves:
            overall = f"{label(move.old)} → {label(move.new)}" if move.old != move.new else f"still {label(move.new)}"
            rows: list[MilestoneMove | None] = [*move.milestones] or [None]
            for i, m in enumerate(rows):
                who = f"{_cell(move.name)} (`{move.person}`)" if i == 0 else ""
                status = overall if i == 0 else ""
                if m is None:
                    out.append(f"| {who} | {status} | — | — | {_cell(move.note)} |")
                    continue
                moved = f"{label(m.old or 'not a target')} → {label(m.new or 'not a target')}"
                out.append(f"| {who} | {status} | {_cell(m.title)} (`{m.ref}`) | {moved} | {_cell(m.reason)} |")
        out.append("")
    if impact.kept:
        out.append(f"Not moved, assessed against a release of their own: {', '.join(impact.kept)}.\n")
    return "\n".join(out)
