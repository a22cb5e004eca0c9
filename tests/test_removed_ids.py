"""A family's own behaviour under an id it removed from its parent is listed, and `check` warns of the clash."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import article, edit, run_cli

FAMILY = """\
competencies:
  - id: backend-testing
    extends: testing
    levels:
      L2:
        remove: [adds-tests]
      L3:
        behaviours: [{id: adds-tests, text: Adds contract tests between services}]
"""


def test_the_family_behaviour_is_shown_where_it_is_listed(minimal: Path) -> None:
    edit(minimal / "content/competencies/core.yml", "behaviours: [Adds tests for own changes]",
         "behaviours: [{id: adds-tests, text: Adds tests for own changes}]")
    (minimal / "content/competencies/backend.yml").write_text(FAMILY, encoding="utf-8")
    track = minimal / "content/tracks/engineering.yml"  # a competency page shows the levels its tracks reach
    track.write_text(track.read_text(encoding="utf-8") + "  - level: L3\n    title: Senior engineer\n"
                     "    milestones: []\n", encoding="utf-8")
    result = run_cli("build", "--root", minimal, "--no-pdf", "--no-portfolios", "-q")
    assert result.exit_code == 0, result.output
    page = article(minimal / "site" / "1.0" / "competencies" / "backend-testing" / "index.html")
    assert "No longer expected: Adds tests for own changes" in page
    assert page.index("L3 · Senior") < page.index("Adds contract tests between services adds-tests")
    assert run_cli("check", "--root", minimal, "--strict").exit_code == 1
