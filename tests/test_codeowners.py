"""`handbook codeowners` through the real command."""

from __future__ import annotations

from pathlib import Path

from tests.gitrepo import git, handbook, minimal_repo
from tests.helpers import edit, run_cli

EXPECTED = """\
# Written by `handbook codeowners` from handbook.yml and the portfolios' profiles.
# Do not edit by hand: change `owners` in handbook.yml, or `handle`/`email` of a person,
# then run `handbook codeowners` again.

# The framework: its owners review every change.
{prefix}handbook.yml @people-ops fw@example.com
{prefix}content/ @people-ops fw@example.com
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
    assert text == EXPECTED.format(prefix="/")
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
    assert (root / "CODEOWNERS").read_text() == EXPECTED.format(prefix="/handbook/")


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
