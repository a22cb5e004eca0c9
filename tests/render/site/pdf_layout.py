"""Where headings and lines sit on the pages of a PDF: to find a heading left alone at a page bottom."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

FOOTER_TOP = 50.0  # points from the page bottom: the running foot (page numbers) sits below


@dataclass(frozen=True)
class Heading:
    title: str
    page: int     # 0-based
    top: float    # points from the page bottom


def headings(reader: PdfReader) -> list[Heading]:
    """Every bookmarked heading, with where it starts."""
    found: list[Heading] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif item.top is not None:
                found.append(Heading(str(item.title), reader.get_destination_page_number(item), float(item.top)))

    walk(reader.outline)
    return found


def baselines(reader: PdfReader, page: int) -> list[float]:
    """The distinct baselines of the text lines of a page, in points from its bottom."""
    found: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.add(round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 0))

    reader.pages[page].extract_text(visitor_text=visit)
    return sorted(found)


def stranded_headings(pdf: Path, lines: int = 2) -> list[str]:
    """Headings followed by fewer than `lines` lines of text on their page (none: alone at its bottom).

    A heading's own line is the first baseline below its top; what is under it counts.
    """
    reader = PdfReader(pdf)
    stranded = []
    cache: dict[int, list[float]] = {}
    for heading in headings(reader):
        if heading.page == len(reader.pages) - 1:
            continue
        ys = cache.setdefault(heading.page, baselines(reader, heading.page))
        below = [y for y in ys if FOOTER_TOP < y < heading.top]
        if len(below) - 1 < lines:  # the heading's own baseline is the highest of them
            stranded.append(f"{heading.title} (page {heading.page + 1}: {max(len(below) - 1, 0)} lines under it)")
    return stranded


def split_rows(document: Any) -> list[tuple[int, str]]:
    """Table rows a WeasyPrint document lays out over two pages: (page the row ends on, its first words).

    pypdf cannot tell a row from lines, so this reads the layout the PDF is printed from. Header rows
    repeat on every page on purpose and are left out.
    """
    from weasyprint.formatting_structure.boxes import TableRowGroupBox

    seen: dict[object, int] = {}
    split = []
    for number, laid_out in enumerate(document.pages, 1):
        groups = [box for box in laid_out._page_box.descendants()
                  if isinstance(box, TableRowGroupBox) and not box.is_header]
        for row in (row for group in groups for row in group.children):
            if seen.setdefault(row.element, number) != number:
                split.append((number, " ".join(row.element.itertext()).strip()[:60]))
    return split


def table_rows(document: Any) -> int:
    """How many body rows the document lays out (a check that split_rows saw tables at all)."""
    from weasyprint.formatting_structure.boxes import TableRowGroupBox

    return len({row.element for page in document.pages for box in page._page_box.descendants()
                if isinstance(box, TableRowGroupBox) and not box.is_header for row in box.children})
