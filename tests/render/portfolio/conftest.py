"""Portfolio builds shared by the tests: built once per session, asserted many times."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, BuildReport, run_build
from generator.link.load import load_project
from generator.link.project import Project

FIXTURES = Path(__file__).parent.parent.parent / "fixtures"

# Entries added to a copy of the minimal fixture: feedback of every source, a reflection,
# a recognition and an entry too old to count.
RICH_ENTRIES = {
    "ada/entries/2026-04-20-peer.md": """---
title: Feedback from Linus on the pairing
date: 2026-04-20
kind: feedback
from: linus
role: peer
milestones: [engineering/mentor-joiner]
---
Sam ships on their own now thanks to Ada's pairing.
""",
    "ada/entries/2026-05-02-review.md": """---
title: Joiner review with Grace
date: 2026-05-02
kind: mentoring
milestones: [engineering/mentor-joiner]
feedback:
  - {from: grace, role: manager, text: "The joiner is productive.", verdict: met}
---
Review of the joiner's first months.
""",
    "ada/entries/2026-05-24-verdict.md": """---
title: Grace's verdict on the joiner mentoring
date: 2026-05-24
kind: feedback
from: grace
role: manager
verdict: met
milestones: [engineering/mentor-joiner]
---
Sam is productive on their own; the mentoring worked.
""",
    "ada/entries/2026-05-10-reflection.md": """---
title: What pairing taught me
date: 2026-05-10
kind: reflection
---
Explaining the billing code made me **simplify** it.
""",
    "ada/entries/2026-05-20-award.md": """---
title: Quality award for the billing tests
date: 2026-05-20
kind: recognition
---
Given at the quarterly review.
""",
    "ada/entries/2025-01-10-old.md": """---
title: An old coverage push
date: 2025-01-10
kind: project
milestones: [engineering/raise-coverage]
metrics: {coverage_pct: 70}
---
Too old to count.
""",
}

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_DATE": "2026-05-25T10:00:00Z",
           "GIT_COMMITTER_DATE": "2026-05-25T10:00:00Z"}


def git(root: Path, *args: str, who: str = "ada", date: str = "2026-05-25T10:00:00Z") -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_NAME": who.title(), "GIT_AUTHOR_EMAIL": f"{who}@example.com",
           "GIT_COMMITTER_NAME": who.title(), "GIT_COMMITTER_EMAIL": f"{who}@example.com",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def make_rich(root: Path, *, with_git: bool) -> Path:
    """The minimal fixture plus RICH_ENTRIES; with git, Linus and Grace commit their own feedback entries.

    Grace's verdict quoted in Ada's own review entry stays unverified (Ada committed it), so
    under the default policy only her own verdict entry makes the milestone met.
    """
    shutil.copytree(FIXTURES / "minimal", root)
    for rel, text in RICH_ENTRIES.items():
        (root / "portfolios" / rel).write_text(text, encoding="utf-8")
    if with_git:
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "content", "handbook.yml", "portfolios/people.yml")
        git(root, "commit", "-q", "-m", "Framework", who="grace", date="2026-01-02T09:00:00Z")
        git(root, "add", "portfolios/ada")
        git(root, "reset", "-q", "portfolios/ada/entries/2026-04-20-peer.md",
            "portfolios/ada/entries/2026-05-24-verdict.md")
        git(root, "commit", "-q", "-m", "Ada's portfolio", date="2026-05-21T09:00:00Z")
        git(root, "add", "portfolios/ada/entries/2026-04-20-peer.md")
        git(root, "commit", "-q", "-m", "Feedback for Ada", who="linus", date="2026-05-22T09:00:00Z")
        git(root, "add", "portfolios/ada/entries/2026-05-24-verdict.md")
        git(root, "commit", "-q", "-m", "Verdict for Ada", who="grace", date="2026-05-24T09:00:00Z")
    return root


def make_hostile(root: Path) -> Path:
    """tests/fixtures/hostile plus symlinks out of mallory's folder, to bob's and outside the repository."""
    shutil.copytree(FIXTURES / "hostile", root / "repo")
    outside = root / "outside.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
                       '<text x="4" y="24">OUTSIDE-SECRET</text></svg>\n', encoding="utf-8")
    attachments = root / "repo/portfolios/mallory/attachments"
    (attachments / "sneaky.svg").symlink_to(Path("../../bob/attachments/secret.svg"))
    (attachments / "outside.svg").symlink_to(outside)
    return root / "repo"


@dataclass
class Built:
    project: Project
    report: BuildReport

    @property
    def out(self) -> Path:
        return self.project.root / "build" / "portfolios"

    def html(self, person: str) -> str:
        return (self.out / person / "index.html").read_text(encoding="utf-8")


def build(root: Path, **options: object) -> Built:
    project, problems = load_project(root)
    assert not problems.errors, problems.sorted()
    options.setdefault("audiences", ("committee",))
    return Built(project, run_build(project, BuildOptions(site=False, **options)))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The rich fixture in git, built with PDFs."""
    return build(make_rich(tmp_path_factory.mktemp("rich") / "repo", with_git=True), jobs=1)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The hostile fixture built with PDFs in two processes."""
    return build(make_hostile(tmp_path_factory.mktemp("hostile")), jobs=2)
