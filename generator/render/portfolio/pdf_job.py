"""One portfolio PDF as a picklable job, and its result: plain data, no WeasyPrint."""

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
    max_pages: int = 0        # 0: no budget (report pages)
    max_seconds: float = 0.0


@dataclass
class PdfResult:
    target: Path
    refused: list[str] = field(default_factory=list)
