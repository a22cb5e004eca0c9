"""handbook.yml `portfolios:`: several sources of person folders, and the ones refused."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.helpers import run_cli


def _second_source(minimal: Path, portfolios: str) -> Path:
    """Move ada into a checkout beside the handbook, and give grace a folder of her own there too."""
    people = minimal.parent / "people"
    people.mkdir()
    shutil.move(minimal / "portfolios/ada", people / "ada")
    with (minimal / "handbook.yml").open("a") as config:
        config.write(f"portfolios: {portfolios}\n")
    return people


def _problems(root: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("check", "--root", root, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout or "[]")


def test_a_glob_beside_the_handbook_is_a_source(minimal: Path) -> None:
    _second_source(minimal, "[portfolios, ../people/*]")
    assert _problems(minimal) == []
    result = run_cli("readiness", "ada", "--root", minimal, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["person"] == "ada"


def test_a_folder_of_person_folders_is_a_source(minimal: Path) -> None:
    _second_source(minimal, "[portfolios, ../people]")
    assert _problems(minimal) == []


def test_the_same_person_in_two_sources_names_both(minimal: Path) -> None:
    people = _second_source(minimal, "[portfolios, ../people/*]")
    shutil.copytree(people / "ada", minimal / "portfolios/ada")
    (problem,) = _problems(minimal)
    assert (problem["path"], problem["line"], problem["column"], problem["code"]) == ("handbook.yml", 3, 26,
                                                                                     "duplicate-id")
    assert problem["message"] == ("the person 'ada' is in two portfolio sources: portfolios/ada (from 'portfolios') "
                                  "and ../people/ada (from '../people/*')")


def test_a_glob_matching_nothing_is_a_warning(minimal: Path) -> None:
    with (minimal / "handbook.yml").open("a") as config:
        config.write("portfolios: [portfolios, ../nobody/*]\n")
    (problem,) = _problems(minimal)
    assert (problem["severity"], problem["line"], problem["message"]) == (
        "warning", 3, "the portfolio source '../nobody/*' matches no folder")


def test_sources_outside_the_handbooks_folder_are_refused(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "eve").mkdir(parents=True)
    shutil.copy(minimal / "portfolios/ada/profile.yml", outside / "eve/profile.yml")
    try:
        with (minimal / "handbook.yml").open("a") as config:
            config.write(f"portfolios: [portfolios, ../../{outside.name}, ../../{outside.name}/*]\n")
        problems = _problems(minimal)
    finally:
        shutil.rmtree(outside)
    assert [(p["code"], p["line"]) for p in problems] == [("link-outside", 3), ("link-outside", 3)]
    assert "eve" not in json.dumps([p["path"] for p in problems])


def test_a_linked_person_folder_in_a_glob_is_refused(minimal: Path) -> None:
    people = _second_source(minimal, "[portfolios, ../people/*]")
    (people / "eve").symlink_to(people / "ada")
    (problem,) = _problems(minimal)
    assert (problem["code"], problem["path"]) == ("link-outside", "../people/eve")


VERDICT = ("---\ntitle: Grace on the joiner\ndate: 2026-05-01\nkind: feedback\nfrom: grace\nrole: manager\n"
           "verdict: met\nmilestones: [engineering/mentor-joiner]\n---\nProductive.\n")


def _own_repository(minimal: Path, verdict_by: str) -> Path:
    """The framework in one repository, Ada's portfolio in her own beside it, Grace's verdict committed there."""
    from tests.render.portfolio.conftest import git

    people = _second_source(minimal, "[portfolios, ../people/*]")
    for root in (minimal, people / "ada"):
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "Start", who="ada")
    (people / "ada/entries/2026-05-01-grace.md").write_text(VERDICT)
    git(people / "ada", "add", "-A")
    git(people / "ada", "commit", "-qm", "Verdict", who=verdict_by)
    return people


def _verdict(root: Path) -> str:
    from generator.link.load import load_project
    from generator.link.provenance import verify_portfolio

    project, problems = load_project(root)
    assert not problems.errors, problems.sorted()
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    return verify_portfolio(project, portfolio).feedback["2026-05-01-grace", 0].status


def test_provenance_is_read_from_the_persons_own_repository(minimal: Path) -> None:
    _own_repository(minimal, verdict_by="grace")
    assert _verdict(minimal) == "verified"


def test_feedback_the_learner_committed_in_their_own_repository_is_unverified(minimal: Path) -> None:
    _own_repository(minimal, verdict_by="ada")
    assert _verdict(minimal) == "unverified"


def test_a_rebuild_sees_a_new_commit_in_the_persons_own_repository(minimal: Path) -> None:
    from tests.render.portfolio.conftest import git

    people = _own_repository(minimal, verdict_by="grace")
    page = minimal / "build/portfolios/ada/index.html"
    assert run_cli("build", "--root", minimal, "--no-site", "--no-pdf").exit_code == 0
    assert "committed by grace@example.com" in page.read_text()
    git(people / "ada", "commit", "-q", "--amend", "--no-edit", "--reset-author", who="ada")  # same files
    assert run_cli("build", "--root", minimal, "--no-site", "--no-pdf").exit_code == 0
    assert "committed by grace@example.com" not in page.read_text()
    assert "committed by ada@example.com" in page.read_text()


def test_sources_lists_each_person_with_their_repository_and_commit(minimal: Path) -> None:

    people = _own_repository(minimal, verdict_by="grace")
    with (minimal / "handbook.yml").open("a") as config:
        config.write("portfolios: [portfolios, ../people/*, ../missing/*]\n")
    edit = (minimal / "handbook.yml").read_text().replace("portfolios: [portfolios, ../people/*]\n", "", 1)
    (minimal / "handbook.yml").write_text(edit)
    head = subprocess.run(["git", "-C", str(people / "ada"), "log", "-1", "--format=%h %as"], check=True,
                          capture_output=True, text=True).stdout.strip()
    result = run_cli("sources", "--root", minimal)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["portfolios: 0 people", "../people/*: 1 person",
                                          f"  ada  ../people/ada  (../people/ada at {head})",
                                          "../missing/*: 0 people"]
    assert "handbook.yml:3:39: warning: the portfolio source '../missing/*' matches no folder" in result.stderr
