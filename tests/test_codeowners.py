"""`handbook codeowners` through the real command."""

from __future__ import annotations

from pathlib import Path

from tests.gitrepo import git, handbook, minimal_repo
from tests.helpers import edit, run_cli

EXPECTED = """\
# Written by `handbook codeowners` from handbook.yml and the portfolios' profiles.
# Do not edit by hand: change `owners` in handbook.yml, or `handle`/`email` of a person,
# then run `handbook codeowners` again.

# Every path no later rule names: the framework owners.
{default} @people-ops fw@example.com

# The framework, its theme, who is who, and this file: its owners review every change.
{prefix}handbook.yml @people-ops fw@example.com
{prefix}content/ @people-ops fw@example.com
{prefix}themes/ @people-ops fw@example.com
{prefix}.mailmap @people-ops fw@example.com
{prefix}CODEOWNERS @people-ops fw@example.com
{prefix}portfolios/ @people-ops fw@example.com
{prefix}portfolios/people.yml @people-ops fw@example.com

# Each portfolio: the person and their manager.
{prefix}portfolios/ada/ @ada grace@example.com
{prefix}portfolios/bob/ bob@example.com @linus
"""


def _setup(root: Path) -> None:
    (root / "handbook.yml").write_text('site_name: Minimal Handbook\nas_of: 2026-06-01\n'
                                       'owners: ["@people-ops", fw@example.com]\n')
    edit(root / "portfolios/ada/profile.yml", "email: ada@example.com", "email: ada@example.com\nhandle: ada")
    edit(root / "portfolios/people.yml", "email: linus@example.com}", "email: linus@example.com, handle: '@linus'}")
    (root / "portfolios/bob").mkdir()
    (root / "portfolios/bob/profile.yml").write_text(
        "name: Bob\nemail: bob@example.com\ntrack: engineering\nlevel: L1\ntarget: L2\nsince: 2026-01-01\n"
        "manager: linus\n")


def test_writes_deterministic_codeowners(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    _setup(root)
    result = handbook("codeowners", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote CODEOWNERS"
    text = (root / "CODEOWNERS").read_text()
    assert text == EXPECTED.format(prefix="/", default="*")
    assert handbook("codeowners", cwd=root).returncode == 0
    assert (root / "CODEOWNERS").read_text() == text


def test_patterns_are_relative_to_the_repository_top(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    root = minimal_repo(repo)  # the handbook lives in repo/handbook/
    git(repo, "init", "-q")  # make repo/ the top, with handbook/ inside it
    import shutil

    shutil.rmtree(root / ".git")
    _setup(root)
    result = run_cli("codeowners", "--root", root, "--output", root / "CODEOWNERS")
    assert result.exit_code == 0, result.stderr
    assert (root / "CODEOWNERS").read_text() == EXPECTED.format(prefix="/handbook/", default="/handbook/")


def test_person_without_handle_or_email_is_a_located_warning(tmp_path: Path, minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "email: ada@example.com\n", "")
    edit(minimal / "portfolios/people.yml", "{id: grace, name: Grace Manager, email: grace@example.com}",
         "{id: grace, name: Grace Manager}")
    result = run_cli("codeowners", "--root", minimal)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert "handbook.yml:1:1: warning: handbook.yml lists no owners, so content/ has none" in lines
    assert ("portfolios/ada/profile.yml:1:1: warning: 'ada' has neither a handle nor an email, "
            "so CODEOWNERS cannot name them") in lines
    assert ("portfolios/people.yml:2:10: warning: 'grace' has neither a handle nor an email, "
            "so CODEOWNERS cannot name them") in lines
    text = (minimal / "CODEOWNERS").read_text()
    assert "/portfolios/ada/" not in text
    assert "/content/" not in text


def test_invalid_content_stops_before_writing(minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "manager: grace", "manager: grase")
    result = run_cli("codeowners", "--root", minimal)
    assert result.exit_code == 1
    assert "unknown person 'grase'" in result.stderr
    assert not (minimal / "CODEOWNERS").exists()


def test_the_settings_of_team_views_and_reports_are_owned(tmp_path: Path) -> None:
    """benchmark_min_cohort lives in handbook.yml and managers of managers in people.yml: both owned."""
    root = minimal_repo(tmp_path)
    _setup(root)
    edit(root / "portfolios/people.yml", "email: linus@example.com, handle: '@linus'}",
         "email: linus@example.com, handle: '@linus', manager: grace}")
    (root / "handbook.yml").write_text((root / "handbook.yml").read_text() + "benchmark_min_cohort: 8\n")
    result = handbook("codeowners", cwd=root)
    assert result.returncode == 0, result.stderr
    lines = (root / "CODEOWNERS").read_text().splitlines()
    assert "/handbook.yml @people-ops fw@example.com" in lines
    assert "/portfolios/people.yml @people-ops fw@example.com" in lines


def test_tracks_and_competencies_with_owners_get_their_own_rules(minimal: Path) -> None:
    edit(minimal / "content/tracks/engineering.yml", "name: Engineering\n",
         'name: Engineering\nowners: ["@eng-leads"]\n')
    edit(minimal / "content/competencies/core.yml", "    name: Mentoring\n",
         '    name: Mentoring\n    owners: ["@coaches", "@eng-leads"]\n')
    result = run_cli("codeowners", "--root", minimal)
    assert result.exit_code == 0, result.output
    text = (minimal / "CODEOWNERS").read_text(encoding="utf-8")
    assert ("# Tracks and competencies with owners of their own.\n"
            "/content/competencies/core.yml @coaches @eng-leads\n"
            "/content/tracks/engineering.yml @eng-leads\n\n"
            "# Each portfolio: the person and their manager.\n") in text


def _owner_of(codeowners: str, path: str) -> str:
    """The owners of `path` as a code host reads CODEOWNERS: the last matching rule wins."""
    found = ""
    for line in codeowners.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, owners = line.split(" ", 1)
        rule = pattern.lstrip("/")
        if pattern == "*" or path == rule or (rule.endswith("/") and path.startswith(rule)):
            found = owners
    return found


def test_every_path_has_an_owner_and_new_person_folders_are_the_framework_owners(tmp_path: Path) -> None:
    root = minimal_repo(tmp_path)
    _setup(root)
    assert handbook("codeowners", cwd=root).returncode == 0
    text = (root / "CODEOWNERS").read_text()
    framework = "@people-ops fw@example.com"
    for path in ("themes/portfolio/base.html", ".mailmap", "CODEOWNERS", "handbook.yml", ".github/workflows/ci.yml",
                 "portfolios/newcomer/profile.yml", "portfolios/people.yml", "Makefile"):
        assert _owner_of(text, path) == framework, path
    assert _owner_of(text, "portfolios/ada/entries/2026-04-01-x.md") == "@ada grace@example.com"
