"""`handbook check` on every case of the hostile corpus: exact located messages, never a crash."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.hostile.corpus import CASES, Case

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal"
LOCATED = re.compile(r"^[^\s].*:\d+:\d+: (error|warning): \S")


def make(case: Case, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yml").write_text("competencies: []\n", encoding="utf-8")
    shutil.copytree(MINIMAL, root)
    case.apply(root, outside)
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_the_located_problem(case: Case, tmp_path: Path) -> None:
    result = run_cli("check", "--root", make(case, tmp_path))
    assert result.exit_code == (1 if any(": error: " in e for e in case.expect) else 0), result.output
    lines = result.stderr.splitlines() + result.stdout.splitlines()
    problems = [line for line in lines if not line.startswith("    hint: ") and ": " in line
                and not line.endswith(("no problems", "warnings", "warning", "errors", "error"))]
    for expected in case.expect:
        assert any(line.startswith(expected) for line in problems), (expected, problems)
    # every problem is one line of its own: no raw newline or control byte forges another
    assert all(LOCATED.match(line) for line in problems), problems
    assert not any(c in result.output for c in "\x00\x1b\u2028")
    assert "internal error" not in result.output


def test_case_names_are_unique() -> None:
    assert len({c.name for c in CASES}) == len(CASES)
