"""Markdown files with a YAML front matter block between `---` lines."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems import Position, Problems
from generator.read.yaml_positions import Document, read_yaml_text

_FENCE = "---"


@dataclass
class MarkdownDocument:
    meta: Document
    body: str
    body_line: int


def read_front_matter(text: str, display: str, problems: Problems) -> MarkdownDocument | None:
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        problems.add(display, Position(), "front-matter-missing", "the entry has no front matter",
                     "start the file with a line '---', then keys such as title, date and kind, then '---'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    if end is None:
        problems.add(display, Position(), "front-matter-unclosed", "the front matter is never closed",
                     "add a line '---' after the last front matter key")
        return None
    meta_text = "\n".join(lines[1:end])
    if not meta_text.strip():
        problems.add(display, Position(2, 1), "front-matter-empty", "the front matter is empty",
                     "add at least title, date and kind between the '---' lines")
        return None
    meta = read_yaml_text(meta_text, display, problems, line_offset=1)
    if meta is None:
        return None
    body = "\n".join(lines[end + 1:]).strip("\n")
    return MarkdownDocument(meta, body, end + 2)
