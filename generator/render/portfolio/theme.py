"""The portfolio theme: the repository's themes/portfolio first, then the packaged default."""

from __future__ import annotations

import datetime as dt
import shutil
from functools import lru_cache
from pathlib import Path

import jinja2

from generator.model.types import duration_words
from generator.render.brand import THEME_CSS, THEME_LOGO, brand_theme
from generator.render.portfolio.links import anchor
from generator.render.sandbox import sandboxed_environment
from generator.render.wording import CONFIRMERS, ROLE_NAMES, competency_label, gap_words, plural

PACKAGED = Path(__file__).resolve().parent.parent.parent / "themes" / "portfolio"
TEMPLATE_SUFFIXES = {".html", ".j2"}
INDEX_ONLY = {"index.js", "index.css"}  # the committee index's own (portfolio pages run no script)


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """Where templates and static files are looked up, in order: the brand's files (logo, colours) first."""
    own = root / "themes" / "portfolio"
    brand = brand_theme(root)
    return ((brand,) if brand else ()) + ((own.resolve(), PACKAGED) if own.is_dir() else (PACKAGED,))


def _days(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"{-days} day{'s' * (days != -1)} overdue"
    return f"{days} day{'s' * (days != 1)} left"


def _number(value: float) -> str:
    return f"{value:g}"


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = sandboxed_environment(loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
                                autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(
        label=lambda s: str(s).replace("_", " "), competency_label=competency_label,
        date=lambda d: d.isoformat() if isinstance(d, dt.date) else str(d),
        days=_days, number=_number, sentence=lambda s: str(s)[:1].upper() + str(s)[1:],
        anchor=lambda key, kind: anchor(kind, str(key)), gap=gap_words,
        role=lambda r: ROLE_NAMES.get(str(r), str(r)), plural=plural, duration=duration_words)
    env.globals["confirmers"] = CONFIRMERS
    env.globals["brand"] = brand_hooks(dirs)
    return env


def brand_hooks(dirs: tuple[Path, ...]) -> dict[str, str]:
    """The brand's theme files the base template links: `logo` and `css`, by their names under the theme."""
    names = static_files(dirs)
    logo = next((n for n in names if n.startswith(THEME_LOGO + ".")), None)
    return {"logo": logo or "", "css": THEME_CSS if THEME_CSS in names else ""}


def static_files(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Non-template files of the theme by relative path; the first folder wins."""
    found: dict[str, Path] = {}
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in TEMPLATE_SUFFIXES and "__pycache__" not in path.parts:
                found.setdefault(path.relative_to(folder).as_posix(), path)
    return found


def copy_static(dirs: tuple[Path, ...], target: Path, *, index: bool = False) -> None:
    """The theme's static files; the committee index's script only beside the index."""
    for rel, source in static_files(dirs).items():
        if rel in INDEX_ONLY and not index:
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / rel)
