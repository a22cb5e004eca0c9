"""Every link of a built site, checked against the files: pages, assets and anchors."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.render.site.html_checks import html_files, scan


def broken_links(site: Path) -> list[str]:
    """`file: href` for each internal link whose target file or anchor does not exist."""
    scans = {path: scan(path) for path in html_files(site)}
    ids = {path: result.ids for path, result in scans.items()}
    broken = []
    for path, result in scans.items():
        if path.name == "404.html":  # served at any depth, so its links are absolute by design
            continue
        base = path.relative_to(site).parent.as_posix()
        for href in result.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:")):
                continue
            if not parts.path:  # an anchor on the same page
                if parts.fragment and parts.fragment not in ids[path]:
                    broken.append(f"{path.relative_to(site)}: {href}")
                continue
            target = site / posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.resolve().is_relative_to(site.resolve()):
                broken.append(f"{path.relative_to(site)}: {href}")
            elif parts.fragment and target in ids and parts.fragment not in ids[target]:
                broken.append(f"{path.relative_to(site)}: {href} (no #{parts.fragment})")
    return broken
