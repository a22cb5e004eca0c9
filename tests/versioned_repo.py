"""A temporary git repository with three tagged framework releases, built from the minimal fixture."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
TRACK = "content/tracks/engineering.yml"
NEW_MILESTONE = """\
      - id: run-retro
        title: Run a team retrospective
        domain: leadership
        criterion:
          text: The team adopts at least two actions from the retrospective.
          metric: actions_adopted
          target: ">= 2"
        horizon: 60d
        cadence: once
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def make_versioned_repo(root: Path) -> Path:
    """v1.0 as the fixture; v1.1 adds a milestone and changes a target; v2.0 removes a milestone.

    The working tree is left at v2.0's content.
    """
    shutil.copytree(FIXTURE, root)
    # the version selector finds the same page in another version through each version's sitemap
    config = root / "handbook.yml"
    config.write_text(config.read_text() + "site_url: https://handbook.example.com/\n")
    (root / ".gitignore").write_text("site/\nbuild/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "owner@example.com")
    git(root, "config", "user.name", "Framework Owner")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Framework 1.0")
    git(root, "tag", "v1.0")
    track = root / TRACK
    _replace(root / "content/framework.yml", 'version: "1.0"', 'version: "1.1"')
    _replace(track, 'target: ">= 80"', 'target: ">= 85"')
    track.write_text(track.read_text() + NEW_MILESTONE)
    _replace(root / "content/competencies/core.yml", "[Pairs with new joiners]",
             "[Pairs with new joiners, Writes onboarding notes]")
    git(root, "commit", "-qam", "Framework 1.1")
    git(root, "tag", "v1.1")
    _replace(root / "content/framework.yml", 'version: "1.1"', 'version: "2.0"')
    _replace(track, NEW_MILESTONE, "")
    git(root, "commit", "-qam", "Framework 2.0")
    git(root, "tag", "v2.0")
    return root
