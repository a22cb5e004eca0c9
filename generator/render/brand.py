"""The company's look (handbook.yml `brand:`) as each output takes it: files, CSS variables, data: URLs.

Colours are checked for contrast where they are read (generator.model.brand), files where the
project is read (generator.link.brand); here they are only shaped for the site, portfolios and PDFs.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import shutil
from pathlib import Path

from generator.link.brand import BrandFile, brand_path
from generator.model.config import HandbookConfig

MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".webp": "image/webp", ".ico": "image/x-icon"}


def brand_file(root: Path, config: HandbookConfig, key: BrandFile) -> tuple[str, bytes] | None:
    """(file name to publish it under, its bytes): `logo.svg`, `favicon.png`."""
    path = brand_path(root, config, key)
    if path is None:
        return None
    try:
        return f"{key}{path.suffix.lower()}", path.read_bytes()
    except OSError:
        return None


def data_url(root: Path, config: HandbookConfig, key: BrandFile) -> str | None:
    """The brand file inline, for PDFs: WeasyPrint reads nothing but data: URLs."""
    found = brand_file(root, config, key)
    if found is None:
        return None
    name, content = found
    return f"data:{MEDIA_TYPES[Path(name).suffix]};base64,{base64.b64encode(content).decode('ascii')}"


def brand_variables(config: HandbookConfig) -> dict[str, str]:
    """The colours as the CSS variables every theme reads (--hb-brand-primary, --hb-brand-accent)."""
    brand = config.brand
    return {name: value for name, value in (("--hb-brand-primary", brand.primary),
                                             ("--hb-brand-accent", brand.accent)) if value}


def brand_root_css(config: HandbookConfig) -> str:
    """`:root { ... }` setting the brand's variables; empty without brand colours."""
    variables = brand_variables(config)
    return ":root { " + " ".join(f"{k}: {v};" for k, v in variables.items()) + " }\n" if variables else ""


def site_css(config: HandbookConfig) -> str:
    """Material's custom palette in the brand's colours (the light scheme; the dark one keeps its accent)."""
    brand = config.brand
    rules = []
    if brand.primary:
        rules.append(f"""[data-md-color-scheme] {{
  --md-primary-fg-color: {brand.primary};
  --md-primary-fg-color--light: {brand.primary};
  --md-primary-fg-color--dark: {brand.primary};
  --md-primary-bg-color: #ffffff;
}}""")
    if brand.accent:
        rules.append(f""":root, [data-md-color-scheme="default"] {{
  --md-accent-fg-color: {brand.accent};
  --md-accent-fg-color--transparent: {brand.accent}1a;
}}""")
    return "/* The brand's colours (handbook.yml brand:), checked for contrast with white. */\n" + "\n".join(
        rules) + "\n"


THEME_LOGO = "brand-logo"   # a theme file named brand-logo.<ext> is the logo portfolios and reports show
THEME_CSS = "brand.css"     # and brand.css, beside the theme's own stylesheet, sets the brand's variables


def theme_brand_files(root: Path, config: HandbookConfig) -> dict[str, bytes]:
    """The files the portfolio and report themes take the brand from."""
    files: dict[str, bytes] = {}
    if (logo := brand_file(root, config, "logo")) is not None:
        files[THEME_LOGO + Path(logo[0]).suffix] = logo[1]
    if (css := brand_root_css(config)):
        files[THEME_CSS] = css.encode("utf-8")
    return files


Stamp = tuple[int, int] | None


def _stamp(path: Path | None) -> Stamp:
    """When a file last changed, and its size: a brand file edited while `handbook serve` runs is seen."""
    try:
        found = path.stat() if path is not None else None
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size) if found else None


@functools.lru_cache(maxsize=8)
def _configured(root: Path, stamp: Stamp) -> HandbookConfig | None:
    """handbook.yml's settings, or None when it cannot be read: the build reports why, not the theme."""
    import yaml

    try:
        return HandbookConfig.model_validate(yaml.safe_load((root / "handbook.yml").read_text(encoding="utf-8")) or {})
    except Exception:  # noqa: BLE001 - a missing or broken handbook.yml is reported by the check, not here
        return None


def brand_theme(root: Path) -> Path | None:
    """A theme folder holding only the brand's files, for the portfolio and report themes to look in first.

    Those themes are found from the repository's root alone, in many places (once a portfolio);
    the folder is made once per brand, under the build cache, named after its content.
    """
    config = _configured(root, _stamp(root / "handbook.yml"))
    if config is None:
        return None
    stamps = _stamp(root / "handbook.yml"), _stamp(brand_path(root, config, "logo"))
    folder = _brand_folder(root, *stamps)
    if folder is not None and not folder.is_dir():  # the cache was deleted meanwhile
        _brand_folder.cache_clear()
        folder = _brand_folder(root, *stamps)
    return folder


@functools.lru_cache(maxsize=8)
def _brand_folder(root: Path, config_stamp: Stamp, logo_stamp: Stamp) -> Path | None:
    config = _configured(root, config_stamp)
    files = theme_brand_files(root, config) if config is not None else {}
    if not files:
        return None
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + content for name, content in sorted(files.items())))
    folder = root / ".handbook-cache" / "brand" / digest.hexdigest()[:16]
    if not folder.is_dir():
        staged = folder.with_name(folder.name + f".{os.getpid()}.tmp")
        staged.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (staged / name).write_bytes(content)
        try:
            staged.rename(folder)
        except OSError:  # written meanwhile by another process
            shutil.rmtree(staged, ignore_errors=True)
    return folder
