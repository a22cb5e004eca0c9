"""What a long portfolio's PDF prints: everything readiness counts in full, every other entry in one line.

A committee reads the PDF; a person with thousands of entries would make it thousands of
pages, and WeasyPrint holds every page in memory until the file is written. Past
`portfolio.pdf_summary_after` entries (handbook.yml), the PDF prints in full the entries
readiness counts (evidence for a target milestone or competency, and the feedback on it),
in a compact layout, and lists every other entry in one line of the timeline, grouped by why
it is not in full. The HTML page is never cut down.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from generator.render.portfolio.entries import FUTURE
from generator.render.portfolio.views import EntryView, PortfolioContext, PrintSummary

NOT_EVIDENCE = "not evidence for a target milestone or competency"


def counted_entries(context: PortfolioContext) -> set[str]:
    """Ids of the entries readiness counts: linked to a target milestone or competency, within the evidence age."""
    readiness = context.readiness
    return {i for r in readiness.milestones for i in r.entries} | {i for c in readiness.competencies for i in c.entries}


def for_print(context: PortfolioContext, threshold: int) -> PortfolioContext:
    """The context the PDF is rendered from: `context` itself unless it has more than `threshold` entries."""
    if len(context.entries) <= threshold:
        return context
    full = counted_entries(context)
    summarised = [e for e in context.entries if e.id not in full]
    hidden = {e.anchor for e in summarised}
    return replace(
        context,
        other_entries=[e for e in context.other_entries if e.id in full],
        reflections=[e for e in context.reflections if e.id in full],
        recognition=[(what, target) for what, target in context.recognition if target not in hidden],
        feedback=[f for f in context.feedback if f.entry_id in full],
        summary=PrintSummary(threshold, len(context.entries) - len(summarised), _by_reason(summarised),
                             dict(Counter(e.kind for e in summarised))))


def _by_reason(entries: list[EntryView]) -> list[tuple[str, list[EntryView]]]:
    """Entries grouped by why they are not printed in full: dated later, not evidence, then too old."""
    groups: dict[str, list[EntryView]] = {}
    for e in entries:
        groups.setdefault(e.not_counted or NOT_EVIDENCE, []).append(e)
    order = {FUTURE: 0, NOT_EVIDENCE: 1}  # then "older than ...", the one reason left
    return sorted(groups.items(), key=lambda group: order.get(group[0], 2))
