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
             "reason": "show coverage_pct >= 85 in an evidence entry (best so far: 84, self-reported)"},
            {"milestone": "engineering/run-retro", "title": "Run a team retrospective", "from": None,
             "to": "overdue", "reason": "a new target milestone: add 1 more evidence entry linked to it; "
                                        "show actions_adopted >= 2 in an evidence entry"}]}]
    text = " ".join(run_cli("diff", "1.0", "1.1", "--people", "--root", repo).stdout.split())
    assert ("People whose status differs between 1.0 and 1.1 (as of 2026-06-01): - Ada Example (ada): "
            "on track → not yet Raise test coverage (engineering/raise-coverage): met → overdue: show "
            "coverage_pct >= 85 in an evidence entry (best so far: 84, self-reported)") in text


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


def _prepare_release(repo: Path) -> Path:
    """v2.1 lowers the coverage target back to 80 (ada meets it); the working tree prepares 2.2 at 85."""
    track, framework = repo / "content/tracks/engineering.yml", repo / "content/framework.yml"
    track.write_text(track.read_text().replace('target: ">= 85"', 'target: ">= 80"'))
    framework.write_text(framework.read_text().replace('version: "2.0"', 'version: "2.1"'))
    git(repo, "commit", "-qam", "Framework 2.1")
    git(repo, "tag", "v2.1")
    track.write_text(track.read_text().replace('target: ">= 80"', 'target: ">= 85"'))
    framework.write_text(framework.read_text().replace('version: "2.1"', 'version: "2.2"'))
    return track


@pytest.mark.parametrize("cache", [True, False])
def test_check_warns_where_a_release_in_preparation_takes_a_met_milestone(repo: Path, cache: bool) -> None:
    _prepare_release(repo)
    result = run_cli("check", "--root", repo, "--as-of", "2026-06-01", *([] if cache else ["--no-cache"]))
    assert result.exit_code == 0, result.output
    assert ("content/tracks/engineering.yml:10:9: warning: version 2.2 would turn this milestone from met to "
            "not met for 1 person assessed against the latest release (ada): show coverage_pct >= 85 in an "
            "evidence entry (best so far: 84, self-reported)") in result.stdout
    assert ('hint: keep them on the release they started under with `framework: "2.1"` in their profile or '
            "`readiness.assess_against: release_at_since`, or accept it; `handbook diff 2.1 2.2 --people` "
            "lists every change") in result.stdout


def test_no_warning_once_pinned_or_tagged(repo: Path) -> None:
    _prepare_release(repo)
    profile = repo / "portfolios/ada/profile.yml"
    original = profile.read_text()
    profile.write_text(original + 'framework: "2.1"\n')
    assert "would turn" not in run_cli("check", "--root", repo, "--as-of", "2026-06-01").output
    profile.write_text(original)
    git(repo, "commit", "-qam", "Framework 2.2")
    git(repo, "tag", "v2.2")  # released: the owner saw the warning before tagging
    assert "would turn" not in run_cli("check", "--root", repo, "--as-of", "2026-06-01").output


def test_release_at_since_keeps_people_on_the_release_in_force_when_they_started(repo: Path) -> None:
    track = _prepare_release(repo)
    framework = repo / "content/framework.yml"
    framework.write_text(framework.read_text().replace('version: "2.2"', 'version: "2.1"')
                         .replace("released: 2026-01-01", "released: 2026-01-10")
                         + "readiness:\n  assess_against: release_at_since\n")
    track.write_text(track.read_text().replace('target: ">= 85"', 'target: ">= 80"'))
    git(repo, "commit", "-qam", "Framework 2.1, dated")
    git(repo, "tag", "-f", "v2.1")
    # the working tree prepares 2.2 again, dated after ada's start (2026-01-15)
    framework.write_text(framework.read_text().replace('version: "2.1"', 'version: "2.2"')
                         .replace("released: 2026-01-10", "released: 2026-05-01"))
    track.write_text(track.read_text().replace('target: ">= 80"', 'target: ">= 85"'))
    result = run_cli("diff", "2.1", "2.2", "--people", "--root", repo, "--as-of", "2026-06-01", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["people"] == [] and data["kept_on_their_release"] == ["ada"]
    assert "would turn" not in run_cli("check", "--root", repo, "--as-of", "2026-06-01").output


def test_release_notes_for_owners_name_whom_a_release_moves(repo: Path) -> None:
    _prepare_release(repo)
    result = run_cli("diff", "2.1", "2.2", "--people", "--format", "markdown", "--root", repo,
                     "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Framework 2.2: what changes from 2.1\n")
    assert "| changed | Raise test coverage (`engineering/raise-coverage`) | target | >= 80 | >= 85 |" in result.stdout
    assert ("| Ada Example (`ada`) | on track → not yet | Raise test coverage (`engineering/raise-coverage`) | "
            "met → overdue | show coverage_pct >= 85 in an evidence entry (best so far: 84, self-reported) |"
            ) in result.stdout
    assert "Whom it moves" not in run_cli("diff", "2.1", "2.2", "--format", "markdown", "--root", repo).stdout


def test_only_people_on_tracks_a_release_touches_are_assessed_for_the_warning(repo: Path) -> None:
    from generator.assess.release_impact import tracks_a_release_touches

    _prepare_release(repo)
    project, _ = load_project(repo)
    assert tracks_a_release_touches(project, "2.1", "2.2") == {"engineering"}
    framework = repo / "content/framework.yml"
    framework.write_text(framework.read_text() + "readiness:\n  verified_feedback_only: false\n")
    project, _ = load_project(repo)
    assert tracks_a_release_touches(project, "2.1", "2.2") is None  # a policy change can move anyone


def test_dimensions_proficiency_and_links_are_changes_too() -> None:
    from generator.link.changes import diff_framework
    from generator.model.framework import Framework

    def framework(**extra: object) -> Framework:
        return Framework.model_validate({"name": "F", "version": "1", "domains": [{"id": "d", "name": "D"}],
                                         "levels": [{"id": "L1", "name": "One", **extra}],
                                         "dimensions": [{"id": "scope", "name": "Scope"}]})

    changes = diff_framework(framework(dimensions={"scope": "a team"}),
                             framework(dimensions={"scope": "a group"}, proficiency="Working"))
    assert [(c.entity, c.id, c.field, c.old, c.new) for c in changes] == [
        ("level", "L1", "proficiency", "", "Working"), ("level", "L1", "scope (dimension)", "a team", "a group")]
    from generator.link.changes import diff_competency
    from generator.model.competency import Competency

    def comp(links: list[dict[str, str]]) -> Competency:
        return Competency.model_validate({"id": "c", "name": "C", "domain": "d", "levels": {"L1": {"behaviours": [
            {"id": "b", "text": "Writes tests", "links": links}]}}})

    guide = {"title": "Testing guide", "url": "https://example.com/testing"}
    assert [(c.field, c.old, c.new) for c in diff_competency(comp([]), comp([guide]))] == [
        ("links", "none", "Testing guide (https://example.com/testing)")]
