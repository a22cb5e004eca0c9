"""`expectations:` on a competency file: a restated set beside the framework's cumulative ones."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import article, run_cli

CURRENT = """\
expectations: restated
competencies:
  - id: delivery
    name: Delivery
    domain: technical
    levels:
      L1: {behaviours: [Ships own tasks, Asks for reviews]}
      L2: {behaviours: [Ships own tasks, Ships a team's project]}
  - id: team-testing
    extends: testing
    levels:
      L2: {behaviours: [Reviews test plans of the team]}
"""


def test_a_restated_set_beside_cumulative_ones(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    (minimal / "content/competencies/current.yml").write_text(CURRENT, encoding="utf-8")
    assert check(minimal) == []  # "Ships own tasks" said again is no 'already expected' in a restated set
    result = run_cli("build", "--root", minimal, "--no-pdf", "--no-portfolios", "-q")
    assert result.exit_code == 0, result.output
    step = article(minimal / "site/1.0/tracks/engineering/L1-to-L2/index.html")
    start = step.index("Delivery")
    delivery = step[start:step.index("Testing", start)]
    assert delivery == ("Delivery New at L2 Ships a team's project No longer expected Asks for reviews "
                        "Plus 1 behaviour from earlier levels ")
    assert "Testing New at L2 Reviews tests of others Plus 1 behaviour from earlier levels" in step
    # A restated family of a cumulative competency: the parent's earlier behaviours still apply.
    family = article(minimal / "site/1.0/competencies/team-testing/index.html")
    assert "Each level of this competency lists every behaviour it expects there." in family
    assert ("L2 · Practitioner Behaviours Reviews tests of others Reviews test plans of the team "
            "Also expected from earlier levels: Adds tests for own changes") in family
    assert "Some competencies read the other way" in article(minimal / "site/1.0/glossary/index.html")
