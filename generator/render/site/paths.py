"""Where each page of the handbook lives in the docs folder, and links between pages.

Page paths are the contract of the site's URLs: milestone anchors and competency
pages must stay stable across versions, so they derive from ids only.
"""

from __future__ import annotations

import functools
import posixpath
import re

HOME = "index.md"
TRACKS = "tracks/index.md"
COMPETENCIES = "competencies/index.md"
MATRIX = "matrix/index.md"
GLOSSARY = "glossary.md"
CHANGES = "changes.md"
PDF_NAME = "handbook.pdf"


def track_pdf(track_id: str) -> str:
    """One track's print PDF, beside the handbook's."""
    return f"pdf/{track_id}.pdf"


def track_doc(track_id: str) -> str:
    return f"tracks/{track_id}/index.md"


def step_doc(track_id: str, lower: str, upper: str) -> str:
    return f"tracks/{track_id}/{lower}-to-{upper}.md"


def track_matrix_doc(track_id: str) -> str:
    return f"tracks/{track_id}/matrix.md"


def self_assessment_doc(track_id: str) -> str:
    return f"tracks/{track_id}/self-assessment.md"


def competency_doc(competency_id: str) -> str:
    return f"competencies/{competency_id}.md"


def domain_doc(domain_id: str) -> str:
    return f"domains/{domain_id}/index.md"


def matrix_doc(domain_id: str) -> str:
    return f"matrix/{domain_id}.md"


def page_doc(relative: str) -> str:
    """A free page from content/pages/, keeping its folders."""
    return f"pages/{relative}"


def level_anchor(level_id: str) -> str:
    """Level ids may hold '.' and '_', which attribute lists and Markdown read specially."""
    return "level-" + re.sub(r"[^A-Za-z0-9-]", "-", level_id)


@functools.lru_cache(maxsize=65536)
def md_link(from_doc: str, to_doc: str, anchor: str | None = None) -> str:
    """A relative link between two Markdown files, which MkDocs checks and rewrites."""
    if from_doc == to_doc and anchor:
        return f"#{anchor}"
    rel = posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def url_of(doc: str) -> str:
    """The directory URL MkDocs gives a Markdown file (relative to the site root)."""
    stem = doc[:-3] if doc.endswith(".md") else doc
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    return stem if not stem or stem.endswith("/") else stem + "/"


@functools.lru_cache(maxsize=65536)
def url_link(from_doc: str, to: str, anchor: str | None = None) -> str:
    """A relative URL in the built site, for raw HTML that MkDocs does not rewrite.

    `to` is a Markdown file or a plain file such as handbook.pdf.
    """
    here = url_of(from_doc).rstrip("/") or "."
    target = url_of(to) if to.endswith(".md") else to
    rel = posixpath.relpath(target.rstrip("/") or ".", here)
    if to.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


DOC_HREF = re.compile(r'href="([^":#?]+\.md)(#[^"]*)?"')


def relink(html: str, source_dir: str, from_doc: str, docs: set[str] | frozenset[str]) -> str:
    """Point content links to Markdown files (relative to `source_dir`) at the built pages' URLs.

    Links to files that are not pages of the site stay as written.
    """
    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(source_dir, match.group(1)))
        if target not in docs:
            return match.group(0)
        anchor = (match.group(2) or "#")[1:] or None
        return f'href="{url_link(from_doc, target, anchor)}"'

    return DOC_HREF.sub(replace, html)


def unlink_docs(html: str) -> str:
    """Links to site pages mean nothing in print: keep their text only."""
    return re.sub(r'<a href="[^":#?"]+\.md(?:#[^"]*)?"[^>]*>(.*?)</a>', r"\1", html, flags=re.S)
