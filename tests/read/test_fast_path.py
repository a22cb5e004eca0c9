"""The fast YAML path: same data, problems and positions as the located path, positions only when asked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.synth import Company, write_company
from generator.link.load import load_project
from generator.problems import Problems
from generator.read import yaml_positions
from generator.read.frontmatter import read_front_matter
from generator.read.yaml_positions import read_yaml_text
from tests.hostile.corpus import CASES, Case

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal"
EXAMPLE = Path(__file__).parent.parent.parent


def both(text: str) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """(data, problems, values, keys) read lazily, then eagerly."""
    results = []
    for fast in (True, False):
        yaml_positions.FAST = fast
        try:
            problems = Problems()
            doc = read_yaml_text(text, "f.yml", problems, line_offset=3)
        finally:
            yaml_positions.FAST = True
        located = (doc.data, dict(doc.values), dict(doc.keys)) if doc else None
        results.append((located, [p.as_dict() for p in problems.items]))
    return results[0], results[1]


@pytest.mark.parametrize("text", [
    "name: a\nlevels:\n  - id: L1\n    when: 2026-03-14\n  - {id: L2, n: 3, ok: true, x: ~, f: 1.5}\n",
    "a: 2026-13-01\nb: '2026.2'\nc: !!int nope\nd: !!binary aGk=\n",
    "a: Shout-out in #eng-wins\nb: 365d  # a year\n",      # a cut text: a warning
    "name: a\nname: b\n",                                   # a duplicate key
    "? [a, b]\n: c\n",                                      # a list as a key
    "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n",            # a merge key
    "a: {<<: {x: 1}, y: 2}\n",                              # a merge without an alias
    "a: &x [1, 2]\nb: *x\n",                                # an alias
    "a: *nothing\n",                                        # an undefined alias
    "a: [1, 2\n",                                           # a syntax error
    "\tname: a\n",                                          # a tab
    "a: 1\n---\nb: 2\n",                                    # two documents
    "# only a comment\n",                                   # nothing
    "a: " + "[" * 41 + "]" * 41 + "\n",                     # too deep
    "a: " + "[" * 39 + "]" * 39 + "\n",                     # deep, but allowed
    "a: [" + ", ".join(["1"] * 20_001) + "]\n",             # too many values, no alias
    "title: ''\nsummary:\nx: {title: ' '}\n",               # empties are the model's business: kept here
])
def test_the_fast_path_reads_what_the_located_path_reads(text: str) -> None:
    lazy, eager = both(text)
    assert lazy == eager


def test_a_clean_text_is_located_only_when_asked() -> None:
    problems = Problems()
    doc = read_yaml_text("name: Example\nlevels:\n  - id: L1\n", "f.yml", problems)
    assert doc is not None and not problems.items
    assert not doc.located
    assert doc.at(("levels", 0, "id")).line == 3
    assert doc.located


def test_an_alias_bomb_never_reaches_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refuse:
        def __init__(self, *args: object) -> None:
            raise AssertionError("the fast path expanded a text with aliases")

    monkeypatch.setattr(yaml_positions, "_FastConverter", Refuse)
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9))
    problems = Problems()
    assert read_yaml_text(bomb, "f.yml", problems) is None
    assert [p.message for p in problems.items] == ["the YAML expands to more than 20000 values"]


def test_front_matter_positions_count_file_lines_when_asked_later() -> None:
    problems = Problems()
    doc = read_front_matter("---\ntitle: T\ndate: 2026-01-02\n---\nBody.\n", "e.md", problems)
    assert doc is not None and not doc.meta.located
    assert doc.meta.at(("date",)).line == 3


def _check(root: Path, fast: bool) -> list[dict[str, object]]:
    yaml_positions.FAST = fast
    try:
        _, problems = load_project(root)
    finally:
        yaml_positions.FAST = True
    return [p.as_dict() for p in problems.sorted()]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_hostile_case_reports_the_same_either_way(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copytree(MINIMAL, root)
    case.apply(root, outside)
    assert _check(root, fast=True) == _check(root, fast=False)


def test_a_company_with_problems_reports_the_same_either_way(tmp_path: Path) -> None:
    root = write_company(tmp_path / "company", Company(people=3, entries=6, tracks=2))
    entries = sorted((root / "portfolios").glob("*/entries/*.md"))
    text = entries[0].read_text(encoding="utf-8")
    entries[0].write_text(text.replace("kind: ", "kind: nonsense-", 1), encoding="utf-8")
    text = entries[1].read_text(encoding="utf-8")
    entries[1].write_text(text.replace("milestones:\n- ", "milestones:\n- nowhere-", 1), encoding="utf-8")
    fast = _check(root, fast=True)
    assert fast == _check(root, fast=False)
    assert {p["code"] for p in fast} >= {"invalid-value", "unknown-track"}
