"""The nesting limit of Markdown text, checked when an entry is read and again before rendering.

Kept apart from the renderer so that `handbook check` never imports Python-Markdown.
"""

from __future__ import annotations

import re

MAX_NESTING = 16          # quote and list levels
_QUOTE_DEPTH = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
# Indentation that could reach MAX_NESTING * 4 columns: more than MAX_NESTING spaces or tabs.
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_NESTING + 1},}}", re.MULTILINE)


class MarkdownRefused(ValueError):
    """The text is too deeply nested or too costly to render; `line` is 1-based within the text."""

    def __init__(self, message: str, hint: str, line: int = 1) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def check_nesting(text: str) -> None:
    """Refuse quotes or lists nested deeper than MAX_NESTING, with the line that goes too deep."""
    for match in _QUOTE_DEPTH.finditer(text):
        if match.group().count(">") > MAX_NESTING:
            raise MarkdownRefused(f"quotes are nested more than {MAX_NESTING} levels deep",
                                  "use fewer '>' at the start of the line", text.count("\n", 0, match.start()) + 1)
    if not _DEEP_INDENT.search(text):
        return  # a tab is at most 4 columns: no line can be indented far enough
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if indent and len(line[:indent].expandtabs(4)) // 2 > MAX_NESTING * 2:
            raise MarkdownRefused(f"the text is indented more than {MAX_NESTING * 4} spaces",
                                  "indent lists and code fewer levels", number)
