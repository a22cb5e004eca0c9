"""`handbook new portfolio`: a person's own repository that passes check against the fetched framework."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.gitrepo import init_repo
from tests.helpers import run_cli
from tests.own_repositories import framework, user_cache

__all__ = ["framework", "user_cache"]  # fixtures


def new_portfolio(target: Path, spec: str, *args: str) -> str:
    result = run_cli("new", "portfolio", target, "--framework", spec, "--person", "bo", "--name", "Bo Li",
                     "--email", "bo@example.com", "--level", "L1", "--manager", "grace", "--since", "2026-02-01",
                     "--yes", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_new_repository_passes_a_strict_check(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    target = tmp_path / "bo-portfolio"
    written = new_portfolio(target, f"{url}@v2")
    assert written.splitlines() == ["wrote handbook.yml", "wrote profile.yml", "wrote README.md",
                                    "wrote .github/workflows/portfolio.yml", "wrote .gitignore",
                                    "wrote .gitlab-ci.yml", "wrote .pre-commit-config.yaml",
                                    "wrote schemas/handbook.schema.json", "wrote schemas/profile.schema.json",
                                    "wrote schemas/entry.schema.json", "wrote schemas/plan.schema.json"]
    assert (target / "profile.yml").read_text().startswith(
        "# yaml-language-server: $schema=schemas/profile.schema.json\nname: Bo Li\n")
    config = yaml.safe_load((target / "handbook.yml").read_text())
    assert config == {"framework": {"git": url, "ref": "v2"}, "person": "bo"}
    assert yaml.safe_load((target / "profile.yml").read_text()) == {
        "name": "Bo Li", "email": "bo@example.com", "track": "engineering", "level": "L1", "target": "L2",
        "since": dt.date(2026, 2, 1), "manager": "grace"}
    init_repo(target, email="bo@example.com", name="Bo Li")
    result = run_cli("check", "--root", target, "--strict")
    assert result.exit_code == 0, result.output
    readiness = json.loads(run_cli("readiness", "--root", target, "--format", "json").stdout)
    assert (readiness["person"], readiness["framework"]) == ("bo", "1.1")


def test_the_hook_and_ci_check_the_portfolio(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    target = tmp_path / "bo"
    new_portfolio(target, f"{url}@v1")
    (hook,) = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hook["entry"] == "handbook check --staged"
    workflow = yaml.safe_load((target / ".github/workflows/portfolio.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert "handbook check --strict --format github" in runs
    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text())
    assert gitlab["check"]["script"] == ["handbook check --strict"]
    assert "/build/" in (target / ".gitignore").read_text().split()
    init_repo(target, email="bo@example.com", name="Bo Li")
    (target / "entries/2026-05-01-x.md").write_text(
        "---\ntitle: X\ndate: 2026-05-01\nkind: project\nmilestones: [engineering/nope]\n---\nBody\n")
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True)
    result = run_cli("check", "--root", target, "--staged", "--format", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)
    assert (problem["path"], problem["line"], problem["message"]) == (
        "entries/2026-05-01-x.md", 5, "unknown milestone 'engineering/nope'")


@pytest.mark.parametrize(("spec", "message"), [
    ("https://git.example.com/framework.git", "error: 'https://git.example.com/framework.git' does not name a ref "
                                              "after @"),
    ("-uhack@v1", "error: '-uhack@v1' is not a framework address and ref: '-uhack' is not a repository address or "
                  "folder; write it without spaces or quotes and not starting with '-'"),
])
def test_a_framework_without_a_ref_or_with_an_option_is_refused(tmp_path: Path, spec: str, message: str) -> None:
    result = run_cli("new", "portfolio", tmp_path / "x", "--framework", spec, "--person", "bo", "--yes")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == message
    assert not (tmp_path / "x").exists()


def test_an_unknown_ref_writes_nothing(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    result = run_cli("new", "portfolio", tmp_path / "x", "--framework", f"{url}@v7", "--person", "bo", "--yes")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"error: the framework repository '{url}' has no tag, branch or commit 'v7'"
    assert not (tmp_path / "x").exists()


def test_a_folder_with_files_is_refused(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    (tmp_path / "x").mkdir()
    (tmp_path / "x/notes.md").write_text("mine")
    result = run_cli("new", "portfolio", tmp_path / "x", "--framework", f"{url}@v1", "--person", "bo", "--name",
                     "Bo", "--level", "L1", "--yes")
    assert result.exit_code == 1
    assert "exists and is not an empty folder; nothing was written" in result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["notes.md"]


def test_the_last_at_separates_the_ref() -> None:
    from generator.scaffold.portfolio_repository import parse_framework

    source = parse_framework("git@git.example.com:acme/framework.git@v2026.2")
    assert (source.git, source.ref) == ("git@git.example.com:acme/framework.git", "v2026.2")
