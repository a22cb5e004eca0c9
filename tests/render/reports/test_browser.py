"""Team views, the programme report and calibration packets in Chromium: under their policy, nothing is
refused (the pages need nothing it forbids) and nothing is loaded from outside their folder."""

from __future__ import annotations

import pytest

from tests.render.site.browser import Watched, serve

pytestmark = [pytest.mark.browser]
# Chromium asks the server for /favicon.ico on its own; the 404 shows only as a console line, while
# every request of the page itself is recorded by URL (status, failure or a CSP refusal).
FAVICON = "console: Failed to load resource: the server responded with a status of 404 (File not found)"


def _page_problems(watched: Watched) -> list[str]:
    return [p for p in watched.problems if p != FAVICON]


@pytest.mark.parametrize("fixture", ["reports", "packets"])
def test_private_pages_load_cleanly_under_their_policy(fixture: str, request: pytest.FixtureRequest,
                                                       browser) -> None:  # type: ignore[no-untyped-def]
    built = request.getfixturevalue(fixture)
    build = built.project.root / "build"
    pages = [p.relative_to(build).as_posix() for p in sorted(build.rglob("index.html"))
             if "site" not in p.relative_to(build).parts]
    assert len(pages) > 3
    watched = Watched(browser)
    loaded: list[str] = []
    watched.page.on("requestfinished", lambda r: loaded.append(r.url))
    try:
        for base in serve(build):
            for rel in pages:
                watched.page.goto(f"{base}/{rel}")
                watched.page.wait_for_load_state("load")
                sheets = watched.page.evaluate("document.styleSheets.length")
                assert sheets >= 1, rel  # the theme's stylesheet is allowed and applied
            assert all(url.startswith(base) for url in loaded), loaded
    finally:
        watched.page.close()
    assert _page_problems(watched) == [] and watched.dialogs == []


def test_the_packet_index_sorts_and_filters_under_its_policy(packets, browser) -> None:  # type: ignore[no-untyped-def]
    build = packets.project.root / "build"
    watched = Watched(browser)
    try:
        for base in serve(build):
            watched.page.goto(f"{base}/calibration/index.html")
            assert watched.page.locator("#index-filters").is_visible()  # shown by index.js: it ran
            watched.page.locator("th[data-sort=number]").first.click()
            assert watched.page.locator("th[aria-sort=ascending]").count() == 1
    finally:
        watched.page.close()
    assert _page_problems(watched) == [] and watched.dialogs == []
