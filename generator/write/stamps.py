"""Reuse stamps: what an output folder was made from, so an unchanged one is taken as it is.

Each reusable output folder (a person's portfolio, a team view, the programme report)
holds `.handbook-stamp`: the hash of its inputs and the hash of the page its PDF was
made from. A rebuild whose inputs hash the same takes the whole previous folder; one
whose inputs changed but whose page came out the same takes the previous PDF (WeasyPrint
is the slow part). A stamp that cannot be read or parsed counts as absent: the output is
rendered again, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.write.atomic import dir_mode, file_mode, write_text

STAMP = ".handbook-stamp"
_HASH = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Stamp:
    inputs: str | None = None  # the hash of what the folder was made from; None: cannot be told
    page: str | None = None    # the hash of the HTML its PDF was rendered from


def page_hash(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def read_stamp(folder: Path) -> Stamp:
    """The folder's stamp; an empty one when it is missing, a link, unreadable or malformed."""
    path = folder / STAMP
    try:
        if path.is_symlink() or folder.is_symlink():
            return Stamp()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Stamp()
    if not isinstance(data, dict):
        return Stamp()
    found = [data.get(k) for k in ("inputs", "page")]
    return Stamp(*(v if isinstance(v, str) and _HASH.match(v) else None for v in found))


def write_stamp(folder: Path, stamp: Stamp) -> None:
    if stamp.inputs is not None or stamp.page is not None:
        write_text(folder / STAMP, json.dumps({"inputs": stamp.inputs, "page": stamp.page}) + "\n")


def link_tree(previous: Path, target: Path) -> bool:
    """Hard-link the previous folder's files into `target` (the previous output stays intact); False on failure."""
    try:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(previous, target, symlinks=True, copy_function=_link_or_copy)
        _follow_umask(target)
    except (OSError, shutil.Error):
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def link_file(previous: Path, target: Path) -> bool:
    """Hard-link (or copy) one previous file, such as an unchanged page's PDF; False when it is gone."""
    try:
        if previous.is_symlink() or not previous.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        _link_or_copy(str(previous), str(target))
        target.chmod(file_mode())
    except OSError:
        return False
    return True


def _follow_umask(folder: Path) -> None:
    """Give reused files the modes a fresh write would have: the umask may differ from the last build's."""
    folder.chmod(dir_mode())
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(dir_mode() if path.is_dir() else file_mode())


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
