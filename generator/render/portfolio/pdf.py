"""Portfolio PDFs with WeasyPrint, reading resources only through one confined fetcher."""

from __future__ import annotations

import logging
import mimetypes
import os
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from generator.render.portfolio.links import THEME_PREFIX, confined
from generator.render.portfolio.pdf_job import PDF_OPTIONS, PdfJob, PdfResult
from generator.write.workers import OverBudget, time_budget

__all__ = ["PDF_OPTIONS", "PdfJob", "PdfResult", "render", "ConfinedFetcher"]

def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """pydyf's `page_references`, built again only when a page was added since it was last asked for."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references"] = cached
    return cached[1]


# pydyf builds the tuple of every page's reference each time one is asked for, and WeasyPrint asks
# once per tag and link of a tagged PDF: quadratic in the pages (a third of writing a 300-page
# portfolio). The same references, built once.
PYDYF_PAGE_REFERENCES = pydyf.PDF.__dict__.get("page_references")
if isinstance(PYDYF_PAGE_REFERENCES, property):
    pydyf.PDF.page_references = property(_page_references)

# Pages are rendered as if they lived here, wherever the build is: see `render`.
VIRTUAL_ROOT = Path("/portfolios")


class RefusedResource(ValueError):
    """A resource outside the person's folder and the theme; WeasyPrint skips it."""


class ConfinedFetcher(URLFetcher):
    """Serves files of the page's folder from the person's own folder, `_theme/` from the theme; nothing else.

    The page lives at `page_dir/index.html`. A URL `page_dir/<rel>` is read as `person/<rel>`
    when that resolves (symlinks followed) inside the person's folder; `page_dir/_theme/<rel>`
    is read from the first theme folder holding it. Every other URL is refused: other schemes,
    other folders, other people's files, absolute paths, the network.
    """

    def __init__(self, page_dir: Path, person: Path | None, themes: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=["file"], allow_redirects=False)
        self.page_dir, self.person, self.themes = page_dir, person, themes
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        if path is None:
            self.refused.append(url)
            raise RefusedResource(f"refused to read {url}: outside the portfolio and its theme")
        self.served.append(url)
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"})

    def resolve(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        local = Path(os.path.normpath(url2pathname(parts.path)))
        if not local.is_relative_to(self.page_dir):
            return None
        rel = PurePosixPath(local.relative_to(self.page_dir).as_posix())
        if rel.parts and rel.parts[0] == THEME_PREFIX:
            inner = PurePosixPath(*rel.parts[1:]).as_posix()
            return next((theme / inner for theme in self.themes if confined(theme, inner)), None)
        if self.person is None:
            return None
        inside = confined(self.person, rel.as_posix())
        return (self.person.resolve() / inside).resolve() if inside else None


def relative_links(document: Document, page_dir: Path) -> None:
    """Links to files beside the page stay relative: no build path in the PDF, and they work beside it."""
    prefix = page_dir.as_uri() + "/"
    for page in document.pages:
        page.links = [(kind, target[len(prefix):] if kind == "external" and target.startswith(prefix) else target,
                       *rest) for kind, target, *rest in page.links]


def render(job: PdfJob) -> PdfResult:
    """Write one PDF; returns where, and the URLs the fetcher refused."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # The page's URL is the same wherever the repository lives: WeasyPrint names images after
    # their URL, so a real build path would make the PDF's bytes depend on it.
    page_dir = VIRTUAL_ROOT / job.page_dir.name
    fetcher = ConfinedFetcher(page_dir, job.person.resolve() if job.person else None, job.themes)
    page = HTML(string=job.html, base_url=(page_dir / "index.html").as_uri(), url_fetcher=fetcher)
    try:
        with time_budget(job.max_seconds):
            document = page.render(**PDF_OPTIONS)
            if job.max_pages and len(document.pages) > job.max_pages:
                raise PdfBudgetExceeded(f"it runs to {len(document.pages)} pages, more than the "
                                        f"{job.max_pages} of portfolio.pdf_page_budget in handbook.yml")
            relative_links(document, page_dir)
            job.target.parent.mkdir(parents=True, exist_ok=True)
            document.write_pdf(job.target, **PDF_OPTIONS)
    except OverBudget:
        raise PdfBudgetExceeded(f"it took more than {job.max_seconds:g} seconds, the "
                                "portfolio.pdf_seconds of handbook.yml") from None
    return PdfResult(job.target, fetcher.refused)


class PdfBudgetExceeded(Exception):
    """One PDF over its budget: that person fails, the others are printed."""
