"""Free pages from content/pages/: sanitized by our renderer, headings kept for MkDocs.

Each page is split at its Markdown headings: the headings stay Markdown (MkDocs gives
them anchors, a table of contents and search sections), every section body becomes
sanitized HTML. Links to other `.md` files are rewritten to the built pages' URLs.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Position, Problems, display_path
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


def _fenced(lines: list[str]) -> set[int]:
    """The numbers of the lines inside fenced code blocks, fences included."""
    inside: set[int] = set()
    fence = None
    for i, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            inside.add(i)
        elif fence is not None:
            inside.add(i)
            if line.strip().startswith(fence):
                fence = None
    return inside


def _outside_fences(lines: list[str]) -> list[str]:
    """The lines that are not inside fenced code blocks."""
    inside = _fenced(lines)
    return [line for i, line in enumerate(lines) if i not in inside]


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


# An inline link or image target, and a reference definition's target.
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|^[ \t]{0,3}\[[^\]^][^\]]*\]:[ \t]*<?(\S+?)>?(?:\s|$)",
                  re.MULTILINE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def broken_links(page: FreePage, docs: set[str] | frozenset[str], root: Path) -> Problems:
    """Links of a free page to pages that the site does not have, or to the site's root."""
    problems = Problems()
    display = display_path(page.source, root)
    lines = page.text.split("\n")
    inside = _fenced(lines)
    for number, line in enumerate(lines):
        if number in inside:
            continue
        for match in LINK.finditer(line):
            target = match.group(1) or match.group(2)
            if not target or target.startswith("#") or SCHEME.match(target) or target.startswith("//"):
                continue
            pos = Position(number + 1, (match.start(1) if match.group(1) else match.start(2)) + 1)
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path.startswith("/"):
                problems.warn(display, pos, "site-root-link",
                              f"'{target}' links to the root of the web server, which is not the handbook's "
                              "(it is published under a version folder)",
                              "link to the page's Markdown file relative to this one, like ../tracks/<track>.md")
            elif path.endswith(".md"):
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.doc), path))
                if resolved not in docs:
                    folder = resolved[:-3] + "/index.md"  # a track's page is the index of its folder
                    candidates = [folder] if folder in docs else sorted(
                        d for d in docs if posixpath.basename(d) == posixpath.basename(resolved))
                    hint = ("did you mean " + ", ".join(
                        posixpath.relpath(d, posixpath.dirname(page.doc)) for d in candidates[:3]) + "?"
                            if candidates else "link to a page of the site, relative to this page")
                    problems.warn(display, pos, "broken-link", f"'{target}' is not a page of the handbook", hint)
    return problems

