"""The committee index, team views and programme report as their readers see them, in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.audit.tools import horizontal_overflow
from tests.render.portfolio.conftest import Built
from tests.render.reports.codes import codes_in
from tests.render.site.browser import serve

pytestmark = [pytest.mark.browser]

PAGES = ("portfolios/index.html", "teams/index.html", "teams/david/index.html", "teams/helena/index.html",
         "reports/programme.html")


@pytest.fixture(scope="module")
def site(dashboards: Built) -> Iterator[str]:
    yield from serve(dashboards.project.root / "build")


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(site: str, browser, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        wider = {}
        for rel in PAGES:
            page.goto(f"{site}/{rel}")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the tables too
            if overflow := horizontal_overflow(page):
                wider[rel] = overflow
    finally:
        page.close()
    assert wider == {}


def test_no_code_in_what_a_reader_sees(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        found = {}
        for rel in PAGES:
            page.goto(f"{site}/{rel}")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            text = page.locator("body").inner_text()
            assert len(text) > 200, rel
            if codes := codes_in(text):
                found[rel] = codes
    finally:
        page.close()
    assert found == {}


def test_the_code_check_finds_codes() -> None:
    assert codes_in("needs feedback:peer\tok\n3 of tier1_slo_coverage_pct\ncriterion\tthe pass criterion") == [
        "feedback:", "tier1_slo_coverage_pct", "criterion"]


def test_the_committee_index_counts_by_status_at_the_top(dashboards: Built) -> None:
    index = (dashboards.out / "index.html").read_text(encoding="utf-8")
    figures = index.split('<ul class="figures"')[1].split("</ul>")[0]
    assert re.findall(r"<strong>(\d+)</strong> ([^<]+)</li>", figures) == [
        ("2", "ready"), ("2", "on track"), ("2", "not yet"), ("1", "verdict could not be opened"),
        ("6", "people have feedback that is not verified")]  # the copy is outside git: nothing is verified
    assert index.index('class="figures"') < index.index('id="index-table"')


def test_the_committee_index_filters_by_open_items_and_sorts_by_feedback(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/portfolios/index.html")
        rows = page.locator("#index-table tbody tr:not([hidden])")
        assert rows.count() == 6
        page.get_by_label("Open items").select_option(label="verdicts that could not be opened")
        assert rows.locator("th").all_inner_texts() == ["Tomás Herrera"]
        assert page.locator(".index-count").inner_text() == "1 of 6 people shown"
        page.get_by_label("Open items").select_option(label="feedback that is not verified")
        page.get_by_label("Level").select_option("L3")
        assert rows.locator("th").all_inner_texts() == ["Jonah Abernathy", "Mei Tanaka"]
        assert set(rows.locator("td[data-label=Level]").all_inner_texts()) == {"L3"}
        page.get_by_label("Level").select_option("")
        page.get_by_label("Open items").select_option("")
        feedback = page.locator("thead button", has_text="Feedback")  # its name gains ▲ or ▼ once sorted
        feedback.click()
        feedback.click()  # descending: the most to look into first
        assert page.locator("th[aria-sort=descending]").inner_text() == "Feedback"
        values = [int(v) for v in rows.locator("td[data-label=Feedback]").evaluate_all(
            "cells => cells.map(c => c.dataset.value)")]
        assert values == sorted(values, reverse=True) and values[0] == 8
        assert rows.locator("th").first.inner_text() == "Amara Nwosu"
        page.get_by_role("button", name="Level", exact=True).click()
        assert rows.locator("td[data-label=Level]").all_inner_texts() == ["L1", "L2", "L2", "L3", "L3", "L4"]
        links = rows.first.locator("td[data-label=Portfolio] a")
        assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == ["tomas/index.html"]
    finally:
        page.close()


def test_a_count_above_the_committee_index_filters_by_what_it_counts(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/portfolios/index.html")
        rows = page.locator("#index-table tbody tr:not([hidden])")
        not_yet = page.locator(".figures button", has_text="not yet")
        not_yet.click()
        assert rows.locator(".status").all_inner_texts() == ["not yet", "not yet"]
        assert page.get_by_label("Status").input_value() == "not yet"  # the filters say what is shown
        assert not_yet.get_attribute("aria-pressed") == "true"
        page.locator(".figures button", has_text="could not be opened").click()
        assert rows.count() == 0 and page.locator(".index-count").inner_text() == "0 of 6 people shown"
        not_yet.click()  # pressed again: that filter is lifted, the other stays
        assert rows.locator("th").all_inner_texts() == ["Tomás Herrera"]
        assert not_yet.get_attribute("aria-pressed") == "false"
    finally:
        page.close()


def test_the_committee_index_is_whole_without_javascript(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site}/portfolios/index.html")
        assert page.locator("#index-table tbody tr:visible").count() == 6
        assert not page.locator("#index-filters").is_visible()  # filters need the script: not offered without it
        names = page.locator("#index-table tbody th").all_inner_texts()
        assert names == sorted(names)
        width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
        assert width > 1200  # the whole screen, not a reading column
    finally:
        context.close()


def test_a_one_team_view_fits_one_desktop_screen(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/teams/david/index.html")
        assert page.evaluate("document.documentElement.scrollHeight") <= 900
    finally:
        page.close()


def test_every_chart_label_is_inside_its_chart(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{site}/reports/programme.html")
        outside = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].filter(t => {
                const r = t.getBoundingClientRect();
                return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5;
            }).map(t => svg.classList[1] + ': ' + t.textContent);
        })""")
        assert outside == []
        sizes = page.evaluate("""() => [...document.querySelectorAll('svg.chart text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b))""")
        assert sizes and min(sizes) >= 13  # drawn as large as the text beside them, not shrunk
    finally:
        page.close()
