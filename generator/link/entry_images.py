"""Images in an entry's text come from the person's own folder: nothing a committee opens calls out.

A remote image (`![](https://...)`, `//host/...`) would be fetched by every browser that opens
the portfolio, telling that server who read it and when; a `data:` image other than a raster
one (an SVG) could carry script. The renderer drops their addresses (render/markdown.py);
`check` reports them where they are written, so the author can attach the image instead.
"""

from __future__ import annotations

import re

from generator.link.project import LoadedEntry
from generator.problems import Position, Problems

_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_INLINE_RE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)")
_REFERENCE_USE_RE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")
_DEFINITION_RE = re.compile(r"^\s{0,3}\[((?:[^\]\\]|\\.)+)\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME_RE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")
_RASTER_DATA_RE = re.compile(r"^\s*data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)


def is_remote_image(url: str) -> bool:
    """Whether an image at `url` would be fetched from elsewhere, or could run (a non-raster data: URL)."""
    return bool(_SCHEME_RE.match(url)) and not _RASTER_DATA_RE.match(url)


def _text_lines(body: str) -> list[tuple[int, str]]:
    """(1-based line, text) of the lines outside fenced code, where `![...]` is an image."""
    lines, fenced = [], False
    for number, line in enumerate(body.splitlines(), start=1):
        if _FENCE_RE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def check_entry_images(loaded: LoadedEntry, problems: Problems) -> None:
    """Each remote image of the entry's text, as an error at its line and column."""
    lines = _text_lines(loaded.body)
    definitions = {m.group(1).strip().lower(): m.group(2) for _, line in lines if (m := _DEFINITION_RE.match(line))}
    for number, line in lines:
        found = [(m.start() + 1, m.group(1)) for m in _INLINE_RE.finditer(line)]
        for m in _REFERENCE_USE_RE.finditer(line):
            label = (m.group(2) or m.group(1)).strip().lower()
            if label in definitions:
                found.append((m.start() + 1, definitions[label]))
        for column, url in found:
            if is_remote_image(url):
                problems.add(loaded.meta.path, Position(loaded.body_line + number - 1, column), "remote-image",
                             f"the image '{url[:80]}' is loaded from outside the portfolio: every reader who opens "
                             "the portfolio would be reported to that server, so it is not shown",
                             "save the image (PNG or JPEG) in attachments/ and write ![text](attachments/<name>); "
                             "a plain link [text](https://...) is fine")
