"""`handbook export csv` read back by `handbook import`: the same competencies, and no cell a spreadsheet runs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from generator.link.load import load_project
from tests.helpers import EXAMPLE, edit, run_cli


def loaded(root: Path) -> list[tuple[str, dict[str, object]]]:
    project, problems = load_project(root, portfolios=False)
    assert not problems.errors, problems.sorted()
    return sorted(((c.set_id, c.model_dump()) for c in project.competencies), key=lambda sc: (sc[0], sc[1]["id"]))


def round_trip(root: Path, fresh: Path) -> Path:
    """Export `root`'s competencies and import them into `fresh`, which has only its framework."""
    exported = run_cli("export", "csv", "--root", root, "--out", root / "out")
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == "wrote out/competencies.csv\n"
    (fresh / "content").mkdir(parents=True)
    shutil.copy(root / "content/framework.yml", fresh / "content")
    imported = run_cli("import", root / "out/competencies.csv", "--root", fresh)
    assert imported.exit_code == 0, imported.output
    return root / "out/competencies.csv"


def test_the_bundled_example_reads_back_to_the_same_competencies(tmp_path: Path) -> None:
    root = tmp_path / "example"
    root.mkdir()
    shutil.copytree(EXAMPLE / "content", root / "content")
    round_trip(root, tmp_path / "fresh")
    assert [s for s, _ in loaded(tmp_path / "fresh")] == [s for s, _ in loaded(root)]
    assert loaded(tmp_path / "fresh") == loaded(root)
    check = run_cli("check", "--root", tmp_path / "fresh")
    assert check.exit_code == 0, check.output


def test_formulas_are_exported_inert_and_multi_line_text_survives(minimal: Path, tmp_path: Path) -> None:
    core = minimal / "content/competencies/core.yml"
    edit(core, "behaviours: [Adds tests for own changes]", """behaviours:
          - id: adds-tests
            text: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
            examples: ["+1 for every bug", "@SUM(A1:A2)", "'quoted' on purpose"]
            links:
              - {title: "=Testing guide", url: "https://example.com/testing?a=1&b=2"}
              - {title: Flaky tests, url: "http://example.com/flaky"}
          - "-2 flaky tests a week, at most"
          - "Writes tests that are\\nreadable\\n\\nand short"
        remove: []
        examples: ["\\tindented with a tab"]""")
    edit(core, "summary: Writes tests that catch regressions.", 'summary: "@team owns it"\n    owners: ["@qa"]')
    path = round_trip(minimal, tmp_path / "fresh")
    cells = [cell for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines(keepends=True))
             for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells
    assert {"'+1 for every bug", "'@SUM(A1:A2)", "''quoted' on purpose", "'-2 flaky tests a week, at most",
            "'@team owns it", "'@qa", "'\tindented with a tab"} <= set(cells)
    assert "Writes tests that are\nreadable\n\nand short" in cells
    assert {"'=Testing guide", "https://example.com/testing?a=1&b=2", "Flaky tests"} <= set(cells)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert loaded(tmp_path / "fresh") == loaded(minimal)


def test_a_level_that_expects_nothing_and_a_competency_without_levels_read_back(minimal: Path,
                                                                                tmp_path: Path) -> None:
    core = minimal / "content/competencies/core.yml"
    edit(core, "behaviours: [Reviews tests of others]", "behaviours: []")
    edit(core, """    levels:
      L2:
        behaviours: [Pairs with new joiners]""", "")
    round_trip(minimal, tmp_path / "fresh")
    assert loaded(tmp_path / "fresh") == loaded(minimal)


def test_bad_ids_in_an_exported_sheet_are_located(minimal: Path) -> None:
    path = minimal / "matrix.csv"
    path.write_text("competency_id,competency,level,behaviour_id,behaviour,remove\n"
                    "Testing,Testing,L1,adds-tests,Adds tests,\n"
                    "testing,Testing,L2,Reviews Tests,Reviews tests,old/one\n", encoding="utf-8")
    result = run_cli("import", path, "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "matrix.csv:2:1: error: 'Testing' is not a valid competency id",
        "    hint: use lowercase letters, digits and hyphens",
        "matrix.csv:3:4: error: 'Reviews Tests' is not a valid behaviour id",
        "    hint: use lowercase letters, digits and hyphens",
        "matrix.csv:3:6: error: 'old/one' is not a behaviour id",
        "    hint: list behaviour ids separated by spaces",
    ]


def test_a_link_that_is_not_a_web_address_is_located(minimal: Path) -> None:
    path = minimal / "matrix.csv"
    path.write_text("competency,level,domain,behaviour_id,behaviour,link_title,link_url\n"
                    "Testing,L1,technical,adds-tests,Adds tests,Guide,javascript:alert(1)\n"
                    "Testing,L2,technical,reviews,Reviews tests,Guide,\n", encoding="utf-8")
    result = run_cli("import", path, "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "matrix.csv:2:7: error: 'javascript:alert(1)' is not an http(s) address",
        "    hint: give an address that starts with https://",
        "matrix.csv:3:7: error: the link url is empty",
        "    hint: a link needs a behaviour, a title and an address",
    ]


def test_a_competency_without_a_name_or_parent_is_refused(minimal: Path) -> None:
    path = minimal / "matrix.csv"
    path.write_text("competency_id,competency,level,behaviour_id,behaviour,domain\n"
                    "pairing,,L1,,Pairs daily,technical\n", encoding="utf-8")
    result = run_cli("import", path, "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "matrix.csv:1:1: error: competency 'pairing' has no name",
        "    hint: fill in the competency column on one of its rows, or its extends column",
    ]
