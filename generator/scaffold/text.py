"""Small writing helpers shared by the scaffolds: slugs, YAML scalars, create-only writes."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import yaml

from generator.problems import UserError, display_path

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 48) -> str:
    """`Led the checkout pilot!` -> `led-the-checkout-pilot`; accents folded, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


def yaml_scalar(value: str) -> str:
    """A string as a YAML scalar: plain when that reads back unchanged, else double-quoted."""
    plain = value == value.strip() and value != "" and "\n" not in value
    if plain:
        try:
            plain = yaml.safe_load(f"k: {value}") == {"k": value} and not value.startswith(("[", "{", "'", '"'))
        except yaml.YAMLError:
            plain = False
    if plain:
        return value
    # JSON strings are valid YAML double-quoted scalars
    return json.dumps(value, ensure_ascii=False)


def create_file(path: Path, text: str, root: Path) -> Path:
    """Write a new file; an existing one is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise UserError(f"{display_path(path, root)} already exists; nothing was written",
                        "choose another title or date, or edit the existing file") from exc
    return path


def write_new_files(target: Path, files: dict[str, str]) -> list[Path]:
    """Write each file under `target` (folders made as needed), never over an existing one."""
    written = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
