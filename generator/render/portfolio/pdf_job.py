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


@dataclass
class PdfResult:
    target: Path
    refused: list[str] = field(default_factory=list)
