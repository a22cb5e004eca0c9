"""`handbook check --changed` and `--staged`: whole-repository validation, problems of the touched files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gitrepo import git, handbook, minimal_repo
from tests.helpers import edit, run_cli

PROFILE = "portfolios/ada/profile.yml"
ENTRY = "portfolios/ada/entries/2026-03-14-coverage.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main branch already has a problem (an unknown manager) in ada's profile."""
    root = minimal_repo(tmp_path)
    edit(root / PROFILE, "manager: grace", "manager: grase")
    git(root, "commit", "-qam", "A problem already on main")
    git(root, "checkout", "-qb", "feature")
    return root


def paths(result_stdout: str) -> set[str]:
    return {p["path"] for p in json.loads(result_stdout or "[]")}


def test_changed_reports_only_changed_files(repo: Path) -> None:
    edit(repo / ENTRY, "milestones: [engineering/raise-coverage]", "milestones: [engineering/raise-coverag]")
    everything = handbook("check", "--format", "json", cwd=repo)
    assert paths(everything.stdout) == {PROFILE, ENTRY}
    changed = handbook("check", "--changed", "main", "--format", "json", cwd=repo)
    assert changed.returncode == 1
    assert paths(changed.stdout) == {ENTRY}


def test_changed_without_base_uses_main(repo: Path) -> None:
    result = handbook("check", "--changed", "-v", cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "reporting on 0 files changed against main: none" in result.stderr


def test_changed_counts_committed_and_untracked_files(repo: Path) -> None:
    edit(repo / ENTRY, "kind: project", "kind: projet")
    git(repo, "commit", "-qam", "Typo, committed on the branch")
    new = repo / "portfolios/ada/entries/2026-05-01-new.md"
    new.write_text("---\ntitle: New\ndate: 2026-05-01\nkind: course\nmilestones: [nope/missing]\n---\n")
    result = run_cli("check", "--root", repo, "--changed", "main", "--format", "json")
    assert paths(result.stdout) == {ENTRY, "portfolios/ada/entries/2026-05-01-new.md"}


def test_changed_ignores_commits_made_on_the_base_since_branching(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo / ENTRY, "kind: project", "kind: projet")
    git(repo, "commit", "-qam", "Broken on main after the branch was made")
    git(repo, "checkout", "-q", "feature")
    git(repo, "merge", "-q", "main", "-m", "Merge main")
    result = run_cli("check", "--root", repo, "--changed", "main", "--format", "json")
    assert result.exit_code == 0
    assert paths(result.stdout) == set()


def test_staged_reports_only_staged_files(repo: Path) -> None:
    edit(repo / ENTRY, "kind: project", "kind: projet")
    unstaged = handbook("check", "--staged", "--format", "json", cwd=repo)
    assert unstaged.returncode == 0
    assert paths(unstaged.stdout) == set()
    git(repo, "add", ENTRY)
    staged = handbook("check", "--staged", cwd=repo)
    assert staged.returncode == 1
    assert staged.stdout.startswith(f"{ENTRY}:4:7: error:")
    assert PROFILE not in staged.stdout


def test_cross_references_still_use_the_whole_repository(repo: Path) -> None:
    # a milestone removed from the track breaks ada's unchanged entry: only the track is reported
    track = repo / "content/tracks/engineering.yml"
    edit(track, "- id: raise-coverage", "- id: raise-test-coverage")
    git(repo, "add", "-A")
    full = paths(run_cli("check", "--root", repo, "--format", "json").stdout)
    assert ENTRY in full
    staged = run_cli("check", "--root", repo, "--staged", "--format", "json")
    assert ENTRY not in paths(staged.stdout)


def test_changed_and_staged_together_is_a_usage_error(repo: Path) -> None:
    result = run_cli("check", "--root", repo, "--changed", "main", "--staged")
    assert result.exit_code == 2
    assert "use either --changed or --staged" in result.stderr


def test_unknown_base_and_no_repository_are_plain_errors(repo: Path, tmp_path: Path, minimal: Path) -> None:
    unknown = run_cli("check", "--root", repo, "--changed", "no-such-branch")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("error: unknown git ref 'no-such-branch'")
    outside = run_cli("check", "--root", minimal, "--staged")
    assert outside.exit_code == 1
    assert "is not inside a git repository" in outside.stderr


def test_quiet_prints_errors_only(repo: Path) -> None:
    entry = repo / ENTRY
    entry.rename(entry.with_name("coverage.md"))  # a warning: the file name has no date
    quiet = run_cli("check", "--root", repo, "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout.splitlines()[0].startswith(f"{PROFILE}:7:10: error:")
    assert "warning" not in quiet.stdout
    assert quiet.stderr == ""
    normal = run_cli("check", "--root", repo)
    assert "warning" in normal.stdout


def test_staged_entry_needs_its_attachment_staged_too(repo: Path) -> None:
    (repo / "portfolios/ada/attachments").mkdir(exist_ok=True)
    (repo / "portfolios/ada/attachments/coverage.csv").write_text("week,coverage\n1,80\n")
    edit(repo / ENTRY, "artifacts: [attachments/report.txt,",
         "artifacts: [attachments/report.txt, attachments/coverage.csv,")
    git(repo, "add", ENTRY)
    result = run_cli("check", "--root", repo, "--staged", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    where = (problem["path"], problem["line"], problem["column"], problem["code"])
    assert where == (ENTRY, 7, 37, "artifact-unstaged")
    assert problem["message"] == ("artifact 'attachments/coverage.csv' is not staged: the commit would link to a "
                                  "file it does not carry")
    assert problem["hint"] == "stage it too: git add portfolios/ada/attachments/coverage.csv"
    git(repo, "add", "portfolios/ada/attachments/coverage.csv")
    assert run_cli("check", "--root", repo, "--staged").exit_code == 0


def test_staged_entry_changed_after_staging_is_warned(repo: Path) -> None:
    edit(repo / ENTRY, "kind: project", "kind: course")
    git(repo, "add", ENTRY)
    edit(repo / ENTRY, "kind: course", "kind: project")
    result = run_cli("check", "--root", repo, "--staged", "--format", "json")
    assert [(p["path"], p["code"]) for p in json.loads(result.stdout)] == [(ENTRY, "staged-differs")]
