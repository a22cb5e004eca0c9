"""Temporary git repositories for the workflow tests."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
# The console script installed with the package, next to the interpreter running the tests.
HANDBOOK_BIN = Path(sys.executable).parent / "handbook"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def init_repo(root: Path, email: str = "ada@example.com", name: str = "Ada Example") -> Path:
    """`git init` with a local identity, everything committed on branch main."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", email)
    git(root, "config", "user.name", name)
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Initial handbook", "--allow-empty")
    return root


def minimal_repo(tmp_path: Path, email: str = "ada@example.com") -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(FIXTURE, root)
    return init_repo(root, email)


def handbook(*args: str | Path, cwd: Path | None = None, stdin: str | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `handbook` console script; stdin is a pipe (never a terminal)."""
    return subprocess.run([str(HANDBOOK_BIN), *map(str, args)], cwd=cwd, input=stdin or "", capture_output=True,
                          text=True, env=env, timeout=120)


def run_on_terminal(repo: Path, answers: str, *args: str, expect: int = 0) -> str:
    """Run the console script with stdin on a pseudo-terminal, typing `answers`."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([str(HANDBOOK_BIN), *args], cwd=repo, stdin=terminal,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        os.write(controller, answers.encode())
        output, _ = process.communicate(timeout=60)
    finally:
        os.close(controller)
        os.close(terminal)
    assert process.returncode == expect, output
    return output
