"""The example handbook laid out in Debian's Chromium, at a desktop's 1280 px and a phone's 390 px, and on paper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import run_cli
from tests.render.site.browser import Watched, serve
from tests.render.site.pdf_layout import baselines, stranded_headings
from tests.versioned_repo import make_versioned_repo

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PAGES = ["", "tracks/engineering/L2-to-L3/", "tracks/engineering/matrix/", "matrix/technical/",
         "competencies/code-craft/", "tracks/engineering/self-assessment/"]
# How far a page or a box reaches past its width: what a reader would have to scroll sideways to see.
OVERFLOW = "(e) => e.scrollWidth - e.clientWidth"


@pytest.fixture(scope="module")
def released_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with a changelog: release 1.1 of the three-release repository."""
    repo = make_versioned_repo(tmp_path_factory.mktemp("changelog") / "handbook")
    result = run_cli("build", "--root", repo, "--all-versions", "--no-portfolios", "--no-pdf")
    assert result.exit_code == 0, result.output
    yield from serve(repo / "site")


def page_overflow(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def test_the_matrix_shows_every_level_at_1280_px_without_scrolling_sideways(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=DESKTOP)
    for path in ("tracks/engineering/matrix/", "matrix/technical/"):
        page.goto(f"{example_url}/2026.2/{path}")
        boxes = page.locator(".hb-matrix .md-typeset__scrollwrap")
        assert boxes.count() >= 1
        assert [box.evaluate(OVERFLOW) for box in boxes.all()] == [0] * boxes.count(), path
        assert page_overflow(page) == 0
        last = page.locator(".hb-matrix th").last.bounding_box()
        assert last is not None and last["x"] + last["width"] <= DESKTOP["width"], path
        assert page.locator(".hb-matrix th").last.inner_text().startswith("L5")


def test_no_page_overflows_a_phone_and_the_matrix_scrolls_inside_its_box(  # type: ignore[no-untyped-def]
        browser, example_url: str, released_url: str) -> None:
    watched = Watched(browser)
    page = watched.page
    page.set_viewport_size(PHONE)
    for url in [f"{example_url}/2026.2/{path}" for path in PAGES] + [f"{released_url}/1.1/changes/"]:
        page.goto(url)
        assert page_overflow(page) == 0, url
    page.goto(f"{example_url}/2026.2/tracks/engineering/matrix/")
    widths = [box.evaluate(OVERFLOW) for box in page.locator(".hb-matrix .md-typeset__scrollwrap").all()]
    assert max(widths) > 0  # too wide for a phone: it scrolls, inside its own box
    first = page.locator(".hb-matrix td:first-child").first
    before = first.bounding_box()
    scrolled = page.locator(".hb-matrix .md-typeset__scrollwrap").first.evaluate(
        "(e) => { e.scrollLeft = 400; return e.scrollLeft; }")
    after = first.bounding_box()
    assert scrolled > 0 and before and after
    assert abs(after["x"] - before["x"]) <= 1  # the competency column stays in view (its border aside)


def test_the_home_page_routes_each_reader_within_the_first_screen(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{example_url}/2026.2/")
    routes = page.locator("nav.hb-routes h2")
    assert routes.all_inner_texts() == ["What my level expects", "Working towards a level", "Growing a team",
                                        "Deciding on readiness"]
    for card in page.locator("nav.hb-routes .hb-route").all():
        box = card.bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"]
    assert page.locator("#next-step").bounding_box()["y"] < DESKTOP["height"]  # the table starts on screen too
    about = page.locator("#about").bounding_box()
    assert about is not None and about["y"] > DESKTOP["height"]  # the framework's text comes after
    page.get_by_role("link", name="Software engineering", exact=True).first.click()
    page.wait_for_url(re.compile(r"/tracks/engineering/self-assessment/$"))


def test_the_self_assessment_result_stays_in_view_while_ticking(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    for viewport in (DESKTOP, PHONE):
        watched = Watched(browser)
        page = watched.page
        page.set_viewport_size(viewport)
        page.goto(f"{example_url}/2026.2/tracks/engineering/self-assessment/")
        boxes = page.locator(".hb-sa-competency input[type=checkbox]:visible")
        boxes.last.check()  # far down the page, below most of the checkboxes
        assert page.evaluate("scrollY") > viewport["height"]
        summary = page.locator(".hb-sa-sticky")
        assert summary.is_visible()
        box = summary.bounding_box()
        assert box is not None and 0 <= box["y"] < viewport["height"] / 4  # at the top of the screen
        expected = page.locator("#sa-summary").inner_text()
        assert page.locator("#sa-progress").inner_text() == expected
        assert re.fullmatch(r"You show 1 of the \d+ behaviours L2 \(Software engineer\) expects; .*", expected)
        assert page.locator("#sa-meter").evaluate("(m) => m.value") > 0
        assert watched.problems == []


def test_a_competency_pages_labels_are_not_links(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{example_url}/2026.2/competencies/code-craft/")
    label = page.locator("article p.hb-change", has_text="Behaviours").first
    assert label.is_visible() and label.locator("a").count() == 0
    link_colour = page.locator("article a[href*='glossary']").first.evaluate("(e) => getComputedStyle(e).color")
    assert label.evaluate("(e) => getComputedStyle(e).color") != link_colour
    assert label.evaluate("(e) => getComputedStyle(e).textDecorationLine") == "none"


def test_the_printed_handbook_leaves_no_heading_alone_and_keeps_its_running_heads(example_site: Path) -> None:
    for pdf in (example_site / "2026.2/handbook.pdf", example_site / "2026.2/pdf/engineering.pdf"):
        assert stranded_headings(pdf) == [], pdf
    reader = PdfReader(example_site / "2026.2/handbook.pdf")
    heads: list[str] = []
    for number in range(1, len(reader.pages)):
        top = max(baselines(reader, number))
        texts: list[str] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  top: float = top, texts: list[str] = texts) -> None:
            if text.strip() and round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 0) == top:
                texts.append(text.strip())

        reader.pages[number].extract_text(visitor_text=visit)
        heads.append(texts[0] if texts else "")
    assert set(heads) == {"Kittiwake Logistics Career Handbook"}  # every page after the cover names the handbook
