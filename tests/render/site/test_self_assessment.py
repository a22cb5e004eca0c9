"""A track's self-assessment page in Debian's Chromium: tick, radar, gaps, download; nothing sent anywhere."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.helpers import run_cli
from tests.render.site.browser import Watched, serve
from tests.render.site.conftest import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "/3.1/tracks/engineering/self-assessment/"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page as each site engine builds it."""
    root = tmp_path_factory.mktemp("self-assessment") / "site-fixture"
    shutil.copytree(FIXTURES / "site", root)
    with (root / "handbook.yml").open("a") as config:
        config.write(f"site: {{engine: {request.param}}}\n")
    build(root, pdf=False)
    yield from serve(root / "site")


def page_data(page) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(page.locator("#sa-data").text_content())


def test_without_javascript_the_page_is_a_checklist(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert page.get_by_text("Without JavaScript this page is a printable checklist").is_visible()
    assert page.get_by_role("group", name="Testing").is_visible()
    for text in ("Adds unit tests for own changes", "Pairs with new joiners", "Weighs cloud cost in design choices"):
        assert page.get_by_label(text).is_visible()
    assert not page.get_by_label("Target level").is_visible()
    assert not page.get_by_role("button", name="Download a reflection entry").is_visible()
    context.close()


def test_tick_with_the_keyboard_see_radar_and_gaps_download_no_request(  # type: ignore[no-untyped-def]
        browser, site_url: str, tmp_path: Path) -> None:
    watched = Watched(browser.new_context(accept_downloads=True))
    page = watched.page
    requests: list[str] = []
    sent: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("request", lambda r: (r.method != "GET" or r.post_data is not None) and sent.append(r.url))
    page.goto(site_url + PAGE)
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(site_url) for url in requests), requests  # the page loads only its own files
    requests.clear()

    page.get_by_label("Current level").select_option("L1")
    page.get_by_label("Target level").select_option("L2")
    for text in ("Adds unit tests for own changes", "Adds integration tests across services",
                 "Pairs with new joiners"):
        page.get_by_label(text).focus()
        page.keyboard.press("Space")
    assert not page.get_by_label("Weighs cloud cost in design choices").is_visible()  # not expected at L2

    data = page_data(page)
    testing = next(c for c in data["competencies"] if c["id"] == "testing")
    expected = len(testing["expected"]["L2"])
    summary = page.locator("#sa-summary")
    assert summary.get_attribute("role") == "status" and summary.get_attribute("aria-live") == "polite"
    assert summary.inner_text() == (f"You show 3 of the {expected + 1} behaviours L2 (Engineer) expects; "
                                    "gaps in 1 competency.")
    radar = page.locator("#sa-radar")
    assert radar.get_attribute("role") == "img"
    assert radar.locator("text").all_text_contents() == ["Testing", "Mentoring"]
    assert radar.locator("polygon.hb-sa-shown").get_attribute("data-scores") == f"{2 / expected:.2f} 1.00"
    gaps = page.locator("#sa-gaps")
    assert gaps.locator("h4").all_inner_texts() == [f"Testing: {expected - 2} of {expected} to show"]
    assert "Reviews tests of others" in gaps.inner_text()

    assert "current=L1" in page.url and "target=L2" in page.url and "shows=" in page.url
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a reflection entry").click()
    download = info.value
    today = dt.date.today().isoformat()
    assert download.suggested_filename == f"{today}-self-assessment-l2.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith(f'---\ntitle: "Self-assessment against L2 (Engineer)"\ndate: {today}\nkind: reflection\n')
    assert "## Behaviours I show\n\n### Testing\n\n- Adds unit tests for own changes\n" in text
    assert "## Gaps to L2\n\n### Testing\n\n" in text
    # Nothing was sent anywhere: no request but Chromium re-reading the tab's icon when the address
    # changes, and the downloaded file's own blob: URL.
    icon = site_url + "/3.1/assets/images/favicon.png"
    assert [r for r in requests if not r.startswith("blob:") and r != icon] == []
    assert sent == []
    assert watched.problems == []

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "site", repo)
    entry = repo / "portfolios/ada/entries" / download.suggested_filename
    entry.write_text(text, encoding="utf-8")
    result = run_cli("check", "--root", repo, "--format", "json", "--as-of", today)
    assert [p for p in json.loads(result.stdout or "[]") if p["path"].endswith(entry.name)] == []


def test_answers_come_back_from_the_address_and_local_storage(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.get_by_label("Target level").select_option("L3")
    page.get_by_label("Runs a mentoring circle").check()
    shared = page.url
    assert "target=L3" in shared
    other = context.new_page()
    other.goto(site_url + PAGE)  # no address state: local storage
    assert other.get_by_label("Runs a mentoring circle").is_checked()
    assert other.get_by_label("Target level").input_value() == "L3"
    fresh = browser.new_context().new_page()
    fresh.goto(shared)  # another browser: the address alone
    assert fresh.get_by_label("Runs a mentoring circle").is_checked()
    assert fresh.locator("#sa-radar text").all_text_contents() == ["Testing", "Mentoring", "Cost awareness"]
    fresh.context.close()
    context.close()


@pytest.fixture(scope="module")
def families_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("families") / "families"
    shutil.copytree(FIXTURES / "families", root)
    build(root, pdf=False)
    yield from serve(root / "site")


def test_download_links_behaviour_ids_that_check_accepts(  # type: ignore[no-untyped-def]
        browser, families_url: str, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(families_url + "/1.0/tracks/backend/self-assessment/")
    page.get_by_label("Current level").select_option("L2")
    page.get_by_label("Target level").select_option("L3")
    legends = page.locator("fieldset.hb-sa-competency:visible legend").all_inner_texts()
    assert legends == ["Testing (Craft)", "API design (Craft)", "Communication (People)"]  # the track's only
    page.get_by_label("Explains trade-offs in design reviews").check()
    page.get_by_label("Writes unit tests for the code they change").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a reflection entry").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert 'competencies: ["testing", "backend-communication"]\n' in text
    # unit-tests is replaced by test-strategy at L3: the entry names it in words, never as a link
    assert 'behaviours: ["backend-communication/explains-tradeoffs"]\n' in text
    assert "- Writes unit tests for the code they change" in text
    context.close()

    repo = tmp_path / "families"
    shutil.copytree(FIXTURES / "families", repo)
    (repo / "portfolios/ada/entries").mkdir(parents=True)
    (repo / "portfolios/ada/profile.yml").write_text(
        "name: Ada\ntrack: backend\nlevel: L2\ntarget: L3\nsince: 2026-01-15\n", encoding="utf-8")
    (repo / "portfolios/ada/entries" / info.value.suggested_filename).write_text(text, encoding="utf-8")
    result = run_cli("check", "--root", repo, "--format", "json", "--as-of", dt.date.today().isoformat())
    assert [p for p in json.loads(result.stdout or "[]") if p["path"].startswith("portfolios/")] == []
