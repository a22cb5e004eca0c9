"""Hostile portfolio pages in a real browser: nothing runs, nothing is fetched from outside."""

from __future__ import annotations

import pytest

from tests.render.portfolio.conftest import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_hostile_page_runs_nothing_and_loads_only_its_own_files(hostile: Built, browser) -> None:  # type: ignore[no-untyped-def]
    # One Playwright per test process: a second sync_playwright beside the shared one fails.
    page = browser.new_page()
    try:
        dialogs: list[str] = []
        loaded: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        failed: dict[str, str] = {}
        page.on("requestfinished", lambda r: loaded.append(r.url))
        page.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure or ""))
        page.goto((hostile.out / "mallory/index.html").as_uri())
        page.wait_for_load_state("load")
        style = page.evaluate("getComputedStyle(document.body).display")
        images = page.evaluate("Object.fromEntries([...document.images].map(i => [i.alt, i.naturalWidth]))")
    finally:
        page.close()
    assert dialogs == []
    folder = (hostile.out / "mallory").as_uri() + "/"
    assert loaded and all(url.startswith(folder) for url in loaded), loaded
    assert style == "block"  # the planted stylesheet did not hide the page
    assert "own chart" not in images  # an SVG is an inert download, not an image
    assert images["sneaky symlink"] == 0 and images["outside symlink"] == 0
