"""The generated handbook pages speak in words: no metric id, feedback code or evidence code in what a reader sees.

The guides under pages/ are the framework owners' own prose, which may quote the file formats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import article
from tests.render.reports.codes import codes_in

pytestmark = pytest.mark.slow


def test_no_generated_page_shows_a_code(example_site: Path) -> None:
    newest = json.loads((example_site / "versions.json").read_text(encoding="utf-8"))[0]["version"]
    version = example_site / newest
    pages = [p for p in version.rglob("index.html") if "pages" not in p.relative_to(version).parts[:1]]
    assert len(pages) > 40
    found = {p.relative_to(version).as_posix(): codes for p in pages if (codes := codes_in(article(p)))}
    assert found == {}


def test_the_check_finds_a_code_where_there_is_one() -> None:
    assert codes_in("Target: tier1_slo_coverage_pct >= 80") == ["tier1_slo_coverage_pct"]
    assert codes_in("Still needs feedback:peer") == ["feedback:"]
