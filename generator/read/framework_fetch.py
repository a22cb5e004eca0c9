"""The framework a person's own repository names, fetched with git into the user's cache.

One clone per address and ref under `$XDG_CACHE_HOME/handbook/frameworks/`. A tag or a full
commit id found in the clone is used as it is, without the network; a branch is fetched again
on every run, and when that fails (offline) the copy fetched earlier is used with a note.
Addresses and refs are passed to git as arguments, never through a shell, after `--` where git
takes one, and both are refused when they start with '-'.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_COMMIT = re.compile(r"[0-9a-f]{7,40}")
# no transport that runs commands, no password prompt that would hang a hook or CI job
_SAFE = ("-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never", "-c", "core.askPass=",
         "-c", "credential.interactive=false")


class FrameworkUnavailable(Exception):
    """The framework cannot be fetched, or has no such ref; `key` is the handbook.yml key to blame."""

    def __init__(self, key: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.key, self.message, self.hint = key, message, hint


@dataclass(frozen=True)
class FetchedFramework:
    folder: Path
    commit: str  # "" for a folder named by path
    note: str | None = None  # what the user should know (a branch that could not be updated)


def cache_home() -> Path:
    """The user's cache folder for handbook: $XDG_CACHE_HOME/handbook, else ~/.cache/handbook."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "handbook"


def _git(folder: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GCM_INTERACTIVE": "never"}
    command = ["git", *_SAFE, *(["-C", str(folder)] if folder else []), *args]
    try:
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              check=False, env=env, stdin=subprocess.DEVNULL)
    except OSError as exc:
        return subprocess.CompletedProcess(command, 127, "", f"fatal: git cannot run: {exc}")


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    """git's own explanation: its first `fatal:` line (the cause; later ones tell the consequence), else its last."""
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    fatal = [line.removeprefix("fatal:").strip() for line in lines if line.startswith("fatal:")]
    return fatal[0] if fatal else (lines or [f"git exited with {done.returncode}"])[-1]


def _commit(folder: Path, name: str) -> str | None:
    done = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _fixed(folder: Path, ref: str) -> str | None:
    """The commit of a tag, or of a full commit id, already in the clone: what never moves."""
    tag = _commit(folder, f"refs/tags/{ref}")
    if tag or not re.fullmatch(r"[0-9a-f]{40}", ref):
        return tag
    return _commit(folder, ref)


def _resolve(folder: Path, ref: str) -> str | None:
    return (_commit(folder, f"refs/tags/{ref}") or _commit(folder, f"refs/remotes/origin/{ref}")
            or (_commit(folder, ref) if _COMMIT.fullmatch(ref) else None))


def _clone(url: str, folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        done = _git(None, "clone", "--quiet", "--no-checkout", "--", url, str(work / "clone"))
        if done.returncode != 0:
            raise FrameworkUnavailable("git", f"cannot fetch the framework from '{url}': {_reason(done)}",
                                       "check the address and your access to it (try 'git clone' with it); once "
                                       "fetched, the framework is used offline")
        try:
            (work / "clone").rename(folder)
        except OSError:  # another run cloned it meanwhile: use theirs
            if not (folder / ".git").is_dir():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fetch_framework(url: str, ref: str, cache: Path | None = None) -> FetchedFramework:
    """The framework at `url` and `ref`, checked out in the cache; raises FrameworkUnavailable."""
    if url.startswith("-") or ref.startswith("-"):
        raise FrameworkUnavailable("git", f"'{url}@{ref}' is not a repository address and ref",
                                   "write an address such as https://git.example.com/acme/framework.git")
    key = hashlib.sha256(f"{url}\n{ref}".encode()).hexdigest()[:16]
    folder = (cache or cache_home()) / "frameworks" / key
    fresh = not (folder / ".git").is_dir()
    if fresh:
        _clone(url, folder)
    commit, note = _fixed(folder, ref), None
    if commit is None:
        failed = None
        if not fresh:
            done = _git(folder, "fetch", "--quiet", "--prune", "--tags", "--force", "origin")
            failed = _reason(done) if done.returncode != 0 else None
        commit = _resolve(folder, ref)
        if commit is None and failed:
            raise FrameworkUnavailable("git", f"cannot fetch the framework from '{url}': {failed}",
                                       "check the address and your access to it, or connect to the network")
        if commit is None:
            raise FrameworkUnavailable("ref", f"the framework repository '{url}' has no tag, branch or commit "
                                       f"'{ref}'", "name a release tag of the framework, such as the newest one "
                                       "'git ls-remote --tags' lists")
        if failed:
            note = (f"could not update the framework's '{ref}' from '{url}' ({failed}); using the copy fetched "
                    "earlier")
    head = _git(folder, "rev-parse", "--verify", "--quiet", "HEAD").stdout.strip()
    if head != commit or not (folder / "content").is_dir():
        done = _git(folder, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--force", "--detach",
                    commit)
        if done.returncode != 0:
            raise FrameworkUnavailable("git", f"cannot check out the framework's '{ref}' in {folder}: "
                                       f"{_reason(done)}", f"remove {folder} and run again")
    return FetchedFramework(folder, commit, note)


def framework_folder(path: str, root: Path) -> FetchedFramework:
    """A framework named by `path`, relative to the person's repository."""
    folder = (root / path).resolve()
    if not (folder / "content" / "framework.yml").is_file():
        raise FrameworkUnavailable("path", f"the framework folder '{path}' has no content/framework.yml",
                                   "name the folder of the framework's repository (the one holding content/)")
    return FetchedFramework(folder, "")
