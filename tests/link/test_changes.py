"""Per-criterion changes between tagged releases, and `handbook diff`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.link.load import load_project
from generator.link.versions import content_of, known_versions
from generator.problems import UserError
from tests.helpers import run_cli
from tests.versioned_repo import git, make_versioned_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_versioned_repo(tmp_path / "handbook")


def test_versions_come_from_tags_and_working_tree(repo: Path) -> None:
    project, problems = load_project(repo)
    assert not problems.errors
    assert known_versions(project) == ["2.0", "1.1", "1.0"]


def test_reading_a_tag_does_not_touch_the_working_tree(repo: Path) -> None:
    project, _ = load_project(repo)
    old = content_of(project, "1.1")
    assert [m.id for m in old.tracks[0].milestones()] == ["raise-coverage", "mentor-joiner", "run-retro"]
    assert git(repo, "status", "--porcelain") == ""


def test_diff_json_lists_added_changed_and_behaviour(repo: Path) -> None:
    result = run_cli("diff", "1.0", "1.1", "--root", repo, "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    assert {"action": "added", "entity": "milestone", "id": "engineering/run-retro",
            "title": "Run a team retrospective", "field": "level", "old": None, "new": "L2"} in changes
    assert {"action": "changed", "entity": "milestone", "id": "engineering/raise-coverage",
            "title": "Raise test coverage", "field": "target", "old": ">= 80", "new": ">= 85"} in changes
    assert {"action": "added", "entity": "behaviour", "id": "mentoring@L2", "title": "Mentoring at L2",
            "field": "behaviours", "old": None, "new": "Writes onboarding notes"} in changes
    assert {"action": "changed", "entity": "level", "id": "framework", "title": "", "field": "version",
            "old": "1.0", "new": "1.1"} not in changes  # the version itself is not a change of content


def test_diff_text_shows_removed_milestone(repo: Path) -> None:
    result = run_cli("diff", "1.1", "2.0", "--root", repo)
    assert result.exit_code == 0
    assert "What changed from 1.1 to 2.0 (1 changes)" in result.stdout
    assert "  - engineering/run-retro  Run a team retrospective  (was at L2)" in result.stdout


def test_unknown_version_is_a_clear_error(repo: Path) -> None:
    result = run_cli("diff", "1.0", "3.0", "--root", repo)
    assert result.exit_code == 1
    assert "error: unknown framework version '3.0'" in result.stderr


def test_two_tags_with_one_version_are_an_error(repo: Path) -> None:
    git(repo, "tag", "v1.0-again", "v1.0")
    project, _ = load_project(repo)
    with pytest.raises(UserError, match="both declare framework version '1.0'"):
        known_versions(project)


def test_tag_with_invalid_content_names_the_tag(repo: Path) -> None:
    (repo / "content/framework.yml").write_text((repo / "content/framework.yml").read_text()
                                                .replace('version: "2.0"', 'version: "2.1"\nbogus: 1'))
    git(repo, "commit", "-qam", "broken release")
    git(repo, "tag", "v2.1")
    (repo / "content/framework.yml").write_text((repo / "content/framework.yml").read_text()
                                                .replace('version: "2.1"\nbogus: 1', 'version: "2.2"'))
    result = run_cli("diff", "2.1", "2.2", "--root", repo)
    assert result.exit_code == 1
    assert "v2.1:content/framework.yml:3:1: error: unknown key 'bogus'" in result.stderr


def test_profile_pinned_to_a_release_is_assessed_against_it(repo: Path) -> None:
    profile = repo / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text() + 'framework: "1.1"\n')
    data = json.loads(run_cli("readiness", "ada", "--root", repo, "--format", "json").stdout)
    assert data["framework"] == "1.1"
    assert [m["id"] for m in data["milestones"]] == [
        "engineering/raise-coverage", "engineering/mentor-joiner", "engineering/run-retro"]
    # coverage 84 does not reach 1.1's target of 85
    assert data["milestones"][0]["missing"] == ["criterion"]


def test_pin_to_unknown_version_is_located(repo: Path) -> None:
    profile = repo / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text() + 'framework: "0.9"\n')
    result = run_cli("check", "--root", repo, "--format", "json")
    (problem,) = json.loads(result.stdout)
    assert (problem["path"], problem["line"], problem["column"]) == ("portfolios/ada/profile.yml", 8, 12)
    assert problem["message"] == "unknown framework version '0.9'"
    assert problem["hint"] == "expected one of: 1.0, 1.1, 2.0"


def test_behaviour_objects_compare_by_text_and_inheritance_is_a_field() -> None:
    from generator.link.changes import diff_competency
    from generator.model.competency import Competency

    def comp(behaviours: list[object], **extra: object) -> Competency:
        return Competency.model_validate({"id": "c", "name": "C", "domain": "d",
                                          "levels": {"L1": {"behaviours": behaviours}}, **extra})

    old = comp(["Writes tests", "Asks for help"])
    new = comp([{"id": "tests", "text": "Writes tests", "examples": ["Added a test"]}, "Pairs daily"],
               extends="base")
    assert [(c.action, c.field, c.old, c.new) for c in diff_competency(old, new)] == [
        ("changed", "extends", None, "base"),
        ("added", "behaviours", None, "Pairs daily"),
        ("removed", "behaviours", "Asks for help", None)]


def test_diff_people_lists_whom_a_release_moves_and_why(repo: Path) -> None:
    result = run_cli("diff", "1.0", "1.1", "--people", "--root", repo, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["people"] == [{
        "person": "ada", "name": "Ada Example", "from": "on_track", "to": "not_yet", "note": "", "milestones": [
            {"milestone": "engineering/raise-coverage", "title": "Raise test coverage", "from": "met",
             "to": "overdue",
             "reason": "show coverage ≥\u00a085\u00a0% in an evidence entry (best so far: 84\u00a0%, self-reported)"},
            {"milestone": "engineering/run-retro", "title": "Run a team retrospective", "from": None,
             "to": "overdue", "reason": "a new target milestone: add 1 more evidence entry linked to it; "
                                        "show actions adopted ≥\u00a02 in an evidence entry"}]}]
    text = " ".join(run_cli("diff", "1.0", "1.1", "--people", "--root", repo).stdout.split())
    assert ("People whose status differs between 1.0 and 1.1 (as of 2026-06-01): - Ada Example (ada): "
            "on track → not yet Raise test coverage (engineering/raise-coverage): met → overdue: show "
            "coverage ≥ 85 % in an evidence entry (best so far: 84 %, self-reported)") in text


def test_diff_people_leaves_out_people_pinned_to_a_release(repo: Path) -> None:
    profile = repo / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text() + 'framework: "1.0"\n')
    result = run_cli("diff", "1.0", "1.1", "--people", "--root", repo)
    assert "People: nobody's milestone or overall status differs between 1.0 and 1.1." in result.stdout
    assert "People" not in run_cli("diff", "1.0", "1.1", "--root", repo).stdout


def test_a_symbolic_link_inside_a_tag_is_refused_with_the_tag_and_path(repo: Path) -> None:
    (repo / "content/competencies/evil.yml").symlink_to("/etc/passwd")
    framework = repo / "content/framework.yml"
    framework.write_text(framework.read_text().replace('version: "2.0"', 'version: "2.1"'))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A link")
    git(repo, "tag", "v2.1-link")
    (repo / "content/competencies/evil.yml").unlink()  # the working tree is clean again: only the tag holds it
    framework.write_text(framework.read_text().replace('version: "2.1"', 'version: "2.2"'))
    git(repo, "commit", "-qam", "No link")
    result = run_cli("build", "--root", repo, "--all-versions", "--no-pdf", "--no-portfolios")
    assert result.exit_code == 1
    assert ("error: tag 'v2.1-link' holds a symbolic link at content/competencies/evil.yml" in result.output)
    assert "internal error" not in result.output
    assert not (repo / "site").exists()
