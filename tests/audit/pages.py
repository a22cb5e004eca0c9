"""How full each PDF page is, and where its chapters start: to find pages left mostly blank."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader


def filled_share(pdf: Path, dpi: int = 24) -> list[float]:
    """For each page, how far down its content reaches, as a share of the text area (0..1).

    The running footer (page numbers) in the bottom margin is not content.
    """
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        shares = []
        for png in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
            image = Image.open(png).convert("L")
            width, height = image.size
            top, bottom = int(height * 0.06), int(height * 0.92)  # inside the page margins
            last = top
            pixels = image.load()
            for y in range(top, bottom):
                if any(pixels[x, y] < 200 for x in range(0, width, 2)):
                    last = y
            shares.append((last - top) / (bottom - top))
        return shares


def chapter_pages(pdf: Path, depth: int = 1) -> set[int]:
    """0-based pages where an outline entry of at most `depth` levels begins."""
    reader = PdfReader(pdf)
    found: set[int] = set()

    def walk(items: list, level: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif level <= depth:
                found.add(reader.get_destination_page_number(item))

    walk(reader.outline, 1)
    return found


def half_blank_pages(pdf: Path, depth: int = 1) -> list[int]:
    """1-based numbers of pages less than half full that do not end a chapter (nor the document)."""
    shares = filled_share(pdf)
    chapters = chapter_pages(pdf, depth)
    return [n + 1 for n, share in enumerate(shares)
            if share < 0.5 and n + 1 < len(shares) and (n + 1) not in chapters]
