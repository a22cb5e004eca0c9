"""`handbook check` through the real command: formats, exit codes, broken files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import edit, run_cli

HANDBOOK = [sys.executable, "-m", "generator"]


def test_clean_repository_exits_0(minimal: Path) -> None:
    result = run_cli("check", "--root", minimal)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_text_format_is_path_line_col_with_hint(minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "manager: grace", "manager: grase")
    result = run_cli("check", "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "portfolios/ada/profile.yml:7:10: error: unknown person 'grase'",
        "    hint: did you mean 'grace'?",
    ]
    assert "1 error, 0 warnings" in result.stderr


def test_json_format(minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "manager: grace", "manager: grase")
    result = run_cli("check", "--root", minimal, "--format", "json")
    (problem,) = json.loads(result.stdout)
    assert set(problem) >= {"path", "line", "column", "severity", "code", "message"}
    assert (problem["path"], problem["line"], problem["column"]) == ("portfolios/ada/profile.yml", 7, 10)


def test_github_format_escapes_properties(minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "manager: grace", "manager: grase")
    result = run_cli("check", "--root", minimal, "--format", "github")
    assert result.stdout.strip() == (
        "::error file=portfolios/ada/profile.yml,line=7,col=10,title=unknown-person::"
        "unknown person 'grase'. Hint: did you mean 'grace'?")


def test_warnings_exit_0_unless_strict(minimal: Path) -> None:
    entry = minimal / "portfolios/ada/entries/2026-04-02-mentoring.md"
    entry.rename(entry.with_name("mentoring.md"))
    assert run_cli("check", "--root", minimal).exit_code == 0
    strict = run_cli("check", "--root", minimal, "--strict", "--format", "json")
    assert strict.exit_code == 1
    assert [p["severity"] for p in json.loads(strict.stdout)] == ["error"]


def test_usage_error_exits_2(minimal: Path) -> None:
    result = subprocess.run([*HANDBOOK, "check", "--root", str(minimal), "--format", "xml"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_bad_as_of_is_a_usage_error(minimal: Path) -> None:
    result = run_cli("check", "--root", minimal, "--as-of", "yesterday")
    assert result.exit_code == 2
    assert "'yesterday' is not a date" in result.stderr


def test_broken_files_are_located_and_others_still_checked(minimal: Path) -> None:
    (minimal / "content/competencies/latin1.yml").write_bytes(b"competencies:\n  - name: Caf\xe9\n")
    (minimal / "content/tracks/empty.yml").write_text("")
    (minimal / "content/tracks/syntax.yml").write_text("id: x\nname: [unclosed\n")
    (minimal / "portfolios/ada/entries/2026-05-01-plain.md").write_text("Just text, no front matter.\n")
    edit(minimal / "portfolios/ada/profile.yml", "manager: grace", "manager: grase")
    result = subprocess.run([*HANDBOOK, "check", "--root", str(minimal), "--format", "json"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    found = {(p["path"], p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)}
    assert found == {
        ("content/competencies/latin1.yml", 2, 14, "encoding"),
        ("content/tracks/empty.yml", 1, 1, "empty-file"),
        ("content/tracks/syntax.yml", 3, 1, "yaml-syntax"),
        ("portfolios/ada/entries/2026-05-01-plain.md", 1, 1, "front-matter-missing"),
        ("portfolios/ada/profile.yml", 7, 10, "unknown-person"),
    }


def test_missing_root_is_a_plain_error(tmp_path: Path) -> None:
    result = run_cli("check", "--root", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "is not a folder" in result.stderr


def test_empty_folder_reports_missing_framework(tmp_path: Path) -> None:
    result = run_cli("check", "--root", tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith("content/framework.yml:1:1: error: content/framework.yml is missing")


def test_portfolio_folder_without_profile(minimal: Path) -> None:
    (minimal / "portfolios/bob/entries").mkdir(parents=True)
    result = run_cli("check", "--root", minimal)
    assert "portfolios/bob:1:1: error: portfolio folder 'bob' has no profile.yml" in result.stdout
