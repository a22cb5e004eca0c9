"""`handbook import matrix.csv` through the real command: valid content, located row errors, no overwrite."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.helpers import run_cli

MATRIX = """\
competency,level,behaviour,domain,example,summary,track
Testing,L1,Adds tests for own changes,technical,Added tests for the date parser,Tests own changes,backend
Testing,L2,Reviews tests of others,technical,,,backend
Service ownership,L2,Runs the service's on-call rota,technical,,,backend
Service ownership,L2,Writes the runbook,,,,backend
"""


def write(root: Path, text: str, name: str = "matrix.csv") -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_writes_a_set_and_a_track_that_check_cleanly(minimal: Path) -> None:
    csv_path = write(minimal, MATRIX)
    (minimal / "content/competencies/core.yml").unlink()  # the sheet redefines testing
    (minimal / "content/tracks/engineering.yml").write_text(
        (minimal / "content/tracks/engineering.yml").read_text().replace("competencies: [testing]",
                                                                         "competencies: []")
        .replace("competencies: [mentoring]", "competencies: []"))
    result = run_cli("import", csv_path, "--root", minimal, "--set", "backend-core")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["wrote content/competencies/backend-core.yml",
                                          "wrote content/tracks/backend.yml"]
    data = yaml.safe_load((minimal / "content/competencies/backend-core.yml").read_text())
    assert data["set"] == "backend-core"
    testing = data["competencies"][0]
    assert (testing["id"], testing["name"], testing["domain"]) == ("testing", "Testing", "technical")
    assert testing["levels"]["L1"] == {"behaviours": [
        {"id": "adds-tests-for-own-changes", "text": "Adds tests for own changes",
         "examples": ["Added tests for the date parser"]}], "summary": "Tests own changes"}
    assert data["competencies"][1]["id"] == "service-ownership"
    track = yaml.safe_load((minimal / "content/tracks/backend.yml").read_text())
    assert track == {"id": "backend", "name": "Backend", "competencies": ["testing", "service-ownership"],
                     "levels": [{"level": "L1"}, {"level": "L2"}]}
    check = run_cli("check", "--root", minimal)
    assert check.exit_code == 0, check.output


def test_bad_rows_are_reported_as_file_row_column_and_nothing_is_written(minimal: Path) -> None:
    csv_path = write(minimal, "competency,level,behaviour,domain,exmaple\n"
                              "Pairing,L9,Pairs daily,technical,\n"
                              "Pairing,L2,,technical,\n"
                              "Pairing,L2,Pairs weekly,tech,\n")
    result = run_cli("import", csv_path, "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "matrix.csv:1:5: error: unknown column 'exmaple'",
        "    hint: did you mean 'example'?",
        "matrix.csv:2:2: error: unknown level 'L9'",
        "    hint: expected one of: L1, L2, L3",
        "matrix.csv:3:3: error: the behaviour is empty",
        "    hint: fill in the behaviour, or delete the row",
        "matrix.csv:4:4: error: unknown domain 'tech'",
        "    hint: did you mean 'technical'?",
    ]
    assert not (minimal / "content/competencies/matrix.yml").exists()


def test_import_refuses_to_overwrite(minimal: Path) -> None:
    csv_path = write(minimal, "competency,level,behaviour,domain\nPairing,L2,Pairs daily,leadership\n")
    existing = minimal / "content/competencies/pairing.yml"
    existing.write_text("# mine\n", encoding="utf-8")
    result = run_cli("import", csv_path, "--root", minimal, "--set", "pairing")
    assert result.exit_code == 1
    assert "content/competencies/pairing.yml already exists; nothing was written" in result.stdout
    assert existing.read_text(encoding="utf-8") == "# mine\n"


def test_missing_required_column(minimal: Path) -> None:
    result = run_cli("import", write(minimal, "competency,behaviour\nA,B\n"), "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "matrix.csv:1:1: error: missing column 'level'"


def test_a_cell_over_the_csv_field_limit_is_a_located_error(minimal: Path) -> None:
    text = "competency,level,behaviour\nTesting,L1,Writes tests\nTesting,L2," + "x" * 140_000 + "\n"
    result = run_cli("import", write(minimal, text), "--root", minimal)
    assert result.exit_code == 1, result.output
    assert "matrix.csv:3:1: the row cannot be read as CSV: field larger than field limit" in result.output
    assert "Traceback" not in result.output


def test_quoted_line_breaks_in_a_cell_are_kept(minimal: Path) -> None:
    csv_path = write(minimal, 'competency,level,behaviour,domain,example\n'
                              'Writing,L1,"Writes code that is\nreadable",technical,"First line\nsecond line"\n')
    result = run_cli("import", csv_path, "--root", minimal, "--set", "writing")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((minimal / "content/competencies/writing.yml").read_text())
    [behaviour] = data["competencies"][0]["levels"]["L1"]["behaviours"]
    assert behaviour["text"] == "Writes code that is\nreadable"
    assert behaviour["examples"] == ["First line\nsecond line"]


def test_the_same_name_in_two_domains_is_a_located_error(minimal: Path) -> None:
    csv_path = write(minimal, "competency,level,behaviour,domain\n"
                              "Communication,L1,Writes clear notes,technical\n"
                              "Communication,L1,Runs a clear meeting,leadership\n")
    result = run_cli("import", csv_path, "--root", minimal)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "matrix.csv:3:4: error: competency 'Communication' is already in domain 'technical' on an earlier row",
        "    hint: name the competency distinctly in each domain, like 'Communication (leadership)'",
    ]
    assert not (minimal / "content/competencies/matrix.yml").exists()
