"""Who added each file, from one `git log` of the repository (provenance of portfolio entries)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
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


def read_histories(root: Path, folders: list[Path]) -> dict[Path, Commit] | None:
    """read_git_history of the handbook, plus that of each person folder held by another repository."""
    history = read_git_history(root)
    inside = (root / "portfolios").resolve()
    for folder in folders:
        real = folder.resolve()
        if real.is_relative_to(inside) or (top := repository_top(real)) is None:
            continue
        more = read_git_history(top, real.relative_to(top).as_posix() or ".")
        if more:
            history = {**(history or {}), **more}
    return history


def read_last_commit(root: Path, path: Path) -> Commit | None:
    """The newest commit that touched `path` (None outside git or when it was never committed)."""
    output = run_git(root, "log", "-1", "--no-renames", "--name-only", "--relative", LOG_FORMAT, "--", str(path))
    return None if output is None else parse_log(output, root.resolve()).get(path.resolve())


# Git as the commit objects say, not as the repository's own files would have it read: no
# `.mailmap` renaming (%an/%ae are the raw author; blame's emails are replaced by them), no
# replacement objects, paths unquoted.
RAW_FACTS = ("--no-replace-objects", "-c", "core.quotepath=off", "-c", "log.mailmap=false",
             "-c", "mailmap.file=", "-c", "mailmap.blob=")
# Blame skips no revision: a committed `.git-blame-ignore-revs` that the user's configuration
# names would hand a learner's edit to the line's previous author (only the option resets it).
BLAME = ("blame", "--porcelain", "--no-textconv", "--ignore-revs-file=")


def run_git(root: Path, *args: str, timeout: int = 120, stdin: str | None = None) -> str | None:
    """What a git command prints; None when git is missing, fails or `root` is not in a work tree."""
    command = ["git", *RAW_FACTS, "-C", str(root), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              check=False, timeout=timeout, input=stdin)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def repository_top(folder: Path) -> Path | None:
    """The top of the git work tree holding `folder` (a nested checkout or submodule is its own), or None."""
    top = run_git(folder, "rev-parse", "--show-toplevel")
    return Path(top.strip()).resolve() if top and top.strip() else None


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


@dataclass(frozen=True)
class LineOrigin:
    """The commit that last changed a line, and the path (from the repository's top) the line had in it."""

    commit: Commit
    path: str


@dataclass
class History:
    """What a repository's commit objects say, read once per verifier: authors, signatures, shallowness."""

    root: Path
    top: Path | None = None
    shallow: frozenset[str] = frozenset()
    objects: dict[str, RawCommit] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> History:
        top = run_git(root, "rev-parse", "--show-toplevel")
        shallow: frozenset[str] = frozenset()
        if (run_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
            name = (run_git(root, "rev-parse", "--git-path", "shallow") or "").strip()
            try:
                shallow = frozenset((root / name).read_text(encoding="ascii").split()) if name else frozenset()
            except OSError:
                shallow = frozenset()
        return cls(root, Path(top.strip()).resolve() if top and top.strip() else None, shallow)

    def relative(self, path: Path) -> str | None:
        """`path` from the repository's top, as blame names files."""
        if self.top is None:
            return None
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None

    def line_origins(self, path: Path) -> list[LineOrigin | None] | None:
        """Each line's origin (None for a line not committed yet); None when the file is not in git at all.

        Blame gives the commit and the path of each line; who wrote it is read from the commit
        object itself, since blame reports authors through `.mailmap`, which the repository holds.
        """
        return self.origins(self.blame(path))

    def blame(self, path: Path) -> list[tuple[str, str]] | None:
        """(commit sha, path in that commit) of each line, or None when the file is not in git."""
        output = run_git(self.root, *BLAME, "--", str(path))
        return None if output is None else parse_blame(output)

    def origins(self, lines: list[tuple[str, str]] | None) -> list[LineOrigin | None] | None:
        if lines is None:
            return None
        self.read_objects({sha for sha, _ in lines if sha != UNCOMMITTED})
        return [None if sha == UNCOMMITTED or sha not in self.objects else LineOrigin(self.objects[sha].commit, name)
                for sha, name in lines]

    def read_objects(self, shas: set[str]) -> None:
        todo = sorted(shas - self.objects.keys())
        if not todo:
            return
        try:  # bytes: the sizes are in bytes, and a signature covers the exact bytes
            done = subprocess.run(["git", *RAW_FACTS, "-C", str(self.root), "cat-file", "--batch"],
                                  input="".join(f"{sha}\n" for sha in todo).encode("ascii"), capture_output=True,
                                  check=False, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return
        if done.returncode == 0:
            self.objects.update(parse_batch(done.stdout))


@dataclass(frozen=True)
class RawCommit:
    commit: Commit
    signature: str  # the armoured signature, or ""
    payload: bytes  # what was signed: the commit object without its signature


AUTHOR = re.compile(r"^author (.*) <([^<>]*)> (\d+) [+-]\d{4}$")


def parse_batch(output: bytes) -> dict[str, RawCommit]:
    """`git cat-file --batch` output of commits → each commit's raw author, date and signature."""
    found: dict[str, RawCommit] = {}
    at = 0
    while at < len(output):
        end = output.find(b"\n", at)
        parts = output[at:end if end >= 0 else len(output)].split(b" ")
        if end < 0 or len(parts) != 3 or not parts[2].isdigit():
            break  # "<sha> missing", or the end
        size = int(parts[2])
        data, at = output[end + 1:end + 1 + size], end + 1 + size + 1
        if parts[1] == b"commit":
            sha = parts[0].decode("ascii")
            found[sha] = _raw_commit(sha, data)
    return found


def _raw_commit(sha: str, data: bytes) -> RawCommit:
    head, _, message = data.partition(b"\n\n")
    kept: list[bytes] = []
    signature: list[bytes] = []
    in_signature = False
    author, email, when = "", "", 0
    for line in head.split(b"\n"):
        if in_signature and line.startswith(b" "):
            signature.append(line[1:])
            continue
        in_signature = line.startswith(b"gpgsig ")
        if in_signature:
            signature.append(line[len(b"gpgsig "):])
            continue
        kept.append(line)
        if (match := AUTHOR.match(line.decode("utf-8", errors="replace"))):
            author, email, when = match.group(1), match.group(2), int(match.group(3))
    try:
        date = dt.datetime.fromtimestamp(when, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        date = dt.date(1970, 1, 1)
    armour = b"\n".join(signature).decode("ascii", errors="replace") + ("\n" if signature else "")
    return RawCommit(Commit(sha[:7], author, email, date, sha), armour, b"\n".join(kept) + b"\n\n" + message)


def parse_blame(output: str) -> list[tuple[str, str]]:
    """(commit sha, path in that commit) of each line of `git blame --porcelain` output."""
    names: dict[str, str] = {}
    lines: list[tuple[str, str]] = []
    sha, name, in_header = "", "", False
    for line in output.split("\n"):
        if line.startswith("\t"):
            lines.append((sha, name))
            in_header = False
        elif not in_header and line:
            sha = line.split(" ", 1)[0]
            name, in_header = names.get(sha, ""), True
        elif in_header and line.startswith("filename "):
            name = names[sha] = line[len("filename "):]
    return lines


def signed_with(raw: RawCommit, keys: list[str], principal: str = "giver") -> bool | None:
    """Whether the commit's SSH signature was made with one of `keys`; None when it is not signed.

    Checked by `ssh-keygen -Y verify` against these keys only, whatever keys the local git
    setup trusts: a good signature by someone else's key is not the giver's.
    """
    if not raw.signature:
        return None
    ssh_keys = [k for k in keys if k.startswith(("ssh-ed25519 ", "ssh-rsa "))]
    if "BEGIN SSH SIGNATURE" not in raw.signature or not ssh_keys:
        return False
    with tempfile.TemporaryDirectory(prefix="handbook-sig-") as folder:
        allowed, signature = Path(folder) / "allowed_signers", Path(folder) / "commit.sig"
        allowed.write_text("".join(f'{principal} namespaces="git" {" ".join(k.split()[:2])}\n' for k in ssh_keys),
                           encoding="utf-8")
        signature.write_text(raw.signature, encoding="utf-8")
        try:
            done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", principal, "-n", "git",
                                   "-s", str(signature)], input=raw.payload,
                                  capture_output=True, check=False, timeout=60)
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
