"""What a family's reader sees, through a real build: behaviour links, proficiency names, a track of
behaviours only, the competencies index by set, and competency pages with the levels their tracks reach."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES
from tests.helpers import edit, run_cli

EXAMPLE_LINE = "            examples: [Asked two reviewers to critique a design before the RFC]"


def text_of(html: str) -> str:
    spaced = re.sub(r"</(t[hd]|d[td]|p|li|h\d)>|<br>|<(ul|li)>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", spaced)).replace("¶", "").split())


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("families") / "families"
    shutil.copytree(FIXTURES / "families", root)
    edit(root / "content/framework.yml", """  - {id: L1, name: Junior}
  - {id: L2, name: Mid}
  - {id: L3, name: Senior}""", """  - {id: L1, name: Junior, proficiency: Awareness}
  - {id: L2, name: Mid, proficiency: Working}
  - {id: L3, name: Senior, proficiency: Practitioner}""")
    edit(root / "content/competencies/core.yml", EXAMPLE_LINE, EXAMPLE_LINE + """
            links:
              - {title: "Giving *and* receiving feedback", url: "https://example.com/feedback?x=1&y=2"}""")
    result = run_cli("build", "--root", root, "--no-portfolios")
    assert result.exit_code == 0, result.output
    return root / "site/1.0"


def test_a_behaviour_link_is_a_web_link_on_the_competency_page_and_in_the_pdf(site: Path) -> None:
    html = (site / "competencies/communication/index.html").read_text(encoding="utf-8")
    found = re.search(r'<a class="hb-link" href="([^"]+)">(.*?)</a>', html)
    assert found is not None
    assert unescape(found.group(1)) == "https://example.com/feedback?x=1&y=2"
    assert unescape(found.group(2)) == "Giving *and* receiving feedback"  # a title, not Markdown
    pdf = "\n".join(p.extract_text() for p in PdfReader(site / "handbook.pdf").pages)
    assert "Read: Giving *and* receiving feedback" in pdf


def test_the_matrix_names_each_level_s_proficiency(site: Path) -> None:
    matrix = text_of((site / "matrix/craft/index.html").read_text(encoding="utf-8"))
    assert "Competency L1 Awareness L2 Working L3 Practitioner" in matrix
    track_matrix = text_of((site / "tracks/backend/matrix/index.html").read_text(encoding="utf-8"))
    assert "Competency L2 Working L3 Practitioner" in track_matrix


def test_a_track_without_milestones_shows_what_each_level_expects(site: Path) -> None:
    page = text_of(article(site / "tracks/backend/index.html"))
    assert "No milestones at this level" not in page
    start = page.index("What L2 expects")
    l2 = page[start:page.index("L3 · Senior backend engineer", start)]
    assert ("What L2 expects on this track. Craft Testing Writes unit tests for the code they change "
            "Adds integration tests where a change crosses a service boundary "
            "API design Designs endpoints that are consistent with the rest of the API") in l2
    l3 = page[page.index("What L3 expects"):]
    assert "What L3 expects on this track: what is new at this level" in l3
    assert ("Communication Writes RFCs that others can decide on "
            "Explains API changes to consumer teams before shipping them and what earlier levels expect") in l3
    frontend = text_of(article(site / "tracks/frontend/index.html"))
    assert "No milestones at this level." in frontend  # a track with milestones keeps its sections


def test_the_competencies_index_groups_by_set_and_says_what_each_extends(site: Path) -> None:
    page = text_of(article(site / "competencies/index.html"))
    assert ("Backend Set backend, used by Backend engineering. Craft API design People "
            "Communication (builds on Communication of Core): Shares context so others can act.") in page
    assert "Core Set core, used by Backend engineering, Frontend engineering." in page
    assert "Frontend Set frontend, used by Frontend engineering. Craft Frontend testing (builds on Testing of Core)" \
        in page


def test_a_competency_page_shows_the_levels_of_the_tracks_that_use_it(site: Path) -> None:
    api = text_of(article(site / "competencies/api-design/index.html"))
    assert "L2 · Mid" in api and "L3 · Senior" in api
    # Testing is used only by the backend track (L2, L3): its L1 behaviour shows as expected at L2.
    testing = text_of(article(site / "competencies/testing/index.html"))
    assert "L1 · Junior" not in testing
    assert "Also expected from earlier levels: Writes unit tests for the code they change" in testing
    # Communication, used by frontend (from L1), keeps every level it describes.
    communication = text_of(article(site / "competencies/communication/index.html"))
    assert "L1 · Junior" in communication and "L3 · Senior" in communication


def test_a_link_that_is_not_a_web_address_is_a_located_error(tmp_path: Path) -> None:
    root = tmp_path / "families"
    shutil.copytree(FIXTURES / "families", root)
    edit(root / "content/competencies/core.yml", EXAMPLE_LINE, EXAMPLE_LINE + """
            links: [{title: Guide, url: "javascript:alert(1)"}]""")
    result = run_cli("check", "--root", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "content/competencies/core.yml:14:41: error: url: 'javascript:alert(1)' is not an http(s) address",
        "    hint: give a link that starts with https:// (or http://), like https://example.com/guide",
    ]


def test_the_families_site_has_no_broken_links_or_unsafe_markup(site: Path) -> None:
    from tests.render.site.crawl import broken_links
    from tests.render.site.html_checks import scan

    assert broken_links(site.parent) == []
    assert [u for page in site.rglob("*.html") for u in scan(page).unsafe] == []
