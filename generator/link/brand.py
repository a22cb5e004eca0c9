"""The brand's files: inside the handbook repository, real files of a kind every output can show."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Literal

from generator.model.brand import FAVICON_SUFFIXES, IMAGE_SUFFIXES
from generator.model.config import HandbookConfig
from generator.problems import Problems
from generator.read.files import stays_inside

CONFIG = "handbook.yml"
BrandFile = Literal["logo", "favicon"]
BRAND_FILES: tuple[BrandFile, ...] = ("logo", "favicon")
MAX_BYTES = 1_000_000  # the logo is copied beside every portfolio and inlined in every PDF
SUFFIXES: dict[BrandFile, tuple[str, ...]] = {"logo": IMAGE_SUFFIXES, "favicon": FAVICON_SUFFIXES}


def brand_path(root: Path, config: HandbookConfig, key: BrandFile) -> Path | None:
    """The brand file `key` names, when it is one the outputs may read."""
    value = getattr(config.brand, key)
    if value is None or _refusal(root, value, key) is not None:
        return None
    return root / value


def _refusal(root: Path, value: str, key: BrandFile) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for a brand path, or None when it is fine."""
    written = PurePosixPath(value.replace("\\", "/"))
    if written.is_absolute() or ".." in written.parts or not value.strip():
        return (f"'{value[:200]}' is not a path inside the handbook repository",
                f"put the file in the repository and write its path from the repository's root, like brand/{key}.png")
    path = root / written
    if not stays_inside(path, root):
        return (f"'{value[:200]}' is a link that leads outside the handbook repository",
                "replace the link with the file itself, inside the repository")
    if path.suffix.lower() not in SUFFIXES[key]:
        kinds = ", ".join(s[1:] for s in SUFFIXES[key])
        return f"'{value[:200]}' is not an image the outputs can show", f"use a file ending in one of {kinds}"
    if not path.is_file():
        return f"'{value[:200]}' is not a file", "check the path, written from the repository's root"
    if path.stat().st_size > MAX_BYTES:
        return (f"'{value[:200]}' is larger than {MAX_BYTES // 1_000_000} MB, and every page and PDF carries it",
                "use a smaller image, such as an SVG or a PNG a few hundred pixels wide")
    return None


def check_brand(root: Path, config: HandbookConfig, problems: Problems) -> None:
    """Report each brand file the outputs may not read, at its place in handbook.yml."""
    for key in BRAND_FILES:
        value = getattr(config.brand, key)
        if value is not None and (refusal := _refusal(root, value, key)) is not None:
            path = config.path if config.path != "<memory>" else CONFIG
            problems.add(path, config.pos("brand", key), "brand-file", f"{key}: {refusal[0]}", refusal[1])
