"""Real repositories for a person's own repository: a framework in a bare file:// remote, and people's checkouts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.render.portfolio.conftest import git

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache (and home) inside the test's folder: frameworks are fetched there."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "handbook" / "frameworks"


def release(work: Path, version: str, tag: str | None = None) -> None:
    framework = work / "content/framework.yml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace(text.splitlines()[1], f'version: "{version}"'), encoding="utf-8")
    git(work, "commit", "-qam", f"Release {version}", who="grace")
    if tag:
        git(work, "tag", tag)


@pytest.fixture
def framework(tmp_path: Path) -> tuple[Path, str]:
    """The minimal framework without portfolios, tagged v1 (version 1.0) and v2 (1.1), in a bare remote."""
    work = tmp_path / "framework-work"
    shutil.copytree(MINIMAL, work)
    shutil.rmtree(work / "portfolios/ada")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "Framework 1.0", who="grace")
    git(work, "tag", "v1")
    release(work, "1.1", "v2")
    remote = tmp_path / "remote" / "framework.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(remote)], check=True)
    git(work, "remote", "add", "origin", str(remote))
    return work, remote.as_uri()


def person_repository(tmp_path: Path, person: str, url: str, ref: str = "v1") -> Path:
    """`person`'s own repository: Ada's portfolio of the fixture (renamed) and a handbook.yml naming the framework."""
    root = tmp_path / "own" / person
    shutil.copytree(MINIMAL / "portfolios/ada", root)
    profile = root / "profile.yml"
    profile.write_text(profile.read_text().replace("Ada Example", f"{person.title()} Example")
                       .replace("ada@", f"{person}@"), encoding="utf-8")
    (root / "handbook.yml").write_text(f'framework: {{git: "{url}", ref: {ref}}}\n', encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "My portfolio", who=person)
    return root
