"""One portfolio PDF as a picklable job; WeasyPrint is imported only where a job is rendered.

The build process never imports WeasyPrint for portfolios: the worker processes do, once
each, so a rebuild that renders no PDF does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
# A worker is replaced after this many PDFs, so memory WeasyPrint keeps between documents
# (fonts, images, caches) cannot grow without bound over a thousand people.
TASKS_PER_WORKER = 40


@dataclass
class PdfJob:
    """Everything one PDF needs, picklable for a worker process."""

    html: str
    page_dir: Path
    person: Path
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
