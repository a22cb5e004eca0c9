"""The printable handbook: our own print templates rendered to PDF by WeasyPrint."""

from __future__ import annotations

import logging
import re
from multiprocessing import get_context
from pathlib import Path

from markupsafe import Markup

from generator.render.markdown import render_markdown
from generator.render.site.charts import build_track_chart, describe_cadence, render_cadence, render_track_chart
from generator.render.site.pages import SiteData, render_glossary, site_name
from generator.render.site.theme import print_env
from generator.write.atomic import write_bytes


def render_print_html(data: SiteData) -> str:
    """The whole handbook as one HTML document for print (styles inlined, no external files)."""
    env = print_env(data.project.root)
    charts = {t.id: render_track_chart(t, build_track_chart(data.framework, t, data.track_competencies(t)),
                                       f"pchart-{t.id}") for t in data.tracks}
    pages = [(p, p.text) for p in data.free_pages]
    return env.get_template("handbook.html.j2").render(
        data=data, framework=data.framework, site_name=site_name(data.project), charts=charts,
        cadence=render_cadence, cadence_text=describe_cadence,
        pages=pages, language=data.project.config.language, glossary=_glossary(data))


def _glossary(data: SiteData) -> Markup:
    """The site's glossary page, with its links to other pages reduced to their text."""
    html = str(render_markdown(render_glossary(data), untrusted=False))
    return Markup(re.sub(r'<a href="(?!#)[^"]*"[^>]*>(.*?)</a>', r"\1", html))


def confined_fetcher():  # type: ignore[no-untyped-def]
    """WeasyPrint may read nothing but inline data: URLs; the document carries everything else."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


def render_pdf(html: str, out: Path) -> Path:
    """Lay out the print HTML and write the PDF atomically."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url="about:blank", url_fetcher=confined_fetcher())
    # Tagged (PDF/UA-1): a structure tree, the title and the language, for screen readers.
    return write_bytes(out, document.write_pdf(pdf_variant="pdf/ua-1"))


def _render_in_child(html: str, out: Path, error: Path) -> None:
    try:
        render_pdf(html, out)
    except Exception as exc:  # reported by the parent, which owns the error handling
        error.write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
        raise SystemExit(1) from exc


class PdfJob:
    """The PDF rendered in a second process while MkDocs builds in this one."""

    def __init__(self, html: str, out: Path) -> None:
        self.out, self.error = out, out.with_suffix(".error")
        self.process = get_context("forkserver").Process(target=_render_in_child, args=(html, out, self.error),
                                                         daemon=True)
        self.process.start()

    def wait(self) -> Path:
        self.process.join()
        if self.process.exitcode != 0:
            reason = self.error.read_text(encoding="utf-8") if self.error.is_file() else "it stopped"
            raise RuntimeError(f"rendering handbook.pdf failed: {reason}")
        return self.out

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
