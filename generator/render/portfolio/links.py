"""Where a portfolio page may point: its own anchors, and files of the person's folder.

A link in an entry is untrusted: it becomes a file copied beside the page only when it
resolves, symlinks followed, to a file inside the person's own folder.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

from generator.render.markdown import decoded_path

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
URL_ATTR_RE = re.compile(r'\s(?:src|href)="([^"]*)"')
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
THEME_PREFIX = "_theme"


def anchor(kind: str, key: str) -> str:
    """An id safe in HTML and in URL fragments, stable across builds."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")


def local_file(root: Path, ref: str) -> str | None:
    """`ref` as a POSIX path inside the resolved folder `root` when it names a file there, else None."""
    raw = html.unescape(ref).split("#", 1)[0].split("?", 1)[0]
    ref = decoded_path(raw)  # the browser decodes %2e%2e to '..': check what it will read
    if not ref or SCHEME_RE.match(raw) or ref.startswith("/") or "\\" in raw or any(ord(c) < 32 for c in ref):
        return None
    parts = PurePosixPath(ref).parts
    if ".." in parts or (parts and parts[0] == THEME_PREFIX):
        return None
    return confined_in(root, ref)


def confined(folder: Path, rel: str) -> str | None:
    """`rel` normalised when it resolves (symlinks followed) to a file inside `folder`, else None."""
    return confined_in(folder.resolve(), rel)


def confined_in(root: Path, rel: str) -> str | None:
    """`confined` for a folder already resolved: the person's folder is resolved once a page."""
    target = (root / rel).resolve()
    if not (target.is_relative_to(root) and target.is_file()):
        return None
    return PurePosixPath(*[p for p in PurePosixPath(rel).parts if p != "."]).as_posix()


def reserved_names(person: str) -> set[str]:
    """Output files a person's own file must never replace when copied beside the page."""
    return {"index.html", f"{person}.pdf", f"{person}.ics"}
