"""Competency sets, inheritance and expectations, as the resolved view presents them."""

from __future__ import annotations

from pathlib import Path

from generator.link.competencies import resolve_competencies, track_competencies, track_level_ids
from generator.link.load import load_project
from generator.link.project import Project
from tests.link.repo import track, write_repo

CORE = """\
set: core
competencies:
  - id: communication
    name: Communication
    domain: people
    summary: Shares context.
    owners: ["@core-team"]
    levels:
      L1:
        behaviours:
          - Writes pull-request descriptions that give context
          - id: seeks-feedback
            text: Seeks out feedback on their work
            examples: [Asked two reviewers to critique a design]
        examples: [Wrote a clear description]
      L2:
        behaviours:
          - id: explains-tradeoffs
            text: Explains trade-offs in design reviews
  - id: testing
    name: Testing
    domain: technical
    levels:
      L1:
        behaviours: [Adds tests for own changes]
"""

BACKEND = """\
competencies:
  - id: backend-communication
    extends: communication
    owners: ["@backend-leads"]
    levels:
      L3:
        behaviours: [Explains API changes to consumer teams before shipping them]
        remove: [seeks-feedback]
  - id: api-communication
    extends: backend-communication
    name: API communication
    levels:
      L4:
        behaviours: [Runs the API review forum]
"""


def load(root: Path) -> Project:
    project, problems = load_project(root, portfolios=False)
    assert not problems.errors, [p.message for p in problems.errors]
    return project


def texts(behaviours: list) -> list[str]:  # type: ignore[type-arg]
    return [b.text for b in behaviours]


def repo(tmp_path: Path, framework_extra: str = "", **files: str) -> Project:
    content = {"content/competencies/core.yml": CORE, "content/competencies/backend.yml": BACKEND,
               "content/tracks/backend.yml": track("backend", "competencies: [core, backend-communication]\n"),
               "content/tracks/all.yml": track("all")}
    content.update({k.replace("__", "/").replace("_yml", ".yml"): v for k, v in files.items()})
    return load(write_repo(tmp_path, content, framework_extra))


def test_set_is_the_files_set_key_else_its_stem(tmp_path: Path) -> None:
    project = repo(tmp_path)
    sets = {c.id: c.set_id for c in project.competencies}
    assert sets == {"communication": "core", "testing": "core", "backend-communication": "backend",
                    "api-communication": "backend"}


def test_extends_inherits_name_domain_summary_and_levels(tmp_path: Path) -> None:
    comp = resolve_competencies(repo(tmp_path))["backend-communication"]
    assert (comp.name, comp.domain, comp.summary, comp.owners) == (
        "Communication", "people", "Shares context.", ["@backend-leads"])
    assert comp.parents == ["communication"]
    assert list(comp.levels) == ["L1", "L2", "L3"]
    assert texts(comp.levels["L1"].new) == ["Writes pull-request descriptions that give context",
                                           "Seeks out feedback on their work"]
    assert comp.levels["L1"].examples == ["Wrote a clear description"]
    assert comp.behaviour("seeks-feedback").examples == ("Asked two reviewers to critique a design",)
    assert comp.behaviour("seeks-feedback").ref == "backend-communication/seeks-feedback"


def test_remove_stops_an_inherited_behaviour_from_that_level_up(tmp_path: Path) -> None:
    comp = resolve_competencies(repo(tmp_path))["backend-communication"]
    assert "Seeks out feedback on their work" in texts(comp.expected_at("L2"))
    assert texts(comp.levels["L3"].removed) == ["Seeks out feedback on their work"]
    assert texts(comp.expected_at("L3")) == ["Writes pull-request descriptions that give context",
                                             "Explains trade-offs in design reviews",
                                             "Explains API changes to consumer teams before shipping them"]


def test_deep_chain_overrides_the_name_and_keeps_the_removal(tmp_path: Path) -> None:
    comp = resolve_competencies(repo(tmp_path))["api-communication"]
    assert comp.name == "API communication"
    assert comp.parents == ["backend-communication", "communication"]
    assert comp.owners == ["@backend-leads"]
    assert texts(comp.expected_at("L4")) == ["Writes pull-request descriptions that give context",
                                             "Explains trade-offs in design reviews",
                                             "Explains API changes to consumer teams before shipping them",
                                             "Runs the API review forum"]


def test_cumulative_keeps_earlier_behaviours_expected(tmp_path: Path) -> None:
    comp = resolve_competencies(repo(tmp_path))["testing"]
    assert list(comp.levels) == ["L1"]
    assert texts(comp.expected_at("L3")) == ["Adds tests for own changes"]
    assert comp.expected_at("L3")[0].level == "L1"


RESTATED = """\
competencies:
  - id: craft
    name: Craft
    domain: technical
    levels:
      L1:
        behaviours:
          - Writes unit tests for the code they change
          - Keeps pull requests small
          - id: asks
            text: Asks when a comment is unclear
      L2:
        behaviours:
          - Writes unit tests for the code they change
          - Keeps pull requests small enough to review in one sitting
          - Adds integration tests across service boundaries
"""


def test_restated_shows_new_changed_and_no_longer_listed(tmp_path: Path) -> None:
    project = repo(tmp_path, "expectations: restated\n", content__competencies__craft_yml=RESTATED)
    level = resolve_competencies(project)["craft"].levels["L2"]
    assert texts(level.new) == ["Adds integration tests across service boundaries"]
    assert [(a.text, b.text) for a, b in level.changed] == [
        ("Keeps pull requests small", "Keeps pull requests small enough to review in one sitting")]
    assert texts(level.dropped) == ["Asks when a comment is unclear"]
    assert texts(level.kept) == ["Writes unit tests for the code they change"]
    assert len(level.expected) == 3


def test_cumulative_never_drops_a_behaviour_a_level_does_not_repeat(tmp_path: Path) -> None:
    level = resolve_competencies(repo(tmp_path, content__competencies__craft_yml=RESTATED))["craft"].levels["L2"]
    assert level.dropped == [] and level.changed == []
    assert texts(level.new) == ["Keeps pull requests small enough to review in one sitting",
                                "Adds integration tests across service boundaries"]
    assert texts(level.expected) == ["Writes unit tests for the code they change", "Keeps pull requests small",
                                     "Asks when a comment is unclear",
                                     "Keeps pull requests small enough to review in one sitting",
                                     "Adds integration tests across service boundaries"]


REPLACES = """\
competencies:
  - id: review
    name: Review
    domain: technical
    levels:
      L1:
        behaviours:
          - {id: style, text: Reviews code for style}
      L3:
        behaviours:
          - {id: design, text: Reviews code for design and testability, replaces: style}
"""


def test_replaces_stops_the_replaced_behaviour_at_and_above_its_level(tmp_path: Path) -> None:
    comp = resolve_competencies(repo(tmp_path, content__competencies__review_yml=REPLACES))["review"]
    assert texts(comp.expected_at("L2")) == ["Reviews code for style"]
    assert texts(comp.expected_at("L4")) == ["Reviews code for design and testability"]
    assert [(a.id, b.id) for a, b in comp.levels["L3"].replaced] == [("style", "design")]


def test_track_scope_is_its_sets_and_ids_with_extensions_replacing_parents(tmp_path: Path) -> None:
    project = repo(tmp_path)
    backend, every = project.track("backend"), project.track("all")
    assert [c.id for c in track_competencies(project, backend)] == ["testing", "backend-communication"]
    assert [c.id for c in track_competencies(project, every)] == [  # every competency, in file order
        "backend-communication", "api-communication", "communication", "testing"]
    assert track_level_ids(backend) == ["L2", "L3"]


def test_resolution_is_computed_once_per_project(tmp_path: Path) -> None:
    project = repo(tmp_path)
    assert resolve_competencies(project) is resolve_competencies(project)


def test_track_level_title_defaults_to_the_framework_level_name(tmp_path: Path) -> None:
    project = repo(tmp_path, content__tracks__short_yml="id: short\nname: Short\nlevels:\n  - level: L2\n")
    assert project.track("short").levels[0].title == "Practitioner"


UNORDERED = """\
competencies:
  - id: late-first
    extends: communication
    levels:
      L3:
        remove: [seeks-feedback]
      L2:
        behaviours: [Runs the design review]
"""


def test_levels_written_out_of_order_apply_in_the_frameworks_order(tmp_path: Path) -> None:
    comp = resolve_competencies(repo(tmp_path, content__competencies__late_yml=UNORDERED))["late-first"]
    assert list(comp.levels) == ["L1", "L2", "L3"]
    assert "Seeks out feedback on their work" in texts(comp.expected_at("L2"))
    assert "Seeks out feedback on their work" not in texts(comp.expected_at("L3"))


def test_a_track_sees_a_competency_as_itself_else_as_the_one_extending_it(tmp_path: Path) -> None:
    from generator.link.competencies import track_competency

    project = repo(tmp_path)
    assert track_competency(project, project.track("all"), "communication").id == "communication"
    assert track_competency(project, project.track("backend"), "communication").id == "backend-communication"
    assert track_competency(project, project.track("backend"), "api-communication") is None


def test_a_thousand_long_extends_loop_is_reported_not_a_crash(minimal: Path) -> None:
    from tests.helpers import run_cli

    count = 1000
    lines = ["competencies:"]
    for i in range(count):
        lines += [f"  - id: loop-{i}", f"    name: Loop {i}", "    domain: technical",
                  f"    extends: loop-{(i + 1) % count}", "    levels:", "      L1:", "        behaviours: [Loops]"]
    (minimal / "content/competencies/loop.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--root", minimal)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert "content/competencies/loop.yml:" in result.output
