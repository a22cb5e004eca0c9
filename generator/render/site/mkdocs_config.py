"""mkdocs.yml for the generated project, and running MkDocs on it in-process."""

from __future__ import annotations

import html
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.link.brand import BRAND_FILES
from generator.problems import UserError
from generator.render.brand import brand_file
from generator.render.site.nav import build_nav
from generator.render.site.pages import SiteData, site_name
from generator.render.site.self_assessment import SCRIPT, STYLE

MARKDOWN_EXTENSIONS: list[Any] = [
    "tables", "attr_list", "md_in_html", "def_list", "admonition",
    {"toc": {"permalink": True}},
]

# Light and dark schemes with a toggle, following the reader's system setting at first.
# The colours themselves (WCAG 2.2 AA in both) are in the theme's assets/handbook.css.
PALETTE: list[dict[str, Any]] = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "custom", "accent": "custom",
     "toggle": {"icon": "material/weather-night", "name": "Switch to the dark scheme"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom", "accent": "custom",
     "toggle": {"icon": "material/weather-sunny", "name": "Switch to the light scheme"}},
]


BRAND_DIR = "assets/brand"
BRAND_CSS = f"{BRAND_DIR}/brand.css"


def _coloured(data: SiteData) -> bool:
    return bool(data.project.config.brand.primary or data.project.config.brand.accent)


def build_config(data: SiteData) -> dict[str, Any]:
    """A plain mkdocs.yml: Material, its search, no plugins of ours, no network at build time.

    Zensical reads the same file; only its theme variant is named for it.
    """
    config = data.project.config
    engine = config.site.engine
    version = data.framework.version
    result: dict[str, Any] = {
        "site_name": site_name(data.project),
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "language": config.language,
            "font": False,
            "palette": PALETTE,
            **({"variant": "classic"} if engine == "zensical" else {}),  # Material's look, header colours included
            "features": ["navigation.tabs", "navigation.sections", "navigation.indexes", "navigation.prune",
                         "navigation.top", "search.highlight", "toc.follow"],
        },
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        # every page lists the self-assessment's files (they do nothing elsewhere): paths written in
        # a page's raw HTML are rewritten differently by each site engine, the theme's lists are not
        "extra_css": ["assets/handbook.css", STYLE] + ([BRAND_CSS] if _coloured(data) else []),
        "extra_javascript": ["assets/handbook.js", SCRIPT],
        "extra": {"version": {"provider": "mike", "default": "latest"}, "generator": False,
                  "handbook": {"version": version, "pdf": data.pdf}},
        "nav": build_nav(data),
        "strict": True,
        # Every generated link is checked; a broken one fails the build.
        "validation": {"nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
                       "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn",
                                 "unrecognized_links": "warn"}},
    }
    for key in BRAND_FILES:
        if (found := brand_file(data.project.root, config, key)):
            result["theme"][key] = f"{BRAND_DIR}/{found[0]}"
    if config.site_url:
        result["site_url"] = config.site_url.rstrip("/") + f"/{version}/"
    if config.repo_url:
        result["repo_url"] = config.repo_url
    if config.copyright:
        result["copyright"] = html.escape(config.copyright)  # Material writes it as HTML; ours is text
    return result


def dump_config(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_engine(engine: str, config_file: Path, site_dir: Path) -> None:
    """Build the generated project into `site_dir` with the configured site engine."""
    if engine == "zensical":
        run_zensical(config_file, site_dir)
    else:
        run_mkdocs(config_file, site_dir)


def run_zensical(config_file: Path, site_dir: Path) -> None:
    """`zensical build --strict` of the same mkdocs.yml, in its own process, into `site_dir`."""
    command = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if command is None:
        raise UserError("the site engine 'zensical' is not installed",
                        "install it with pip install 'career-handbook[zensical]', or set site.engine: mkdocs "
                        "in handbook.yml")
    built = config_file.parent / "zensical-site"  # Zensical writes only inside the project's folder
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["site_dir"] = built.name
    config_file.write_text(dump_config(config), encoding="utf-8")
    done = subprocess.run([command, "build", "--strict", "--clean", "-f", str(config_file)],
                          capture_output=True, text=True, check=False, cwd=config_file.parent)
    if done.returncode == 0 and (built / "index.html").is_file():
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.move(built, site_dir)
    else:
        details = "\n".join(f"    {line}" for line in (done.stdout + done.stderr).strip().splitlines()[-20:])
        raise UserError(f"Zensical could not build the handbook site:\n{details}",
                        "the previous site was left as it was; fix the theme or content named above")


def run_mkdocs(config_file: Path, site_dir: Path) -> None:
    """`mkdocs build --strict` of the generated project; its warnings become one user error."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        build(config)
    except (Abort, MkDocsException) as exc:
        details = "\n".join(f"    {m}" for m in collect.messages) or f"    {exc}"
        raise UserError(f"MkDocs could not build the handbook site:\n{details}",
                        "the previous site was left as it was; fix the theme or content named above") from exc
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
