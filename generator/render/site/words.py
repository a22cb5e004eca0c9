"""Words where the site would otherwise show codes: a metric's target, and a change marked word by word."""

from __future__ import annotations

import difflib

from markupsafe import Markup

from generator.model.track import OPERATOR_SIGNS, Criterion
from generator.model.types import duration_words, parse_target
from generator.render.site.text import escape_text

CADENCES = {"micro": "every few days", "weekly": "weekly", "quarterly": "quarterly", "once": "once, at the end"}


def cadence_words(cadence: str) -> str:
    """How often progress is checked, in words ("micro" is the framework's name for every few days)."""
    return CADENCES.get(cadence, cadence)


def criterion_rule(criterion: Criterion) -> Markup:
    """The target in words, "efficiency gain ≥ 15 %" (the metric's `label` and `unit`, else its name's);
    empty without a metric."""
    return _keep_together(criterion.rule())


def _keep_together(text: str) -> Markup:
    """Literal text whose no-break spaces (between a sign, a number and its unit) survive as &nbsp;."""
    return Markup("&nbsp;").join(escape_text(part) for part in text.split("\u00a0"))


def word_diff(old: str | None, new: str | None) -> tuple[Markup, Markup]:
    """Both texts as literal text for Markdown, the words that differ marked: <del> in the old, <ins> in the new."""
    if not old or not new:
        return escape_text(old or "—"), escape_text(new or "—")
    before, after = old.split(), new.split()
    marked_old: list[Markup] = []
    marked_new: list[Markup] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        gone, came = escape_text(" ".join(before[i1:i2])), escape_text(" ".join(after[j1:j2]))
        if op == "equal":
            marked_old.append(gone)
            marked_new.append(came)
            continue
        if gone:
            marked_old.append(Markup("<del>{}</del>").format(gone))
        if came:
            marked_new.append(Markup("<ins>{}</ins>").format(came))
    return Markup(" ").join(marked_old), Markup(" ").join(marked_new)


# The changelog's field names as a reader says them (the JSON of `handbook diff` keeps the keys).
FIELD_WORDS = {"criterion": "pass criterion", "metric": "measure", "horizon": "time allowed",
               "cadence": "progress checked", "evidence entries": "pieces of evidence",
               "occurrences": "separate days", "spread": "spread over", "extends": "builds on",
               "remove": "no longer expected", "behaviours": "behaviour"}


def field_words(field: str | None) -> str:
    return FIELD_WORDS.get(field or "", field or "")


def value_words(field: str | None, value: str | None) -> str | None:
    """A changed value as a reader reads it: a target's operator as its sign (">= 40" → "≥ 40"),
    a duration and a cadence in words."""
    if value is None or value == "none":
        return value
    if field == "target":
        op, number = parse_target(value)
        return f"{OPERATOR_SIGNS[op]} {number:g}"
    if field == "horizon":
        return duration_words(value)
    if field == "cadence":
        return cadence_words(value)
    return value
