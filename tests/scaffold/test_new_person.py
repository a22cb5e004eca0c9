"""`handbook new person` through the real command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.gitrepo import handbook, minimal_repo, run_on_terminal
from tests.helpers import run_cli


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return minimal_repo(tmp_path)


def test_flags_write_a_valid_profile(repo: Path) -> None:
    result = handbook("new", "person", "--name", "Bea Learner", "--email", "bea@example.com", "--handle", "@bea",
                      "--level", "L1", "--since", "2026-02-01", "--manager", "grace", "--mentor", "ada", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote portfolios/bea-learner/profile.yml"
    assert (repo / "portfolios/bea-learner/profile.yml").read_text() == (
        "name: Bea Learner\nemail: bea@example.com\nhandle: \"@bea\"\ntrack: engineering\nlevel: L1\n"
        "target: L2\nsince: 2026-02-01\nmanager: grace\nmentor: ada\n")
    assert handbook("check", "--root", repo, "--strict").returncode == 0
    readiness = handbook("readiness", "bea-learner", "--format", "json", cwd=repo)
    assert readiness.returncode == 0, readiness.stderr


def test_existing_person_is_never_overwritten(repo: Path) -> None:
    before = (repo / "portfolios/ada/profile.yml").read_text()
    result = run_cli("new", "person", "--root", repo, "--id", "ada", "--name", "Ada Again", "--level", "L1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "error: person 'ada' already exists; nothing was written"
    assert (repo / "portfolios/ada/profile.yml").read_text() == before


def test_unknown_manager_and_level_are_plain_errors(repo: Path) -> None:
    manager = run_cli("new", "person", "--root", repo, "--name", "Cy", "--level", "L1", "--manager", "grase")
    assert manager.exit_code == 1
    assert manager.stderr.splitlines() == ["error: unknown person 'grase' as manager",
                                           "    hint: did you mean 'grace'?"]
    level = run_cli("new", "person", "--root", repo, "--name", "Cy", "--level", "L9")
    assert level.exit_code == 1
    assert level.stderr.startswith("error: level 'L9' is not on the engineering track")
    assert not (repo / "portfolios/cy").exists()


def test_missing_level_without_terminal_names_the_flag(repo: Path) -> None:
    result = handbook("new", "person", "--name", "Dee", cwd=repo)
    assert result.returncode == 1
    assert "pass --level with one of: L1, L2" in result.stderr


def test_interactive_new_person(repo: Path) -> None:
    # name, id (default), email (default: git's), track (only one: default), level, target (default), roles
    output = run_on_terminal(repo, "Eve Example\n\n\n\nL1\n\ngrace\n\n\n", "new", "person")
    assert "Person id [eve-example]:" in output
    assert (repo / "portfolios/eve-example/profile.yml").read_text().splitlines()[:6] == [
        "name: Eve Example", "email: ada@example.com", "track: engineering", "level: L1", "target: L2",
        f"since: {dt.date.today().isoformat()}"]
    check = handbook("check", "--root", repo)  # git's email is Ada's here: one email is one person
    assert check.returncode == 1
    assert "portfolios/eve-example/profile.yml:2:8: error: eve-example's email is also ada's " \
           "(in portfolios/ada/profile.yml)" in check.stdout + check.stderr
