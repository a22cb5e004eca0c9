"""Attachments in a real browser: an HTML or SVG file a learner attaches never runs beside the portfolio.

The portfolio is served over HTTP, as a committee's file share or intranet would, so an
attachment that ran would share the portfolio's origin and could read it and send it on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.render.site.browser import serve

pytestmark = [pytest.mark.browser]

STEAL = "fetch('../index.html').then(r => r.text()).then(t => { document.title = 'READ ' + t.length; alert(t); })"
FILES = {
    "attachments/report.html": f"<!DOCTYPE html><html><body><h1>Report</h1><script>{STEAL}</script></body></html>",
    "attachments/chart.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text y="20">CHART'
                              f"</text><script>{STEAL}</script></svg>"),
    "attachments/notes.xhtml": ('<html xmlns="http://www.w3.org/1999/xhtml"><body><script>'
                                f"{STEAL}</script></body></html>"),
    "attachments/page": f"<html><body><script>{STEAL}</script></body></html>",  # no suffix: sniffed as HTML
}
ENTRY = """---
title: Results with attachments
date: 2026-04-10
kind: project
artifacts: [attachments/report.html, attachments/notes.xhtml, attachments/page]
---
The chart: ![the chart](attachments/chart.svg). The [report](attachments/report.html).
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, minimal_source: Path) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("attachments") / "repo"
    shutil.copytree(minimal_source, root)
    for rel, text in FILES.items():
        (root / "portfolios/ada" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "portfolios/ada" / rel).write_text(text, encoding="utf-8")
    (root / "portfolios/ada/entries/2026-04-10-results.md").write_text(ENTRY, encoding="utf-8")
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf")
    assert result.exit_code == 0, result.output
    return root / "build" / "portfolios"


@pytest.fixture(scope="module")
def minimal_source() -> Path:
    return Path(__file__).parent.parent / "fixtures" / "minimal"


def test_active_attachments_are_copied_as_text_and_linked_as_downloads(built: Path) -> None:
    ada = built / "ada"
    copied = sorted(p.relative_to(ada).as_posix() for p in (ada / "attachments").rglob("*"))
    assert copied == ["attachments/chart.svg.txt", "attachments/notes.xhtml.txt", "attachments/page.txt",
                      "attachments/report.html.txt", "attachments/report.txt"]  # the last: Ada's own text file
    html = (ada / "index.html").read_text(encoding="utf-8")
    assert '<a href="attachments/chart.svg.txt" download="chart.svg">the chart</a>' in html
    assert 'href="attachments/report.html.txt" download="report.html"' in html
    assert '<a href="attachments/page.txt" download="page">attachments/page</a> (download)' in html
    assert "<img" not in html.split("Results with attachments", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("rel", ["attachments/report.html.txt", "attachments/chart.svg.txt",
                                 "attachments/notes.xhtml.txt", "attachments/page.txt"])
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_opening_an_attachment_runs_nothing(built: Path, browser, rel: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        if scheme == "http":
            for base in serve(built):
                page.goto(f"{base}/ada/{rel}")
                page.wait_for_timeout(300)  # time for a script to run, were there one
                kind, title, text = page.evaluate("[document.contentType, document.title, document.body.innerText]")
        else:
            page.goto((built / "ada" / rel).as_uri())
            page.wait_for_timeout(300)
            kind, title, text = page.evaluate("[document.contentType, document.title, document.body.innerText]")
    finally:
        page.close()
    assert dialogs == []
    assert kind == "text/plain" and not title.startswith("READ")
    assert "<script>" in text  # shown as its source, never run


def test_following_the_links_from_the_portfolio_runs_nothing(built: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(accept_downloads=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for base in serve(built):
            page.goto(f"{base}/ada/index.html")
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # the folded detail
            for label, name in (("the chart", "chart.svg"), ("report", "report.html")):
                with page.expect_download() as download:
                    page.get_by_role("link", name=label, exact=True).first.click()
                assert download.value.suggested_filename == name
            page.wait_for_timeout(300)
            assert page.url == f"{base}/ada/index.html"
            title = page.title()
    finally:
        page.close()
    assert dialogs == [] and not title.startswith("READ")
