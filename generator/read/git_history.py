"""Who added each file, from one `git log` of the repository (provenance of portfolio entries)."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

RECORD = "\x1e"
FIELD = "\x1f"


@dataclass(frozen=True)
class Commit:
    short: str
    author: str
    email: str
    date: dt.date


def read_git_history(root: Path, under: str = "portfolios") -> dict[Path, Commit] | None:
    """The commit that added each file under `root/under` (absolute path → commit).

    One `git log` call for the whole repository. None when git is missing or `root`
    is not in a git work tree: provenance is then unavailable, which is not an error.
    """
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "--no-renames", "--diff-filter=A",
               "--name-only", "--relative", f"--format={RECORD}%h{FIELD}%an{FIELD}%ae{FIELD}%as", "--", under]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              check=False, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return parse_log(done.stdout, root.resolve())


def parse_log(output: str, root: Path) -> dict[Path, Commit]:
    """Newest commits come first, so the first addition seen is the current file's."""
    added: dict[Path, Commit] = {}
    for record in output.split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        short, author, email, date = header.split(FIELD)
        commit = Commit(short, author, email, dt.date.fromisoformat(date))
        for name in names.splitlines():
            if name.strip():
                added.setdefault(root / name.strip(), commit)
    return added
