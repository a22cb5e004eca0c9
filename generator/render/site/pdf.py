"""The printable handbook: our own print templates rendered to PDF by WeasyPrint."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.link.competencies import ResolvedCompetency
from generator.model.track import Track
from generator.render.brand import brand_root_css, data_url
from generator.render.markdown import render_markdown
from generator.render.sandbox import render_template
from generator.render.site import paths
from generator.render.site.charts import build_track_chart, describe_cadence, render_cadence, render_track_chart
from generator.render.site.pages import SiteData, render_glossary, site_name
from generator.render.site.theme import print_env
from generator.render.site.words import criterion_rule
from generator.write.atomic import write_bytes
from generator.write.workers import die_with_parent


def render_print_html(data: SiteData, title: str | None = None) -> str:
    """The whole handbook as one HTML document for print (styles inlined, no external files)."""
    env = print_env(data.project.framework_dir)
    charts = {t.id: render_track_chart(t, build_track_chart(data.framework, t, data.track_competencies(t)),
                                       f"pchart-{t.id}") for t in data.tracks}
    pages = [(p, p.text) for p in data.free_pages]
    return render_template(
        env, "handbook.html.j2",
        data=data, framework=data.framework, site_name=title or site_name(data.project), charts=charts,
        cadence=render_cadence, cadence_text=describe_cadence, rule=criterion_rule,
        pages=pages, language=data.project.config.language, glossary=_glossary(data),
        logo=data_url(data.project.root, data.project.config, "logo"), brand_css=brand_root_css(data.project.config))


@dataclass
class TrackPrintData(SiteData):
    """The handbook narrowed to one track: its ladder, its competencies, its steps."""

    only: Track | None = None

    @property
    def tracks(self) -> list[Track]:
        return [self.only] if self.only else []

    @property
    def competencies(self) -> list[ResolvedCompetency]:
        return self.track_competencies(self.only) if self.only else []


def print_documents(data: SiteData) -> dict[str, str]:
    """Every print document by its file in the site: the whole handbook, and one per track (what an employee prints)."""
    documents = {paths.PDF_NAME: render_print_html(data)}
    base = {f.name: getattr(data, f.name) for f in fields(data)}
    for track in data.tracks:
        # only this track's milestones are listed under each competency
        base["uses"] = {cid: [u for u in uses if u.track is track] for cid, uses in data.uses.items()}
        narrowed = TrackPrintData(**base, only=track)
        documents[paths.track_pdf(track.id)] = render_print_html(narrowed, f"{site_name(data.project)}: {track.name}")
    return documents


def _glossary(data: SiteData) -> Markup:
    """The site's glossary page, with its links to other pages reduced to their text."""
    html = str(render_markdown(render_glossary(data), untrusted=False))
    # Text gets no attribute lists; the glossary template's own `{ #id }` headings become anchors here.
    html = re.sub(r"<h([1-6])>(.*?) \{ #([a-z0-9-]+) \}</h\1>", r'<h\1 id="\3">\2</h\1>', html)
    return Markup(re.sub(r'<a href="(?!#)[^"]*"[^>]*>(.*?)</a>', r"\1", html))


def confined_fetcher() -> Any:  # a weasyprint URLFetcher, imported late (it loads Pango)
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


def _render_batch(batch: list[tuple[str, Path]], error: Path) -> None:
    die_with_parent()  # the forkserver is the parent: it ends when the build does
    try:
        for html, out in batch:
            render_pdf(html, out)
    except Exception as exc:  # reported by the parent, which owns the error handling
        error.write_text(f"{out.name}: {type(exc).__name__}: {exc}", encoding="utf-8")
        raise SystemExit(1) from exc


def balance(documents: list[tuple[str, Path]], workers: int) -> list[list[tuple[str, Path]]]:
    """Largest first, each to the least loaded worker, the HTML's length standing for its cost.

    The whole handbook is about as long as all the tracks together, so with two workers one
    renders it while the other renders every track.
    """
    batches: list[list[tuple[str, Path]]] = [[] for _ in range(max(1, workers))]
    loads = [0] * len(batches)
    for document in sorted(documents, key=lambda d: len(d[0]), reverse=True):
        lightest = loads.index(min(loads))
        batches[lightest].append(document)
        loads[lightest] += len(document[0])
    return batches


class PdfJob:
    """Print documents rendered in worker processes while MkDocs builds in this one.

    `workers` processes share the documents, each importing WeasyPrint itself; `cancel` stops
    them all when the build fails.
    """

    def __init__(self, documents: list[tuple[str, Path]], workers: int = 1) -> None:
        batches = balance(documents, workers)
        context = get_context("forkserver")
        self.processes = []
        for n, batch in enumerate(b for b in batches if b):
            error = batch[0][1].parent / f".pdf-worker-{n}.error"
            process = context.Process(target=_render_batch, args=(batch, error), daemon=True)
            process.start()
            self.processes.append((process, error))

    def wait(self) -> None:
        failures = []
        for process, error in self.processes:
            process.join()
            if process.exitcode != 0:
                failures.append(error.read_text(encoding="utf-8") if error.is_file() else "a worker stopped")
        if failures:
            raise RuntimeError("rendering the print PDFs failed: " + "; ".join(failures))

    def cancel(self) -> None:
        for process, _ in self.processes:
            if process.is_alive():
                process.terminate()
        for process, _ in self.processes:
            process.join()
