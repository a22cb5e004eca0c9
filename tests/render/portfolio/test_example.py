"""The bundled example's portfolios: each person's page one and PDF show their intended status."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.assess.portfolio import assess_portfolio
from tests.render.portfolio.conftest import Built, build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent.parent.parent
INTENDED = {"amara": "ready", "tomas": "on_track", "mei": "not_yet", "jonah": "ready", "farah": "not_yet",
            "kenji": "on_track"}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("example") / "repo"
    root.mkdir()
    for name in ("content", "portfolios"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "handbook.yml", root)
    return build(root, jobs=2)


def test_index_shows_everyone_with_their_status(example: Built) -> None:
    index = (example.out / "index.html").read_text()
    rows = re.findall(r'class="status status-(\w+)">.*?<a href="([a-z-]+)/index.html">', index, re.S)
    assert {person: status for status, person in rows} == INTENDED


@pytest.mark.parametrize("person", sorted(INTENDED))
def test_pdf_page_one_has_the_status_and_every_milestone_is_listed(example: Built, person: str) -> None:
    reader = PdfReader(example.out / person / f"{person}.pdf")
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert f"Status {INTENDED[person].replace('_', ' ')}" in first
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))
    portfolio = example.project.portfolio(person)
    assert portfolio is not None
    track = example.project.track(portfolio.profile.track)
    level = track.level(portfolio.profile.target) if track else None
    assert level is not None
    for milestone in level.milestones:
        assert re.sub(r"\s+", " ", milestone.title) in text
    if not level.milestones:  # assessed on competencies: every row is in the PDF
        rows = assess_portfolio(example.project, portfolio).competencies
        assert rows and all(re.sub(r"\s+", " ", row.name) in text for row in rows)
    for entry in portfolio.entries:
        said = [item.text for item in entry.meta.feedback] + ([entry.body] if entry.meta.kind == "feedback" else [])
        for words in said:
            assert re.sub(r"\s+", " ", words.strip())[:40] in text, (entry.id, words)


def test_waiver_and_overdue_are_explained(example: Built) -> None:
    jonah = example.html("jonah")
    assert '<span class="status status-waived">waived</span>' in jonah and "(approved by <a href=\"#person-" in jonah
    farah = example.html("farah")
    assert re.search(r"due \d{4}-\d\d-\d\d \(\d+ days overdue\)", farah)


def test_images_are_copied_beside_the_page(example: Built) -> None:
    assert (example.out / "farah/attachments/slo-coverage-by-quarter.png").is_file()
    assert '<img src="attachments/slo-coverage-by-quarter.png"' in example.html("farah")
    copied = {p.relative_to(example.out).as_posix() for p in example.out.rglob("attachments/*")}
    assert all(p.split("/")[0] in INTENDED for p in copied)


def test_competency_rows_show_the_entries_behind_them(example: Built) -> None:
    kenji = example.html("kenji")
    assert "6 of 10 <a href=\"#competencies\">competencies</a> evidenced." in kenji
    assert "milestones met or waived" not in kenji
    row = kenji[kenji.index('<tr id="competency-capacity-planning">'):]
    row = row[:row.index("</tr>")]
    assert '<span class="status status-evidenced">evidenced</span>' in row
    assert "<code>peak-forecast</code>" in row and "<code>load-tests</code>" in row
    assert '<a href="#entry-2026-06-20-peak-season-capacity-plan">' in row
    assert ('Competencies not yet evidenced: <a href="#competency-cross-team-collaboration">'
            'Cross-team collaboration</a> (claimed, not confirmed)') in kenji
    steps = kenji[kenji.index('id="next-steps"'):]
    assert "Nothing left" not in steps and "ask your manager, mentor or sponsor" in steps
    assert '<a href="#competency-capacity-planning"><code>capacity-planning/peak-forecast</code></a>' in kenji
    index = (example.out / "index.html").read_text()
    assert re.search(r'data-label="Met or waived"[^>]*>none at this level</td>\s*'
                     r'<td data-label="Competencies evidenced"[^>]*>6 of 10</td>', index)
    assert re.search(r'data-label="Competencies evidenced"[^>]*>\d+ of 13 <span class="of">\(not required\)</span>',
                     index)
    amara = example.html("amara")  # a ready person with milestones keeps them first and lists coverage after
    assert amara.index('id="milestones"') < amara.index('id="competencies"')


@pytest.mark.parametrize("person", sorted(INTENDED))
def test_every_entry_is_shown_and_every_internal_link_has_a_target(example: Built, person: str) -> None:
    html = example.html(person)
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links and links <= ids, links - ids
    portfolio = example.project.portfolio(person)
    assert portfolio is not None
    for entry in portfolio.entries:
        assert f'id="entry-{entry.id}"' in html, entry.id


def test_a_committee_reads_gaps_as_sentences_not_codes(example: Built) -> None:
    html = (example.out / "farah/index.html").read_text()
    assert "<li>Needs 4 occasions, has 3</li>" in html
    assert "<li>Needs feedback from a committee member</li>" in html
    assert "feedback:committee" not in html and "Missing" not in html
    assert not re.search(r"\((\d+) of (\d+) needed\)", html)


@pytest.mark.browser
def test_committee_index_sorts_and_filters_in_the_browser(example: Built, browser) -> None:  # type: ignore[no-untyped-def]
    from tests.render.site.browser import serve

    server = serve(example.out)
    base = next(server)
    try:
        page = browser.new_page()
        page.goto(f"{base}/index.html")
        rows = page.locator("#index-table tbody tr:not([hidden])")
        everyone = rows.count()
        assert everyone == len(list((example.out).glob("*/index.html")))
        page.get_by_label("Status").select_option("not yet")
        statuses = rows.locator(".status").all_inner_texts()
        assert statuses and set(statuses) == {"not yet"}
        assert page.locator(".index-count").inner_text() == f"{len(statuses)} of {everyone} people shown"
        page.get_by_label("Status").select_option("")
        page.get_by_role("button", name="Met or waived").click()  # ascending share of milestones met
        shares = [float(v) for v in rows.locator("td[data-label='Met or waived']").evaluate_all(
            "cells => cells.map(c => c.dataset.value)")]
        assert len(shares) == everyone and shares == sorted(shares)
        assert page.locator("th[aria-sort=ascending]").inner_text() == "Met or waived"
        page.close()
    finally:
        server.close()


def test_committee_index_links_levels_to_the_handbook(example: Built) -> None:
    index = (example.out / "index.html").read_text()
    assert "framework version <strong>2026.2</strong>" in index
    assert ('<a href="https://careers.kittiwake.example/2026.2/tracks/engineering/#level-L4">L4</a>' in index)


def test_the_committee_index_says_what_it_could_not_open(example: Built) -> None:
    index = (example.out / "index.html").read_text()
    row = index[index.index('href="tomas/'):]
    row = row[:row.index("</tr>")] if "</tr>" in row else row
    before = index[:index.index('href="tomas/')]
    tomas = before[before.rindex("<tr"):] + row
    assert "1 verdict sealed: the status may change once opened" in tomas
