"""A PDF job rendered in a worker process; WeasyPrint is imported only there.

The build process never imports WeasyPrint for portfolios: the worker processes do, once
each, so a rebuild that renders no PDF does not pay for it.
"""

from __future__ import annotations

from generator.render.portfolio.pdf_job import PdfJob, PdfResult


def render_pdf(job: PdfJob) -> PdfResult:
    """Write one PDF; returns where, and the URLs the fetcher refused."""
    from generator.render.portfolio.pdf import render

    return render(job)


def import_weasyprint() -> None:
    """Warm a worker up: the import is most of a small PDF's cost."""
    import generator.render.portfolio.pdf  # noqa: F401
