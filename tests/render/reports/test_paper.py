"""Team views and the programme report on paper: the same running heads on every page, no heading
left alone at a page foot, no table row split across two pages.

A synthetic company gives views long enough to break across pages; the example gives the short ones.
"""

from __future__ import annotations

import html as entities
import re
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader
from weasyprint import HTML

from bench.synth import Company, write_company
from tests.render.portfolio.conftest import Built, build
from tests.render.reports.codes import codes_in
from tests.render.site.pdf_layout import split_rows, table_rows

pytestmark = pytest.mark.slow

MM = 72 / 25.4
TOP, BOTTOM = 18 * MM, 20 * MM  # the page margins of the reports (portfolio.css): running heads sit in them


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Two leads with eight people each: team views of several pages."""
    root = write_company(tmp_path_factory.mktemp("company") / "repo", Company(people=16, entries=4, tracks=2, seed=3))
    return build(root, audiences=("teams", "programme"), jobs=1)


def reports_of(built: Built) -> list[tuple[Path, Path]]:
    """Every team view and the programme report: (page, PDF)."""
    build_dir = built.project.root / "build"
    teams = [(p.parent / "index.html", p) for p in sorted((build_dir / "teams").glob("*/*.pdf"))]
    return [*teams, (build_dir / "reports/programme.html", build_dir / "reports/programme.pdf")]


def page_runs(page: PageObject) -> list[tuple[float, str]]:
    """One page's text runs with their height on the page (0 at the bottom), lowest first."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((cm[1] * tm[4] + cm[3] * tm[5] + cm[5], re.sub(r"\s+", " ", text.strip())))

    page.extract_text(visitor_text=visit)
    return sorted(found)


def lines(pdf: Path) -> list[list[tuple[float, str]]]:
    return [page_runs(page) for page in PdfReader(pdf).pages]


def headings(page: str) -> set[str]:
    """What must not end a page: section headings, table captions and column headers."""
    found = re.findall(r"<h2[^>]*>(.*?)</h2>|<caption[^>]*>(.*?)</caption>", page, re.S)
    heads = [cell for head in re.findall(r"<thead>(.*?)</thead>", page, re.S)
             for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]
    texts = [a or b for a, b in found] + heads
    return {re.sub(r"\s+", " ", entities.unescape(re.sub(r"<[^>]+>", "", t))).strip() for t in texts}


def is_heading(run: str, heads: set[str]) -> bool:
    """`run` is a heading, or a line of one that wraps (two words or more of it)."""
    return run in heads or (len(run.split()) > 1 and any(run in head for head in heads))


def test_the_synthetic_views_run_over_several_pages(company: Built) -> None:
    assert max(len(PdfReader(pdf).pages) for _, pdf in reports_of(company)) >= 4


@pytest.mark.parametrize("fixture", ["company", "reports"])
def test_every_page_has_the_same_running_heads(fixture: str, request: pytest.FixtureRequest) -> None:
    built = request.getfixturevalue(fixture)
    for page, pdf in reports_of(built):
        title = re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
        sections = {"At a glance"} | set(re.findall(r"<h2>(.*?)</h2>", page.read_text(encoding="utf-8")))
        pages = lines(pdf)
        height = float(PdfReader(pdf).pages[0].mediabox.height)
        for number, runs in enumerate(pages, 1):
            above = {text for y, text in runs if y > height - TOP}
            below = {text for y, text in runs if y < BOTTOM}
            assert title in above and len(above & sections) == 1, (pdf.name, number, above)
            assert {"Private report · as of 2026-11-01", f"Page {number} of {len(pages)}"} <= below, (pdf.name, below)


@pytest.mark.parametrize("fixture", ["company", "reports"])
def test_no_heading_is_left_at_the_foot_of_a_page(fixture: str, request: pytest.FixtureRequest) -> None:
    built = request.getfixturevalue(fixture)
    alone = []
    for page, pdf in reports_of(built):
        heads = headings(page.read_text(encoding="utf-8"))
        pages = lines(pdf)
        height = float(PdfReader(pdf).pages[0].mediabox.height)
        for number, runs in enumerate(pages[:-1], 1):
            content = [text for y, text in runs if BOTTOM < y < height - TOP]
            if content and is_heading(content[0], heads):
                alone.append((pdf.name, number, content[0]))
    assert alone == []


def test_the_foot_check_sees_a_heading() -> None:
    assert is_heading("Waiting on", {"Waiting on you"}) and not is_heading("0", {"Due in 30 days"})
    assert headings("<h2>Needs attention</h2><table><caption>Waiting on you</caption><thead><tr>"
                    '<th scope="col">Person</th></tr></thead></table>') == {"Needs attention", "Waiting on you",
                                                                           "Person"}


@pytest.mark.parametrize("fixture", ["company", "reports"])
def test_no_table_row_is_split_across_pages(fixture: str, request: pytest.FixtureRequest) -> None:
    built = request.getfixturevalue(fixture)
    split = []
    for page, _ in reports_of(built):
        document = HTML(filename=str(page)).render()
        assert table_rows(document), page
        split += [(page.parent.name, number, words) for number, words in split_rows(document)]
    assert split == []


@pytest.mark.parametrize("fixture", ["company", "reports"])
def test_no_code_on_paper(fixture: str, request: pytest.FixtureRequest) -> None:
    built = request.getfixturevalue(fixture)
    found = {pdf.name: codes for _, pdf in reports_of(built)
             if (codes := codes_in("\n".join(text for runs in lines(pdf) for _, text in runs)))}
    assert found == {}
