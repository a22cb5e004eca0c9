"""Markdown files with a YAML front matter block between `---` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.problems import Position, Problems
from generator.read.yaml_positions import Document, read_yaml_text

_FENCE = "---"
# The closing line: '---' or '...' then only white space (what `line.rstrip()` leaves as the fence).
_CLOSE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


@dataclass
class MarkdownDocument:
    meta: Document
    body: str
    body_line: int


def read_front_matter(text: str, display: str, problems: Problems) -> MarkdownDocument | None:
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != _FENCE:
        problems.add(display, Position(), "front-matter-missing", "the entry has no front matter",
                     "start the file with a line '---', then keys such as title, date and kind, then '---'")
        return None
    close = _CLOSE.search(text, first_end + 1) if first_end >= 0 else None
    if close is None:
        problems.add(display, Position(), "front-matter-unclosed", "the front matter is never closed",
                     "add a line '---' after the last front matter key")
        return None
    meta_text = text[first_end + 1:max(close.start() - 1, first_end + 1)]
    if not meta_text.strip():
        problems.add(display, Position(2, 1), "front-matter-empty", "the front matter is empty",
                     "add at least title, date and kind between the '---' lines")
        return None
    meta = read_yaml_text(meta_text, display, problems, line_offset=1)
    if meta is None:
        return None
    body = text[close.end() + 1:].strip("\n")
    return MarkdownDocument(meta, body, text.count("\n", 0, close.start()) + 2)
