"""site/versions.json (mike's format) and the root page that redirects to the latest version."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

from generator.read.releases import version_key
from generator.write.atomic import replace_dir, staging_dir, write_text

LATEST = "latest"


def read_versions(site: Path) -> list[dict[str, object]]:
    """The versions already published, keeping only those whose folder still exists."""
    try:
        entries = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("version"), str)
            and (site / e["version"]).is_dir()]


def merge_versions(existing: list[dict[str, Any]], version: str, title: str) -> list[dict[str, Any]]:
    """Add or replace `version`; newest first, `latest` on the newest only."""
    others = [e for e in existing if e["version"] != version]
    entries = [*others, {"version": version, "title": title, "aliases": []}]
    entries.sort(key=lambda e: version_key(str(e["version"])), reverse=True)
    result = []
    for i, entry in enumerate(entries):
        aliases = [a for a in entry.get("aliases", []) or [] if a != LATEST]
        result.append({"version": entry["version"], "title": entry.get("title") or entry["version"],
                       "aliases": ([LATEST] if i == 0 else []) + aliases})
    return result


REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting</title>
<noscript><meta http-equiv="refresh" content="0; url={url}"></noscript>
<script>window.location.replace("{url}" + window.location.hash);</script>
<link rel="canonical" href="{url}">
</head>
<body>
<p>The handbook has moved to <a href="{url}">{url}</a>.</p>
</body>
</html>
"""


def write_versions(site: Path, version: str, title: str) -> list[Path]:
    """Record `version` in versions.json, point site/index.html and site/latest/ at the newest version."""
    entries = merge_versions(read_versions(site), version, title)
    newest = str(entries[0]["version"])
    latest = html.escape(f"{newest}/", quote=True)
    return [write_text(site / "versions.json", json.dumps(entries, indent=2, ensure_ascii=False) + "\n"),
            write_text(site / "index.html", REDIRECT.format(url=latest)),
            write_latest_alias(site, newest)]


def write_latest_alias(site: Path, newest: str) -> Path:
    """site/latest/: one redirect per page of the newest version, so links work on any static host.

    Redirect pages rather than a symlink or a copy: hosts without symlinks serve them, and
    search results and the version selector always land in the real version folder.
    """
    target = site / LATEST
    staged = staging_dir(target)
    try:
        for page in sorted((site / newest).rglob("*.html")):
            relative = page.relative_to(site / newest)
            depth = len(relative.parts)  # latest/<...>/page.html -> up to site/ then into the version
            url = "../" * depth + f"{newest}/" + relative.as_posix().removesuffix("index.html")
            out = staged / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(REDIRECT.format(url=html.escape(url, quote=True)), encoding="utf-8")
        return replace_dir(staged, target)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
