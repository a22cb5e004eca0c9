"""Who added each file, from one `git log` of the repository (provenance of portfolio entries)."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

RECORD = "\x1e"
FIELD = "\x1f"
LOG_FORMAT = f"--format={RECORD}%h{FIELD}%an{FIELD}%ae{FIELD}%as"


@dataclass(frozen=True)
class Commit:
    short: str
    author: str
    email: str
    date: dt.date
    sha: str = ""


UNCOMMITTED = "0" * 40


def read_git_history(root: Path, under: str = "portfolios") -> dict[Path, Commit] | None:
    """The commit that added each file under `root/under` (absolute path → commit).

    One `git log` call for the whole repository. None when git is missing or `root`
    is not in a git work tree: provenance is then unavailable, which is not an error.
    """
    output = run_git(root, "log", "--no-renames", "--diff-filter=A", "--name-only", "--relative", LOG_FORMAT,
                  "--", under)
    return None if output is None else parse_log(output, root.resolve())


def read_last_commit(root: Path, path: Path) -> Commit | None:
    """The newest commit that touched `path` (None outside git or when it was never committed)."""
    output = run_git(root, "log", "-1", "--no-renames", "--name-only", "--relative", LOG_FORMAT, "--", str(path))
    return None if output is None else parse_log(output, root.resolve()).get(path.resolve())


def run_git(root: Path, *args: str, timeout: int = 120) -> str | None:
    """What a git command prints; None when git is missing, fails or `root` is not in a work tree."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              check=False, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


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


def read_line_commits(root: Path, path: Path) -> list[Commit | None] | None:
    """The commit that last changed each line of `path` (None for a line not committed yet).

    One `git blame --porcelain`; None when the file is not in git at all (never committed,
    or no repository), so that nothing in it can be verified.
    """
    output = run_git(root, "blame", "--porcelain", "--", str(path))
    return None if output is None else parse_blame(output)


def parse_blame(output: str) -> list[Commit | None]:
    headers: dict[str, dict[str, str]] = {}
    lines: list[Commit | None] = []
    current: dict[str, str] | None = None
    sha = ""
    for line in output.split("\n"):
        if line.startswith("\t"):
            info = headers[sha]
            date = dt.datetime.fromtimestamp(int(info.get("author-time", "0")), tz=dt.UTC).date()
            email = info.get("author-mail", "").strip("<>")
            lines.append(None if sha == UNCOMMITTED else Commit(sha[:7], info.get("author", ""), email, date, sha))
            current = None
        elif current is None and line:
            sha = line.split(" ", 1)[0]
            current = headers.setdefault(sha, {})
        elif current is not None and " " in line:
            key, _, value = line.partition(" ")
            current.setdefault(key, value)
    return lines


def good_signature(root: Path, sha: str) -> bool:
    """Whether `git verify-commit` accepts the commit's signature (gpg, ssh or x509, as git is set up)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "verify-commit", sha], capture_output=True,
                              check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def newest_commits(root: Path, folder: Path) -> dict[str, str]:
    """Root-relative path → the newest commit that touched it, for each committed file under `folder`."""
    output = run_git(root, "log", "--no-renames", "--name-only", "--relative", "--format=\x1e%H",
                     "--", folder.relative_to(root).as_posix()) or ""
    newest: dict[str, str] = {}
    for record in output.split("\x1e")[1:]:
        sha, _, names = record.partition("\n")
        for name in names.splitlines():
            if name.strip():
                newest.setdefault(name.strip(), sha.strip())
    return newest
