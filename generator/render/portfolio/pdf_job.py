"""One portfolio PDF as a picklable job; WeasyPrint is imported only where a job is rendered.

The build process never imports WeasyPrint for portfolios: the worker processes do, once
each, so a rebuild that renders no PDF does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@dataclass
class PdfJob:
    """Everything one PDF needs, picklable for a worker process."""

    html: str
    page_dir: Path
    person: Path | None  # None: a report page, which shows no one's files
    themes: tuple[Path, ...]
    target: Path


@dataclass
class PdfResult:
    target: Path
    refused: list[str] = field(default_factory=list)


def render_pdf(job: PdfJob) -> PdfResult:
    """Write one PDF; returns where, and the URLs the fetcher refused."""
    from generator.render.portfolio.pdf import render

    return render(job)


def import_weasyprint() -> None:
    """Warm a worker up: the import is most of a small PDF's cost."""
    import generator.render.portfolio.pdf  # noqa: F401
