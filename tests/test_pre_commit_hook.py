"""The pre-commit framework runs `handbook check` before commits, in a temporary repository.

Network-free: hooks run as `repo: local` with `language: system`, calling the installed
`handbook`. The project's own .pre-commit-hooks.yaml is validated with pre-commit's
manifest schema, and its hooks are run the same way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import load_manifest

from tests.gitrepo import HANDBOOK_BIN, git, init_repo
from tests.helpers import edit

PROJECT_ROOT = Path(__file__).parent.parent
ENTRY_GLOB = "portfolios/alex/entries/*-billing-coverage.md"


def hook_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{HANDBOOK_BIN.parent}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def commit(root: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), "commit", "-m", message], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A new starter handbook, committed, with the pre-commit hook installed."""
    root = tmp_path / "handbook"
    subprocess.run([str(HANDBOOK_BIN), "new", "site", str(root)], check=True, capture_output=True)
    init_repo(root, "alex@example.com", "Alex Example")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, check=True, capture_output=True,
                   env=hook_env(tmp_path))
    return root


def test_starter_hook_stops_a_commit_with_a_mistake(site: Path, tmp_path: Path) -> None:
    env = hook_env(tmp_path)
    entry = next(site.glob(ENTRY_GLOB))
    edit(entry, "milestones: [engineering/raise-coverage]", "milestones: [engineering/raise-covrage]")
    git(site, "add", "-A")
    refused = commit(site, env, "Link my entry")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    rel = entry.relative_to(site).as_posix()
    assert f"{rel}:5:14: error: unknown milestone 'engineering/raise-covrage'" in output
    assert "did you mean 'engineering/raise-coverage'?" in output
    assert "Traceback" not in output
    edit(entry, "raise-covrage", "raise-coverage, engineering/mentor-joiner")
    git(site, "add", "-A")
    accepted = commit(site, env, "Link my entry")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_starter_hook_ignores_problems_in_files_not_being_committed(site: Path, tmp_path: Path) -> None:
    env = hook_env(tmp_path)
    edit(site / "portfolios/alex/profile.yml", "manager: sam", "manager: samm")  # not staged
    (site / "content/pages/extra.md").write_text("# Extra\n")
    git(site, "add", "content/pages/extra.md")
    result = commit(site, env, "Add a page")
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_hook_manifest_is_valid_and_runs(tmp_path: Path) -> None:
    manifest = load_manifest(str(PROJECT_ROOT / ".pre-commit-hooks.yaml"))  # pre-commit's own schema
    hooks = {h["id"]: h for h in manifest}
    assert set(hooks) == {"handbook-check", "handbook-check-staged"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["entry"].startswith("handbook check")
    root = tmp_path / "handbook"
    subprocess.run([str(HANDBOOK_BIN), "new", "site", str(root)], check=True, capture_output=True)
    local = [{**{k: hooks[i][k] for k in ("id", "name", "entry", "pass_filenames", "files")}, "language": "system"}
             for i in sorted(hooks)]
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}))
    init_repo(root, "alex@example.com", "Alex Example")
    edit(root / "content/framework.yml", 'version: "1.0"', "version: [1]")
    env = hook_env(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=root,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    # the whole-repository hook fails; the staged-only hook has nothing staged to report on
    assert re.search(r"^handbook check\.+Failed$", result.stdout, re.MULTILINE)
    assert "content/framework.yml:3:10: error:" in result.stdout
    assert re.search(r"^handbook check \(files being committed\)\.+Passed$", result.stdout, re.MULTILINE)


def test_new_user_journey_from_an_empty_folder(tmp_path: Path) -> None:
    """new site -> commit -> a mistake the hook catches -> new entry -> commit, all from the console script."""
    env = hook_env(tmp_path)
    root = tmp_path / "empty"
    root.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=root, capture_output=True, text=True, env=env, timeout=300)

    assert run(str(HANDBOOK_BIN), "new", "site", ".").returncode == 0
    init_repo(root, "alex@example.com", "Alex Example")
    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    edit(root / "portfolios/alex/profile.yml", "target: L2", "target: L4")
    git(root, "add", "-A")
    refused = commit(root, env, "Aim higher")
    assert refused.returncode != 0
    assert "portfolios/alex/profile.yml:" in refused.stdout + refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    edit(root / "portfolios/alex/profile.yml", "target: L4", "target: L3")
    git(root, "add", "-A")
    assert commit(root, env, "Aim higher").returncode == 0
    entry = run(str(HANDBOOK_BIN), "new", "entry", "--kind", "course", "--title", "Testing course",
                "--date", "2026-11-02")
    assert entry.returncode == 0, entry.stderr
    assert entry.stdout.strip() == "wrote portfolios/alex/entries/2026-11-02-testing-course.md"
    git(root, "add", "-A")
    done = commit(root, env, "Testing course")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(root, "status", "--porcelain") == ""
