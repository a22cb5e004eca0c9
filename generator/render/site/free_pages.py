"""Free pages from content/pages/: sanitized by our renderer, headings kept for MkDocs.

Each page is split at its Markdown headings: the headings stay Markdown (MkDocs gives
them anchors, a table of contents and search sections), every section body becomes
sanitized HTML. Links to other `.md` files are rewritten to the built pages' URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.render.site import paths
from generator.render.site.text import block_html, escape_text

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]^][^\]]*\]:[ \t]*\S")  # link definitions, not footnotes


@dataclass
class FreePage:
    source: Path
    doc: str       # path in the docs folder
    title: str
    text: str


def read_free_pages(pages_dir: Path, files: list[Path]) -> list[FreePage]:
    result = []
    for path in files:
        relative = path.relative_to(pages_dir).as_posix()
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")  # a BOM would hide the heading
        result.append(FreePage(path, paths.page_doc(relative), _title(text, path), text))
    return result


def _title(text: str, path: Path) -> str:
    for line in _outside_fences(text.splitlines()):
        match = HEADING.match(line)
        if match and len(match.group(1)) == 1:
            return match.group(2).strip()
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


def _outside_fences(lines: list[str]) -> list[str]:
    """The lines that are not inside fenced code blocks."""
    out, fence = [], None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            out.append(line)
    return out


def split_sections(text: str) -> list[tuple[str | None, str]]:
    """[(heading line or None, body)], headings outside code fences only."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    fence = None
    for line in text.splitlines():
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        if fence is None and not match and HEADING.match(line):
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return [(heading, "\n".join(body)) for heading, body in sections]


def render_free_page(page: FreePage, docs: set[str] | frozenset[str]) -> str:
    """The page as generated Markdown: escaped headings, sanitized bodies."""
    sections = split_sections(page.text)
    references = "\n".join(line for _, body in sections for line in body.splitlines() if REFERENCE.match(line))
    out = []
    for heading, body in sections:
        if heading is not None:
            match = HEADING.match(heading)
            assert match is not None
            out.append(f"{match.group(1)} {escape_text(match.group(2))}\n")
        if body.strip():
            html = block_html(body + ("\n\n" + references if references else ""))
            out.append(paths.relink(str(html), paths.posixpath.dirname(page.doc), page.doc, docs))
    if not any(part.startswith("# ") for part in out):
        out.insert(0, f"# {escape_text(page.title)}\n")
    return "\n".join(out)
