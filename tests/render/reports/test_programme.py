"""The example's programme report page and PDF: accessible SVG charts, their tables folded under them."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader

from tests.render.portfolio.conftest import Built

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"


def html(reports: Built) -> str:
    return (reports.project.root / "build/reports/programme.html").read_text(encoding="utf-8")


def test_charts_are_accessible_svg_with_a_table(reports: Built) -> None:
    page = html(reports)
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(charts) == 4  # time to ready is a table only: a chart of two medians would repeat it
    for chart in charts:
        svg = ElementTree.fromstring(chart)
        assert svg.get("role") == "img" and svg.get("viewBox")
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and desc is not None and title.text and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for section in ("people", "readiness", "entries", "recognition"):
        part = page.split(f'<section id="{section}">')[1].split("</section>")[0]
        # the table behind the chart is there for screen readers, folded: the page shows each figure once
        folded = part.split('<details class="figures-table"><summary>The figures as a table</summary>')
        assert len(folded) == 2 and "<svg " in folded[0] and "<table" not in folded[0], section
        assert "<table" in folded[1], section


def test_figures_on_the_page(reports: Built) -> None:
    page = html(reports)
    assert "<li><strong>67%</strong> added an entry in the last 30 days (4 of 6)</li>" in page
    assert "<li><strong>100%</strong> added an entry in the last 90 days (6 of 6)</li>" in page
    assert ('<tr><th scope="row">2026-09-30</th><td class="number" data-label="People">6</td>'
            '<td class="number" data-label="Ready">2</td>') in page
    assert ('<tr><th scope="row">Software engineering</th><td data-label="Target">L3</td>'
            '<td class="number" data-label="People">1</td><td class="number" data-label="Ready">1</td>'
            '<td class="number" data-label="Median days to ready">242</td></tr>') in page
    assert "Provenance is unavailable (not a git repository)" in page
    assert page.count('<tr><th scope="row">Roll out an organisation-wide SLO standard</th>') == 2
    assert 'id="participation"' not in page  # the figures at the top say it: no table repeats them


def test_pdf_text(reports: Built) -> None:
    reader = PdfReader(reports.project.root / "build/reports/programme.pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for heading in ("Programme report", "People per track and level", "Readiness over time", "Time to ready",
                    "Entries per month", "Recalibration signals", "Recognition per quarter"):
        assert heading in text
    assert "the median of 3 measured values is 35, far below the target of at least 80" in text
    assert "Readiness at each month end" not in text  # on paper the chart is the figure, its table is folded away
    assert reader.metadata is not None and reader.metadata.title == "Programme report as of 2026-11-01"


def test_report_matches_golden(reports: Built, update_golden: bool) -> None:
    golden = GOLDEN / "programme.html"
    if update_golden:
        golden.write_text(html(reports), encoding="utf-8")
    assert html(reports) == golden.read_text(encoding="utf-8")
