"""Team views of the example: one page and PDF per manager, holding only their reporting line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.render.portfolio.conftest import Built

GOLDEN = Path(__file__).parent / "golden"
PEOPLE = {"amara": "Amara Nwosu", "tomas": "Tomás Herrera", "mei": "Mei Tanaka", "farah": "Farah Siddiqui",
          "jonah": "Jonah Abernathy", "kenji": "Kenji Watanabe"}
LINES = {"david": {"amara", "tomas"}, "ines": {"mei"}, "helena": set(PEOPLE) - {"kenji"}, "raj": {"kenji"}}


def page(reports: Built, manager: str) -> str:
    return (reports.project.root / "build/teams" / manager / "index.html").read_text(encoding="utf-8")


def test_one_view_per_manager_and_an_index(reports: Built) -> None:
    out = reports.project.root / "build/teams"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("_")) == [
        "david", "helena", "index.html", "ines", "raj"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="(\w+)/index.html">HTML</a> · <a href="\w+/(\w+\.pdf)">PDF</a>', index) == [
        ("david", "david.pdf"), ("helena", "helena.pdf"), ("ines", "ines.pdf"), ("raj", "raj.pdf")]
    assert not (reports.project.root / "site").exists()


@pytest.mark.parametrize("manager", sorted(LINES))
def test_a_view_names_no_one_outside_the_reporting_line(reports: Built, manager: str) -> None:
    html = page(reports, manager)
    reader = PdfReader(reports.project.root / f"build/teams/{manager}/{manager}.pdf")
    pdf = " ".join(p.extract_text() for p in reader.pages)
    for person, name in PEOPLE.items():
        inside = person in LINES[manager]
        assert (name in html) == inside, (manager, name)
        assert (name in re.sub(r"\s+", " ", pdf)) == inside, (manager, name)


def test_david_sees_what_he_owes_and_what_is_due(reports: Built) -> None:
    html = page(reports, "david")
    figures = re.findall(r"<li><strong>(\d+)</strong> ([^<]+)</li>", html)
    assert figures == [("1", "verdicts or feedback you owe"), ("0", "overdue milestones"),
                       ("2", "due in the next 30 days"), ("0", "due in 31 to 90 days"),
                       ("0", "stale portfolios (no entry in 90 days)")]
    attention = html.split('id="attention"')[1].split("</section>")[0]
    rows = re.findall(r'<td data-label="Milestone">([^<]+)</td>', attention)
    assert rows == ["Be an onboarding buddy", "Own a feature end to end"]  # each once, what waits on him first
    owed = attention.split('<tr class="owed">')[1].split("</tr>")[0]
    assert "Be an onboarding buddy" in owed and '<strong class="waiting">waiting on you</strong>' in owed
    assert '<td data-label="Due">2026-11-28 (27 days left)<br><span class="of">within 6 months</span></td>' in owed
    assert '<td data-label="Still needed">a “met” verdict</td>' in owed  # his; the peer's feedback is sealed
    assert 'id="teams"' not in html  # David manages no managers
    assert 'data-label="Manager"' not in html  # everyone in his view reports to him


def test_helena_gets_the_rollup(reports: Built) -> None:
    rollup = page(reports, "helena").split('id="teams"')[1].split("</section>")[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td class="number" data-label="[^"]+">\d+</td>)+)</tr>',
                      rollup)
    assert [(lead, re.findall(r">(\d+)<", cells)) for lead, cells in rows] == [
        ("Helena Okafor (your direct reports)", ["2", "1", "0", "1", "1", "0", "0", "0"]),
        ("David Lindqvist", ["2", "1", "1", "0", "0", "2", "0", "1"]),
        ("Inês Carvalho", ["1", "0", "0", "1", "0", "0", "0", "0"])]


def test_pdf_text(reports: Built) -> None:
    reader = PdfReader(reports.project.root / "build/teams/david/david.pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert text.startswith("Team view: David Lindqvist")
    assert "Own a feature end to end" in text and "Be an onboarding buddy" in text
    assert reader.metadata is not None and reader.metadata.title == "Team view: David Lindqvist, as of 2026-11-01"


def test_view_matches_golden(reports: Built, update_golden: bool) -> None:
    golden = GOLDEN / "team-david.html"
    if update_golden:
        golden.write_text(page(reports, "david"), encoding="utf-8")
    assert page(reports, "david") == golden.read_text(encoding="utf-8")
