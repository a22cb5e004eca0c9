"""What a reader must never meet in a person-facing output: the codes that stay in JSON."""

from __future__ import annotations

import re

# a feedback code, a snake_case id (a metric), a missing-evidence code standing alone in a cell
CODE = re.compile(r"feedback:|\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
BARE = {"criterion", "entries", "occurrences", "spread"}


def codes_in(text: str) -> list[str]:
    """The codes in visible text (lines, cells separated by tabs as Chromium's innerText gives them)."""
    found = CODE.findall(text)
    cells = (cell.strip() for line in text.splitlines() for cell in line.split("\t"))
    return found + [cell for cell in cells if cell in BARE]
