"""A competency's name per level: the matrix, the level's heading, the step page and search use it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import article, edit, run_cli


def test_a_competency_renamed_at_a_level(minimal: Path) -> None:
    edit(minimal / "content/competencies/core.yml", "      L2:\n        behaviours: [Reviews tests of others]",
         "      L2:\n        name: Test strategy\n        behaviours: [Reviews tests of others]")
    result = run_cli("build", "--root", minimal, "--no-pdf", "--no-portfolios", "-q")
    assert result.exit_code == 0, result.output
    site = minimal / "site/1.0"
    page = article(site / "competencies/testing/index.html")
    assert page.startswith("Testing ") and "L2 · Practitioner: Test strategy Behaviours Reviews tests of others" in page
    assert "L1 · Associate Behaviours" in page
    matrix = article(site / "matrix/technical/index.html")
    assert "Testing • Adds tests for own changes Test strategy • Reviews tests of others + earlier" in matrix
    step = article(site / "tracks/engineering/L1-to-L2/index.html")
    assert "Test strategy New at L2 Reviews tests of others" in step
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    found = {d["location"] for d in index["docs"] if "Test strategy" in d["title"] + d["text"]}
    assert {"competencies/testing/#level-L2", "matrix/technical/"} <= found, found
