"""`make build`'s example repository: two tagged releases, feedback committed by its givers, no maintainer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "example" / "history.py"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("example")
    repo, out = tmp / "repo", tmp / "out"
    result = subprocess.run([sys.executable, str(SCRIPT), "--repo", str(repo), "--output", str(out),
                             "--", "--all-versions", "--no-pdf", "--quiet"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return repo, out


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def visible_text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_two_releases_give_the_version_selector_and_what_changed(built: tuple[Path, Path]) -> None:
    repo, out = built
    assert git(repo, "tag", "--list").split() == ["v2026.1", "v2026.2"]
    versions = json.loads((out / "site" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["2026.2", "2026.1"]
    changes = visible_text(out / "site" / "2026.2" / "changes" / "index.html")
    assert "against the previous version 2026.1" in changes
    assert "At least 30 reviews given over the period." in changes


def test_feedback_is_committed_by_its_giver_and_counts_as_verified(built: tuple[Path, Path]) -> None:
    repo, out = built
    entry = "portfolios/kenji/entries/2026-09-15-feedback-raj-capacity-plan.md"
    assert git(repo, "log", "--format=%ae", "--", entry).split() == ["rajesh.iyer@kittiwake.example"]
    assert git(repo, "log", "-1", "--format=%ae", "--", "portfolios/kenji/profile.yml").strip() \
        == "kenji.watanabe@kittiwake.example"
    portfolio = visible_text(out / "build" / "portfolios" / "kenji" / "index.html")
    assert "verified: committed by rajesh.iyer@kittiwake.example" in portfolio


def test_sealed_feedback_is_committed_by_its_giver_and_stays_sealed(built: tuple[Path, Path]) -> None:
    repo, out = built
    entry = "portfolios/tomas/entries/2026-10-08-peer-feedback-kwame.md"
    assert git(repo, "log", "--format=%ae", "--", entry).split() == ["kwame.mensah@kittiwake.example"]
    portfolio = visible_text(out / "build" / "portfolios" / "tomas" / "index.html")
    assert "1 verdict sealed for the committee" in portfolio
    for path in [*(out / "build").rglob("*"), *(out / "site").rglob("*")]:
        assert not path.is_file() or b"checked in twice a week; she shipped it" not in path.read_bytes(), path


def test_no_identity_of_the_tools_own_history_reaches_an_output(built: tuple[Path, Path]) -> None:
    repo, out = built
    ours = set(git(ROOT, "log", "--format=%ae%n%an").split("\n")) - {""}
    theirs = set(git(repo, "log", "--format=%ae%n%an").split("\n")) - {""}
    assert ours.isdisjoint(theirs)
    for path in out.rglob("*"):
        if path.suffix in {".html", ".json", ".ics", ".csv", ".md", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [who for who in ours if who in text], path
