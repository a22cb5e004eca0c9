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
    path: str = ""  # where the line was in that commit, from the repository's top (blame follows renames)
    cut: bool = False  # a shallow clone's boundary: the line's real author is in history this clone lacks


UNCOMMITTED = "0" * 40


def read_git_history(root: Path, under: str = "portfolios") -> dict[Path, Commit] | None:
    """The commit that added each file under `root/under` (absolute path → commit).

    One `git log` call for the whole repository. None when git is missing or `root`
    is not in a git work tree: provenance is then unavailable, which is not an error.
    """
    output = run_git(root, "log", "--no-mailmap", "--no-renames", "--diff-filter=A", "--name-only", "--relative",
                     LOG_FORMAT, "--", under)
    return None if output is None else parse_log(output, root.resolve())


def read_last_commit(root: Path, path: Path) -> Commit | None:
    """The newest commit that touched `path` (None outside git or when it was never committed)."""
    output = run_git(root, "log", "--no-mailmap", "-1", "--no-renames", "--name-only", "--relative", LOG_FORMAT,
                     "--", str(path))
    return None if output is None else parse_log(output, root.resolve()).get(path.resolve())


def has_changes(root: Path, path: Path) -> bool:
    """Whether `path` differs from what is committed (changed, staged or not yet added)."""
    return bool((run_git(root, "status", "--porcelain", "--untracked-files=all", "--", str(path)) or "").strip())


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

    Only git's raw facts: blame gives each line's commit and the path it had there, and the
    authors are read again from the commit objects themselves, because blame applies the
    repository's `.mailmap`, a file anyone can commit. A line blamed on a shallow clone's
    boundary commit is marked `cut`. None when the file is not in git at all.
    """
    output = run_git(root, "blame", "--porcelain", "--root", "--", str(path))
    if output is None:
        return None
    lines = parse_blame(output)
    shas = sorted({c.sha for c in lines if c is not None})
    raw = read_authors(root, shas)
    shallow = shallow_commits(root)
    return [None if c is None else Commit(c.short, *raw.get(c.sha, ("", "", c.date)), c.sha, c.path,
                                          c.cut or c.sha in shallow)
            for c in lines]


def read_authors(root: Path, shas: list[str]) -> dict[str, tuple[str, str, dt.date]]:
    """sha → (author name, email, date) as the commit object records them, never mapped by `.mailmap`."""
    if not shas:
        return {}
    output = run_git(root, "-c", "mailmap.file=", "-c", "mailmap.blob=", "log", "--no-walk=unsorted", "--no-mailmap",
                     f"--format={RECORD}%H{FIELD}%an{FIELD}%ae{FIELD}%as", *shas) or ""
    found: dict[str, tuple[str, str, dt.date]] = {}
    for record in output.split(RECORD)[1:]:
        sha, name, email, date = record.strip("\n").split(FIELD)
        found[sha] = (name, email, dt.date.fromisoformat(date))
    return found


def shallow_commits(root: Path) -> frozenset[str]:
    """The boundary commits of a shallow clone (empty for a full history)."""
    where = run_git(root, "rev-parse", "--git-path", "shallow")
    if not where:
        return frozenset()
    shallow = Path(where.strip())
    shallow = shallow if shallow.is_absolute() else root / shallow
    try:
        return frozenset(shallow.read_text(encoding="ascii", errors="replace").split())
    except OSError:
        return frozenset()


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
            lines.append(None if sha == UNCOMMITTED else
                         Commit(sha[:7], info.get("author", ""), email, date, sha, info.get("filename", ""),
                                "boundary" in info))
            current = None
        elif current is None and line:
            sha = line.split(" ", 1)[0]
            current = headers.setdefault(sha, {})
        elif current is not None and line == "boundary":
            current["boundary"] = ""
        elif current is not None and " " in line:
            key, _, value = line.partition(" ")
            current.setdefault(key, value)
    return lines


def top_level(root: Path) -> Path | None:
    """The top of the git work tree holding `root`."""
    output = run_git(root, "rev-parse", "--show-toplevel")
    return Path(output.strip()) if output else None


def signing_keys(root: Path, shas: list[str], signers: dict[str, list[str]]) -> dict[str, str | None]:
    """sha → the fingerprint of the listed SSH key that made a good signature on it, "" for a
    signature by any other key (or a bad one), None for an unsigned commit.

    Checked against an allowed-signers list made here from the people's own `keys:` (email →
    keys), not against whatever the local git setup trusts.
    """
    if not shas:
        return {}
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".allowed_signers", encoding="utf-8") as allowed:
        for email, keys in signers.items():
            for key in keys:
                if key.startswith("ssh-") and email and not any(c.isspace() for c in email):
                    allowed.write(f"{email} {' '.join(key.split()[:2])}\n")
        allowed.flush()
        output = run_git(root, "-c", f"gpg.ssh.allowedSignersFile={allowed.name}", "-c", "gpg.format=ssh",
                         "log", "--no-walk=unsorted", "--no-mailmap", f"--format={RECORD}%H{FIELD}%G?{FIELD}%GF",
                         *shas) or ""
    found: dict[str, str | None] = {}
    for record in output.split(RECORD)[1:]:
        sha, status, fingerprint = (record.strip("\n").split(FIELD) + ["", ""])[:3]
        found[sha] = None if status == "N" else (fingerprint.strip() if status == "G" else "")
    return found


def key_fingerprint(key: str) -> str | None:
    """`SHA256:...` of an SSH public key, as git reports a signer (None for other keys)."""
    import base64
    import hashlib

    parts = key.split()
    if len(parts) < 2 or not parts[0].startswith("ssh-"):
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except ValueError:
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")


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
