"""The outside checkers over the built example: Nu HTML Checker, axe-core, overflow, pdfinfo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.audit.conftest import PAGE_TYPES, page_path
from tests.audit.pages import half_blank_pages
from tests.audit.tools import axe_violations, horizontal_overflow, nu_errors, pdf_info

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def test_every_generated_page_passes_the_nu_checker(example_build: Path) -> None:
    pages = sorted((example_build / "site").rglob("*.html")) + sorted((example_build / "build").rglob("*.html"))
    assert len(pages) > 40
    assert nu_errors(pages) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_axe_violation_nor_sideways_scroll(browser, example_build: Path, example_url: str,  # type: ignore[no-untyped-def]
                                                      width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  bypass_csp=True)  # lets axe in; the pages' own policy is tested elsewhere
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for kind in PAGE_TYPES:
            page.goto(f"{example_url}/{page_path(example_build, kind)}")
            page.wait_for_load_state("load")
            problems = axe_violations(page)
            if width <= 390 and (overflow := horizontal_overflow(page)):
                problems.append(f"{overflow} px wider than the {width} px screen")
            if problems:
                found[kind] = problems
    finally:
        context.close()
    assert found == {}


def test_every_pdf_is_tagged_titled_and_has_no_stray_blank_page(example_build: Path) -> None:
    pdfs = sorted(example_build.rglob("*.pdf"))
    assert len(pdfs) >= 2
    untagged = {p.name: info for p in pdfs if (info := pdf_info(p)).get("Tagged") != "yes" or not info.get("Title")}
    assert untagged == {}
    blank = {p.name: pages for p in pdfs if (pages := half_blank_pages(p, depth=1 if p.name == "handbook.pdf" else 2))}
    assert blank == {}
