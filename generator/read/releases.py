"""Framework releases from git tags: which tags exist, what version each declares, its files.

A tag's content is read with `git archive` into a temporary folder, so the working
tree is never touched.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import UserError


@dataclass(frozen=True)
class Release:
    tag: str
    version: str


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: 2026.10 after 2026.9, 1.10 after 1.9."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-_+]", version))


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[Any]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=not binary, check=False)


def git_prefix(root: Path) -> str | None:
    """`root`'s path inside its git repository ('' at the top), or None outside git."""
    try:
        result = _git(root, "rev-parse", "--show-prefix")
    except FileNotFoundError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def list_tags(root: Path, pattern: str) -> list[str]:
    result = _git(root, "tag", "--list", pattern, "--sort=-creatordate")
    return [t for t in result.stdout.split() if t] if result.returncode == 0 else []


def _show(root: Path, tag: str, path: str) -> str | None:
    result = _git(root, "show", f"{tag}:{path}")
    return result.stdout if result.returncode == 0 else None


def tag_version(root: Path, tag: str) -> str | None:
    """The `version` that content/framework.yml declares at `tag`, if it can be read."""
    prefix = git_prefix(root) or ""
    text = _show(root, tag, f"{prefix}content/framework.yml")
    try:
        data = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return str(version) if version is not None else None


def list_releases(root: Path, pattern: str = "v*") -> list[Release]:
    """Tags matching `pattern` whose content declares a version, newest version first.

    Two tags declaring the same version are ambiguous and stop the build.
    """
    if git_prefix(root) is None:
        return []
    releases: list[Release] = []
    seen: dict[str, str] = {}
    for tag in list_tags(root, pattern):
        version = tag_version(root, tag)
        if version is None:
            raise UserError(f"tag '{tag}' has no readable version in content/framework.yml",
                            f"fix the tag or narrow tag_pattern in handbook.yml (now '{pattern}')")
        if version in seen:
            raise UserError(f"tags '{seen[version]}' and '{tag}' both declare framework version '{version}'",
                            "give each release its own version in content/framework.yml, or delete one tag")
        seen[version] = tag
        releases.append(Release(tag, version))
    return sorted(releases, key=lambda r: version_key(r.version), reverse=True)


def export_release(root: Path, tag: str, dest: Path) -> Path:
    """Extract `tag`'s content/ and handbook.yml under `dest`; returns the handbook root there."""
    prefix = git_prefix(root) or ""
    paths = [p for p in (f"{prefix}content", f"{prefix}handbook.yml")
             if _git(root, "cat-file", "-e", f"{tag}:{p}").returncode == 0]
    if not paths:
        raise UserError(f"tag '{tag}' has no content/ folder", "tag a commit that contains the framework")
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.strip())
    result = _git(top, "archive", "--format=tar", tag, "--", *paths, binary=True)
    if result.returncode != 0:
        raise UserError(f"cannot read tag '{tag}': {result.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        links = [m.name for m in archive.getmembers() if m.issym() or m.islnk()]
        if links:  # a link in a tag could point anywhere on the machine that builds it
            raise UserError(f"tag '{tag}' holds a symbolic link at {links[0]}"
                            + (f" (and {len(links) - 1} more)" if len(links) > 1 else ""),
                            "a release is read from the tag's own files: put the file itself there and tag "
                            "a new commit")
        try:
            archive.extractall(dest, filter="data")
        except tarfile.FilterError as exc:
            raise UserError(f"tag '{tag}' holds a file that cannot be read safely: {exc}",
                            "tag a commit whose content/ holds plain files") from exc
    return dest / prefix if prefix else dest
