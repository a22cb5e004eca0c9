"""Git as the workflow sees it: who is committing, and which files a change touches.

Paths are returned relative to the handbook root (which may be a sub-folder of the
repository), in the same form `handbook check` uses for problem locations.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.problems import UserError

# Tried in order when `--changed` has no base: the remote's default branch, then the
# usual names of the main branch, then the last commit (only uncommitted changes).
DEFAULT_BASES = ("origin/HEAD", "origin/main", "origin/master", "main", "master", "HEAD")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise UserError("git is not installed", "install git, or run without --changed/--staged") from exc


def _lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if line]


def in_git_repository(root: Path) -> bool:
    try:
        return _git(root, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"
    except UserError:
        return False


def _require_repository(root: Path) -> None:
    if not in_git_repository(root):
        raise UserError(f"'{root}' is not inside a git repository",
                        "run 'git init' there first, or check without --changed/--staged")


def git_user_email(root: Path) -> str | None:
    """`git config user.email` as seen from `root`, or None when unset or outside git."""
    try:
        result = _git(root, "config", "user.email")
    except UserError:
        return None
    email = result.stdout.strip()
    return email or None


def _resolves(root: Path, ref: str) -> bool:
    return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0


def default_base(root: Path) -> str:
    """The first of DEFAULT_BASES that exists in the repository."""
    _require_repository(root)
    for ref in DEFAULT_BASES:
        if _resolves(root, ref):
            return ref
    raise UserError("the repository has no commits yet, so there is nothing to compare with",
                    "commit once, or use --staged")


def changed_files(root: Path, base: str | None = None) -> tuple[str, set[str]]:
    """Files that differ from where the current branch left `base` (working tree, index and untracked).

    Comparing with the merge base means commits made on `base` after the branch was
    created are not counted as this branch's changes. Returns the base used and the paths.
    """
    _require_repository(root)
    base = base or default_base(root)
    if not _resolves(root, base):
        raise UserError(f"unknown git ref '{base}'", "pass a branch, tag or commit, like --changed origin/main")
    merge_base = _git(root, "merge-base", base, "HEAD").stdout.strip() if _resolves(root, "HEAD") else ""
    diff = _git(root, "diff", "--name-only", "--relative", "--no-renames", merge_base or base, "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    return base, set(_lines(diff)) | set(_lines(untracked))


def staged_files(root: Path) -> set[str]:
    """Files in the index that differ from HEAD (all of the index before the first commit)."""
    _require_repository(root)
    return set(_lines(_git(root, "diff", "--cached", "--name-only", "--relative", "--no-renames", "--")))


def unstaged_files(root: Path) -> set[str]:
    """Files whose working copy a commit would not carry: changed since staged, or untracked."""
    _require_repository(root)
    changed = _git(root, "diff", "--name-only", "--relative", "--no-renames", "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    return set(_lines(changed)) | set(_lines(untracked))
