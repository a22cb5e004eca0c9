"""Level dimensions (scope, reach) through a real build: level sections, step pages, home page and the PDF."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES
from tests.helpers import edit, run_cli

DIMENSIONS = """dimensions:
  - {id: scope, name: Scope, description: How far the work reaches.}
  - {id: reach, name: Collaborative reach}
levels:
  - {id: L1, name: Junior, dimensions: {scope: own tasks}}
  - {id: L2, name: Mid, dimensions: {scope: a feature, reach: the team}}
  - {id: L3, name: Senior, dimensions: {scope: "a *team*'s services", reach: the team}}
"""


@pytest.fixture
def families(tmp_path: Path) -> Path:
    root = tmp_path / "families"
    shutil.copytree(FIXTURES / "families", root)
    edit(root / "content/framework.yml", """levels:
  - {id: L1, name: Junior}
  - {id: L2, name: Mid}
  - {id: L3, name: Senior}
""", DIMENSIONS)
    return root


def text_of(html: str) -> str:
    spaced = re.sub(r"</(t[hd]|d[td]|p|li|h\d)>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def dimensions_block(page: Path, after: str = "") -> str:
    html = page.read_text(encoding="utf-8")
    html = html[html.index(after):] if after else html
    found = re.search(r'<dl class="hb-dimensions">(.*?)</dl>', html, re.S)
    assert found, page
    return text_of(found.group(1))


def test_levels_steps_home_and_pdf_show_the_dimensions_not_as_competencies(families: Path) -> None:
    edit(families / "content/tracks/backend.yml", "    title: Senior backend engineer",
         "    title: Senior backend engineer\n    dimensions: {scope: a group of teams}")
    result = run_cli("build", "--root", families, "--no-portfolios")
    assert result.exit_code == 0, result.output
    site = families / "site/1.0"
    backend = site / "tracks/backend/index.html"
    assert dimensions_block(backend, 'id="level-L2"') == "Scope a feature Collaborative reach the team"
    assert dimensions_block(backend, 'id="level-L3"') == "Scope a group of teams Collaborative reach the team"
    frontend = site / "tracks/frontend/index.html"
    assert dimensions_block(frontend, 'id="level-L1"') == "Scope own tasks"
    assert dimensions_block(frontend, 'id="level-L3"') == "Scope a team's services Collaborative reach the team"
    assert "<em>team</em>" in frontend.read_text(encoding="utf-8")
    step = site / "tracks/backend/L2-to-L3/index.html"
    assert dimensions_block(step) == "Scope a feature → a group of teams Collaborative reach the team (as at L2)"
    home = text_of((site / "index.html").read_text(encoding="utf-8"))
    assert "L2 Mid a feature the team L3 Senior a team's services the team L4 Staff L5" in home
    assert "Level Name What it means Scope Collaborative reach" in home
    assert "Scope: How far the work reaches." in home
    # Not competencies: the track counts its three, and no competency page is made for a dimension.
    assert "3 competencies, level by level" in text_of(backend.read_text(encoding="utf-8"))
    assert not (site / "competencies/scope").exists()
    pdf = "\n".join(p.extract_text() for p in PdfReader(site / "handbook.pdf").pages)
    assert "Scope" in pdf and "a group of teams" in pdf and "How far the work reaches." in pdf
    assert "a feature → a group of teams" in pdf
    from tests.render.site.crawl import broken_links

    assert broken_links(site.parent) == []


def test_an_unknown_dimension_is_a_located_error(families: Path) -> None:
    edit(families / "content/tracks/backend.yml", "    title: Senior backend engineer",
         "    title: Senior backend engineer\n    dimensions: {scop: a group of teams}")
    edit(families / "content/framework.yml", "{id: L1, name: Junior, dimensions: {scope: own tasks}}",
         "{id: L1, name: Junior, dimensions: {impact: own tasks}}")
    result = run_cli("check", "--root", families)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "dimension" in line or "hint" in line]
    assert lines == [
        "content/framework.yml:11:41: error: unknown dimension 'impact'",
        "    hint: expected one of: reach, scope",
        "content/tracks/backend.yml:11:18: error: unknown dimension 'scop'",
        "    hint: did you mean 'scope'?",
    ]


def test_a_dimension_without_a_declaration_says_how_to_declare_it(families: Path) -> None:
    edit(families / "content/framework.yml", DIMENSIONS.split("levels:")[0], "")
    result = run_cli("check", "--root", families)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "content/framework.yml:8:41: error: unknown dimension 'scope'",
        "    hint: declare it under 'dimensions:' in content/framework.yml, with an id and a name",
    ]
