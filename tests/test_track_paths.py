"""Tracks that share their lower levels and then branch: each follows its own level path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import article, run_cli

FRAMEWORK = """\
name: Branching
version: "1.0"
expectations: {mode}
domains:
  - {{id: craft, name: Craft}}
levels:
  - {{id: junior, name: Junior}}
  - {{id: senior-1, name: Senior}}
  - {{id: senior-2-ic, name: Staff}}
  - {{id: senior-2-pm, name: Manager}}
"""

COMPETENCIES = """\
competencies:
  - id: delivery
    name: Delivery
    domain: craft
    levels:
      junior: {behaviours: ["Ships own tasks"]}
      senior-1: {behaviours: ["Ships a team's project"]}
      senior-2-ic: {behaviours: [{id: designs, text: "Designs systems across teams"}]}
      senior-2-pm: {behaviours: [{id: roadmap, text: "Plans the team's roadmap"}]}
"""

TRACK = """\
id: {id}
name: {name}
levels:
  - {{level: junior}}
  - {{level: senior-1}}
  - {{level: {top}}}
"""

# The manager path names its levels itself.
LABELLED = """\
id: pm
name: People manager
levels:
  - {level: junior, label: P1}
  - {level: senior-1, label: P2}
  - {level: senior-2-pm, label: M3, title: Engineering manager}
"""


def branching(root: Path, mode: str) -> Path:
    """A framework whose IC and manager tracks share junior and senior-1, then branch."""
    (root / "content" / "competencies").mkdir(parents=True)
    (root / "content" / "tracks").mkdir()
    (root / "handbook.yml").write_text("site_name: Branching\nas_of: 2026-06-01\n", encoding="utf-8")
    (root / "content" / "framework.yml").write_text(FRAMEWORK.format(mode=mode), encoding="utf-8")
    (root / "content" / "competencies" / "core.yml").write_text(COMPETENCIES, encoding="utf-8")
    for track, name, top in (("ic", "Individual contributor", "senior-2-ic"), ("pm", "People manager", "senior-2-pm")):
        (root / "content" / "tracks" / f"{track}.yml").write_text(TRACK.format(id=track, name=name, top=top),
                                                                  encoding="utf-8")
    return root


def build(root: Path) -> Path:
    result = run_cli("build", "--root", root, "--no-pdf", "--no-portfolios", "-q")
    assert result.exit_code == 0, result.output
    return root / "site" / "1.0" / "tracks"


@pytest.mark.parametrize("mode", ["restated", "cumulative"])
def test_a_branch_step_page_never_shows_the_other_branch(tmp_path: Path, mode: str) -> None:
    tracks = build(branching(tmp_path, mode))
    pm = article(tracks / "pm" / "senior-1-to-senior-2-pm" / "index.html")
    assert "New at senior-2-pm Plans the team's roadmap" in pm
    assert "Designs systems across teams" not in pm
    ic = article(tracks / "ic" / "senior-1-to-senior-2-ic" / "index.html")
    assert "New at senior-2-ic Designs systems across teams" in ic and "roadmap" not in ic
    if mode == "restated":
        assert "No longer expected Ships a team's project" in pm
    else:
        assert "No longer expected" not in pm


@pytest.mark.parametrize("mode", ["restated", "cumulative"])
def test_a_branch_self_assessment_lists_its_own_path_once(tmp_path: Path, mode: str) -> None:
    tracks = build(branching(tmp_path, mode))
    page = article(tracks / "pm" / "self-assessment" / "index.html")
    assert "Designs systems across teams" not in page
    for text in ("Ships own tasks from junior", "Ships a team's project from senior-1",
                 "Plans the team's roadmap from senior-2-pm"):
        assert page.count(text) == 1, (text, page)


def test_a_track_names_its_levels_by_their_labels(tmp_path: Path) -> None:
    root = branching(tmp_path, "cumulative")
    (root / "content/tracks/pm.yml").write_text(LABELLED, encoding="utf-8")
    (root / "portfolios/noor").mkdir(parents=True)
    (root / "portfolios/noor/profile.yml").write_text(
        "name: Noor Example\nemail: noor@example.com\ntrack: pm\nlevel: senior-1\ntarget: senior-2-pm\n"
        "since: 2026-01-15\n", encoding="utf-8")
    tracks = build(root)
    step = article(tracks / "pm" / "senior-1-to-senior-2-pm" / "index.html")  # addresses keep the level ids
    assert step.startswith("People manager: from P2 to M3 From Senior (P2) to Engineering manager (M3).")
    assert "New milestones at M3" in step
    track = article(tracks / "pm" / "index.html")
    assert "M3 · Engineering manager" in track and "from P2 to M3" in track and "senior-2-pm" not in track
    matrix = article(tracks / "pm" / "matrix" / "index.html")
    assert "Competency P1 P2 M3" in matrix
    assert "Plans the team's roadmap from M3" in article(tracks / "pm" / "self-assessment" / "index.html")
    ic = article(tracks / "ic" / "index.html")
    assert "senior-2-ic · Staff" in ic  # a track without labels names the framework's levels
    result = run_cli("readiness", "noor", "--root", root)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Noor Example (noor) · pm P2 → M3 · framework 1.0")
    result = run_cli("readiness", "noor", "--root", root, "--format", "json")
    readiness = json.loads(result.stdout)
    assert (readiness["level"], readiness["target"]) == ("senior-1", "senior-2-pm")  # JSON keeps the level ids
    assert readiness["competencies"][0]["expected_behaviours"] == 1  # roadmap, not the IC path's designs
    # the team views and the programme report name the levels as the track does
    from generator.assess.portfolio import assess_portfolio
    from generator.assess.programme import people_by_track_level
    from generator.assess.team import assess_member
    from generator.link.load import load_project

    project, _ = load_project(root)
    noor = project.portfolio("noor")
    assert noor is not None
    member = assess_member(project, "noor", "someone", assess_portfolio(project, noor))
    assert (member.level_tag, member.target_tag, member.as_json()["level"]) == ("P2", "M3", "senior-1")
    assert [(row.level, row.level_tag) for row in people_by_track_level(project)] == [("senior-1", "P2")]


def test_labels_are_checked(tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    root = branching(tmp_path, "cumulative")
    (root / "content/tracks/pm.yml").write_text(
        LABELLED.replace("label: P1", "label: M3").replace("label: P2", "label: '[P2](x)'"), encoding="utf-8")
    got = [(p["line"], p["column"], p["code"], p["message"], p["hint"]) for p in check(root)]
    assert got == [
        (5, 30, "level-label", "label: '[P2](x)' is not a valid level label",
         "use at most 24 letters, digits, spaces, '.', '/', '+' or '-', like M3 or IC4"),
    ]
    (root / "content/tracks/pm.yml").write_text(LABELLED.replace("label: P1", "label: M3"), encoding="utf-8")
    got = [(p["line"], p["column"], p["code"], p["message"], p["hint"]) for p in check(root)]
    assert got == [(6, 33, "duplicate-label", "label 'M3' of level 'senior-2-pm' also names level 'junior' of "
                    "track 'pm'", "give each level of the track its own label")]


def test_the_competency_page_shows_each_branch_against_its_own_path(tmp_path: Path) -> None:
    root = branching(tmp_path, "cumulative")
    build(root)
    page = article(root / "site/1.0/competencies/delivery/index.html")
    manager = page[page.index("senior-2-pm · Manager"):page.index("Milestones that exercise it")]
    assert manager == ("senior-2-pm · Manager Behaviours Plans the team's roadmap roadmap "
                       "Also expected from earlier levels: Ships own tasks; Ships a team's project ")


def test_the_case_rubric_follows_each_level_path(tmp_path: Path) -> None:
    root = branching(tmp_path, "cumulative")
    result = run_cli("export", "case", "--root", root, "--out", tmp_path / "case")
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "case/case-package.json").read_text(encoding="utf-8"))
    levels = package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [(lv["quality"], lv["description"]) for lv in levels][2:] == [
        ("senior-2-ic Staff", "Ships own tasks; Ships a team's project; Designs systems across teams"),
        ("senior-2-pm Manager", "Ships own tasks; Ships a team's project; Plans the team's roadmap")]


def test_two_branches_may_list_the_same_behaviour(tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    root = branching(tmp_path, "cumulative")
    core = root / "content/competencies/core.yml"
    core.write_text(core.read_text(encoding="utf-8").replace(
        '{id: designs, text: "Designs systems across teams"}', '{id: designs, text: "Designs systems across teams"}, '
        '"Mentors others"').replace('{id: roadmap, text: "Plans the team\'s roadmap"}',
                                    '{id: roadmap, text: "Plans the team\'s roadmap"}, "Mentors others"'),
        encoding="utf-8")
    assert check(root, "--strict") == []
    text = core.read_text(encoding="utf-8")
    core.write_text(text.replace('["Ships own tasks"]', '["Ships own tasks", "Mentors others"]'), encoding="utf-8")
    assert [(p["line"], p["message"]) for p in check(root)] == [
        (8, "'Mentors others' at senior-2-ic of 'delivery' is already expected from junior"),
        (9, "'Mentors others' at senior-2-pm of 'delivery' is already expected from junior")]


def test_the_track_pdf_names_levels_by_label_and_renamed_competencies(tmp_path: Path) -> None:
    from pypdf import PdfReader

    root = branching(tmp_path, "cumulative")
    (root / "content/tracks/pm.yml").write_text(LABELLED, encoding="utf-8")
    core = root / "content/competencies/core.yml"
    core.write_text(core.read_text(encoding="utf-8").replace("senior-2-pm: {behaviours:",
                                                             "senior-2-pm: {name: People delivery, behaviours:"),
                    encoding="utf-8")
    result = run_cli("build", "--root", root, "--no-portfolios", "-q")
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(root / "site/1.0/pdf/pm.pdf").pages)
    assert ("Competencies of this track Competency P1 P2 M3 Delivery • Ships own tasks • Ships a team's project "
            "+ earlier People delivery • Plans the team's roadmap + earlier") in text
    assert "M3 · Engineering manager" in text and "Designs systems" not in text
