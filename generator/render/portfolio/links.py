"""Where a portfolio page may point: its own anchors, and files of the person's folder.

A link in an entry is untrusted: it becomes a file copied beside the page only when it
resolves, symlinks followed, to a file inside the person's own folder.

Attachments are data, never pages: a file a browser could run beside the page, on the page's
own origin (HTML, SVG, XML, scripts, or any type not known to be passive), is copied under an
inert name (`chart.svg` as `chart.svg.txt`, which every browser shows as plain text) and linked
as a download of its own name. It could otherwise read the portfolio it sits beside.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from generator.render.markdown import decoded_path

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}  # raster only: an SVG can carry script
# Types browsers show, play or download but never run: everything else is copied under an inert name.
PASSIVE_SUFFIXES = IMAGE_SUFFIXES | {
    ".pdf", ".txt", ".csv", ".tsv", ".md", ".json", ".yml", ".yaml", ".log",
    ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".key", ".pages", ".numbers",
    ".zip", ".gz", ".tgz", ".7z", ".mp3", ".mp4", ".m4a", ".mov", ".webm", ".ogg", ".wav", ".avif", ".bmp",
    ".heic", ".ics", ".vcf"}
INERT_SUFFIX = ".txt"
_IMG_RE = re.compile(r"<img\b[^>]*>")
_SRC_RE = re.compile(r'\ssrc="([^"]*)"')
_ALT_RE = re.compile(r'\salt="([^"]*)"')
_HREF_RE = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
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


def is_active(rel: str) -> bool:
    """Whether a browser might run the file `rel` (any type not known to be passive)."""
    return PurePosixPath(rel).suffix.lower() not in PASSIVE_SUFFIXES


def inert_name(rel: str) -> str:
    """Where the file `rel` is copied beside the page: its own name, or with `.txt` added when it is active."""
    return rel + INERT_SUFFIX if is_active(rel) else rel


def _download(path: str) -> str:
    return f'{quote(inert_name(path))}" download="{html.escape(PurePosixPath(path).name)}'


def inert_links(page: str, resolve: Callable[[str], str | None]) -> str:
    """Sanitized HTML whose links and images to active files point at their inert copies, as downloads.

    `resolve` gives a link's file inside the person's folder (or None). An image of an active
    file (an SVG) becomes a download link labelled with its alternative text.
    """
    def image(match: re.Match[str]) -> str:
        src = _SRC_RE.search(match.group(0))
        path = resolve(src.group(1)) if src else None
        if path is None or not is_active(path):
            return match.group(0)
        alt = _ALT_RE.search(match.group(0))
        label = alt.group(1) if alt and alt.group(1).strip() else html.escape(PurePosixPath(path).name)
        return f'<a href="{_download(path)}">{label}</a>'

    def link(match: re.Match[str]) -> str:
        path = resolve(match.group(2))
        if path is None or not is_active(path):
            return match.group(0)
        return f"{match.group(1)}{_download(path)}{match.group(3)}"

    return _HREF_RE.sub(link, _IMG_RE.sub(image, page))
