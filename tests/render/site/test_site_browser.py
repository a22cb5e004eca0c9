"""The example handbook in Debian's Chromium: what an employee does, and every link."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.helpers import edit
from tests.render.site.browser import Watched, serve
from tests.render.site.conftest import build
from tests.render.site.crawl import broken_links

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def h1(page) -> str:  # type: ignore[no-untyped-def]
    """The page heading without its permalink sign."""
    return page.locator("h1").first.inner_text().rstrip("¶").strip()


def test_employee_finds_their_next_step_a_competency_and_a_milestone(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(browser)
    page = watched.page
    page.goto(example_url + "/")
    page.wait_for_url(re.compile(r"/2026\.2/$"))
    assert h1(page) == "Kittiwake Logistics Career Handbook"
    assert page.locator(".md-version__current").inner_text() == "2026.2"  # versions.json was read

    # Two clicks: the tracks tab, then a track; then the next step from the ladder.
    page.get_by_role("link", name="Tracks", exact=True).first.click()
    page.locator("article").get_by_role("link", name="Software engineering").first.click()
    page.wait_for_url(re.compile(r"/tracks/engineering/$"))
    assert h1(page) == "Software engineering"
    assert page.locator("svg.hb-chart title").first.text_content() == "How expectations grow in Software engineering"

    # A milestone's competency link leads to the competency, which links back to the milestone.
    milestone = page.locator("#lead-improvement-pilot")
    assert milestone.inner_text().startswith("Lead a 90-day improvement pilot")
    card = page.locator("details.hb-milestone", has=milestone)
    assert not card.locator("dl.hb-facts").is_visible()  # a card opens on demand
    milestone.click()
    card.locator("dl.hb-facts").get_by_role("link", name="Ownership and accountability").click()
    page.wait_for_url(re.compile(r"/competencies/ownership/#level-L3$"))
    assert h1(page) == "Ownership and accountability"
    page.locator("article").get_by_role("link", name="Lead a 90-day improvement pilot").click()
    page.wait_for_url(re.compile(r"/tracks/engineering/#lead-improvement-pilot$"))
    assert card.locator("dl.hb-facts").is_visible()  # the link opened the card

    # The step from L2 to L3, from the ladder.
    page.get_by_role("link", name="from L2 to L3").click()
    page.wait_for_url(re.compile(r"/tracks/engineering/L2-to-L3/$"))
    assert page.locator("#new-milestones").is_visible()
    assert watched.problems == [] and watched.dialogs == []


def test_search_finds_a_milestone_by_its_title(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(browser)
    page = watched.page
    page.goto(example_url + "/2026.2/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("90-day improvement pilot", delay=20)
    title = page.get_by_role("heading", name="Lead a 90-day improvement pilot", exact=True)
    result = page.locator("a.md-search-result__link", has=title)
    result.wait_for(timeout=15000)
    target = re.compile(r"/2026\.2/tracks/engineering/(\?h=[^#]*)?#lead-improvement-pilot$")
    assert target.search(result.get_attribute("href") or "")
    result.click()
    page.wait_for_url(target)
    assert page.locator("#lead-improvement-pilot").is_visible()
    assert watched.problems == []


def test_a_single_page_prints_without_navigation(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    page = Watched(browser).page
    page.goto(example_url + "/2026.2/tracks/engineering/")
    assert page.locator(".md-sidebar--primary").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".hb-print-button"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("#lead-improvement-pilot").is_visible()
    assert page.locator(".hb-chart-data table").is_visible()  # the chart's table prints, unfolded


def test_pdf_is_linked_and_served(browser, example_url: str) -> None:  # type: ignore[no-untyped-def]
    page = Watched(browser).page
    page.goto(example_url + "/2026.2/")
    href = page.locator(".hb-version a").get_attribute("href")
    response = page.request.get(f"{example_url}/2026.2/{href}")
    assert response.status == 200 and response.body().startswith(b"%PDF-")


def test_no_broken_internal_links(example_site: Path) -> None:
    assert (example_site / "2026.2" / "handbook.pdf").is_file()
    assert broken_links(example_site) == []


def test_crawler_reports_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b/">b</a><a href="#here">h</a><p id="x"></p>'
                                                '<a href="../a/#x">ok</a>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/", "a/index.html: #here"]


def test_nothing_from_portfolios_in_the_example_site(example_site: Path) -> None:
    titles = [line.split(":", 1)[1].strip().encode() for entry in (PROJECT_ROOT / "portfolios").rglob("*.md")
              for line in entry.read_text().splitlines() if line.startswith("title:")]
    names = [line.split(":", 1)[1].strip().encode() for profile in (PROJECT_ROOT / "portfolios").rglob("profile.yml")
             for line in profile.read_text().splitlines() if line.startswith("name:")]
    public = b"\n".join(path.read_bytes() for path in (PROJECT_ROOT / "content").rglob("*") if path.is_file())
    private = [t for t in titles + names if t not in public]  # an entry may reuse a public example's words
    assert len(private) > 10
    for path in example_site.rglob("*"):
        if path.is_file() and path.suffix != ".pdf":
            data = path.read_bytes()
            assert not [t for t in private if t in data], path


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.render.site.test_site_build import HOSTILE

    root = tmp_path_factory.mktemp("hostile") / "handbook"
    shutil.copytree(FIXTURES / "site", root)
    for name, edits in HOSTILE.items():
        for old, new in edits:
            edit(root / name, old, new)
    build(root, pdf=False)
    yield from serve(root / "site")


def test_hostile_content_runs_no_script_in_the_browser(browser, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(browser)
    page = watched.page
    for path in ("/3.1/tracks/engineering/", "/3.1/tracks/engineering/L1-to-L2/", "/3.1/competencies/testing/"):
        page.goto(hostile_url + path)
        page.mouse.move(300, 300)
    page.locator("input.md-search__input").press_sequentially("Eng", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)
    assert watched.dialogs == []
