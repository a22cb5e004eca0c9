"""The bundled example's portfolios: each person's page one and PDF show their intended status."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from generator.assess.portfolio import assess_portfolio
from tests.render.portfolio.conftest import Built, build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent.parent.parent
INTENDED = {"amara": "ready", "tomas": "on_track", "mei": "not_yet", "jonah": "ready", "farah": "not_yet",
            "kenji": "on_track"}
HEADLINES = {"ready": "Ready for", "on_track": "On track for", "not_yet": "Not yet ready for"}


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
    assert HEADLINES[INTENDED[person]] in first
    assert "evidence map" in first.lower() and "what is missing" in first.lower()
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
    assert "<li>6 of 10 competencies evidenced; ready needs all of them, on track 50\u00a0%.</li>" in kenji
    assert "milestones met or waived" not in kenji
    row = kenji[kenji.index('<tr id="competency-capacity-planning">'):]
    row = row[:row.index("</tr>")]
    assert '<span class="status status-evidenced">evidenced</span>' in row
    assert "<code>" not in row and "peak-forecast" not in row  # behaviours by their text, not their ids
    assert '<a href="#entry-2026-06-20-peak-season-capacity-plan">' in row
    assert ('Competencies not yet evidenced: <a href="#competency-cross-team-collaboration">'
            'Cross-team collaboration</a> (claimed, not confirmed)') in kenji
    steps = kenji[kenji.index('id="next-steps"'):]
    steps = steps[:steps.index("</section>")]
    assert "Nothing left" not in steps and "Ask your manager, mentor or sponsor" in steps
    assert re.search(r'<a href="#competency-capacity-planning">Capacity planning: [^<]+</a>', kenji)
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
    assert "<li>Evidence on 4 separate days: 3 so far</li>" in html
    assert "<li>A committee member&#39;s feedback</li>" in html
    assert "<li>Share of tier-1 services with SLOs ≥\u00a080\u00a0%: measured 62\u00a0% (self-reported)</li>" in html
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


class VisibleText(HTMLParser):
    """The text a reader sees in a page: no head, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "script", "style", "svg"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value and not self.hidden:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style", "svg"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


# What a code looks like to a reader: a missing-evidence code, a snake_case metric or status id, a
# bare code word standing for a whole cell or listed with others, or the counts that read as codes.
CODE_WORDS = r"(?:criterion|entries|occurrences|spread|feedback:[a-z]+)"
CODE_PATTERNS = [re.compile(p) for p in (
    r"feedback:", r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", rf"^{CODE_WORDS}$", rf"\b{CODE_WORDS}\s*[,;]\s*{CODE_WORDS}\b",
    r"\d+ entries \(\d+ needed\)", r"[Nn]eeds \d+ occasions?, has \d+", r"\b\d+[dwmy]\b")]


def code_like(texts: list[str]) -> list[str]:
    return [text for text in texts if any(pattern.search(text) for pattern in CODE_PATTERNS)]


@pytest.mark.parametrize("person", sorted(INTENDED))
def test_no_visible_text_reads_as_a_code(example: Built, person: str) -> None:
    page = VisibleText()
    page.feed(example.html(person))
    assert page.parts and code_like(page.parts) == []
    pdf = PdfReader(example.out / person / f"{person}.pdf")
    lines = [line.strip() for p in pdf.pages for line in p.extract_text().splitlines() if line.strip()]
    assert lines and code_like(lines) == []


def test_the_code_patterns_catch_what_a_reader_should_not_see() -> None:
    assert code_like(["feedback:peer", "tier1_slo_coverage_pct >= 80", "criterion", "entries, criterion",
                      "3 entries (2 needed)", "Needs 4 occasions, has 3", "older than 365d"]) == [
        "feedback:peer", "tier1_slo_coverage_pct >= 80", "criterion", "entries, criterion", "3 entries (2 needed)",
        "Needs 4 occasions, has 3", "older than 365d"]
    assert code_like(["3 pieces of evidence (2 required)", "Evidence on 4 separate days: 3 so far",
                      "A peer's feedback", "13 portfolio entries and 4 feedback items"]) == []


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "caption"}


def laid_out(box: boxes.Box, tags: frozenset[str], found: list[tuple[frozenset[str], boxes.Box]]) -> None:
    """Each line and table row of a page in reading order, with the tags of the elements around it."""
    tag = getattr(box, "element_tag", None)
    here = tags | {tag} if tag else tags
    if isinstance(box, boxes.LineBox):
        found.append((here, box))
        return
    if isinstance(box, boxes.TableRowBox):
        found.append((here | {"row"}, box))
    for child in getattr(box, "children", []):
        laid_out(child, here, found)


@pytest.mark.parametrize("person", sorted(INTENDED))
def test_pdf_leaves_no_heading_alone_at_a_page_foot_nor_splits_a_table_row(example: Built, person: str) -> None:
    document = HTML(filename=example.out / person / "index.html").render()
    alone, rows = [], {}
    for number, page in enumerate(document.pages, 1):
        found: list[tuple[frozenset[str], boxes.Box]] = []
        for child in page._page_box.children:
            if not isinstance(child, boxes.MarginBox):  # the running heads
                laid_out(child, frozenset(), found)
        lines = [(tags, box) for tags, box in found if "row" not in tags]
        if number < len(document.pages) and lines[-1][0] & HEADINGS:
            alone.append(number)
        for tags, box in found:
            if "row" in tags and "thead" not in tags:  # a header row repeats on each page by design
                rows.setdefault(id(box.element), set()).add(number)
    assert alone == []
    assert [pages for pages in rows.values() if len(pages) > 1] == []


@pytest.mark.parametrize("person", sorted(INTENDED))
def test_every_pdf_page_after_the_first_has_the_running_heads(example: Built, person: str) -> None:
    portfolio = example.project.portfolio(person)
    assert portfolio is not None
    track = example.project.track(portfolio.profile.track)
    target = track.level(portfolio.profile.target) if track else None
    assert target is not None
    pages = PdfReader(example.out / person / f"{person}.pdf").pages
    for number, page in enumerate(pages, 1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert f"Page {number} of {len(pages)}" in text
        if number > 1:
            assert f"{portfolio.profile.name} · {target.title} ({target.level})" in text
            assert "Readiness portfolio · as of 2026-11-01" in text


def test_a_link_from_page_one_opens_the_folded_part_it_names(example: Built, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((example.out / "farah/index.html").as_uri())
        met = page.locator("details.milestone", has=page.locator("#milestone-engineering-architecture-direction"))
        assert met.evaluate("d => d.open") is False  # met milestones start folded, open ones unfolded
        assert page.locator("details.milestone[open]").count() == 2
        page.locator(".evidence-map").get_by_role("link", name="Set a multi-year architecture direction").click()
        assert met.evaluate("d => d.open") is True
        page.locator(".evidence-map").get_by_role("link", name="Code craft").click()
        assert page.locator("#competency-code-craft").is_visible()
    finally:
        page.close()
