"""Stand-ins for the site and portfolio renderers, for testing `handbook serve` on its own.

The site stand-in writes a plain MkDocs project (built-in `mkdocs` theme) whose home page
is the text of content/pages/*.md, so an edit to a page shows up in the served HTML.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path


def generate_mkdocs_project(project, out_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    docs = out_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    pages = "\n\n".join(p.read_text(encoding="utf-8") for p in project.pages)
    (docs / "index.md").write_text(f"# {project.framework.name}\n\n{pages}\n", encoding="utf-8")
    config = out_dir / "mkdocs.yml"
    # Like the real generator: site_url gains the version, and MkDocs serves under its path.
    site_url = project.config.site_url
    url = f"site_url: {site_url.rstrip('/')}/{project.framework.version}/\n" if site_url else ""
    config.write_text(f"site_name: Stand-in\ndocs_dir: docs\n{url}theme:\n  name: mkdocs\n", encoding="utf-8")
    return config


def render_portfolio_html(project, portfolio) -> str:  # type: ignore[no-untyped-def]
    return f"<!doctype html><html><body><h1>Portfolio of {portfolio.profile.name}</h1></body></html>"


def write_portfolio_assets(project, portfolio, folder) -> None:  # type: ignore[no-untyped-def]
    (folder / "style.css").write_text("body { margin: 0 }\n", encoding="utf-8")


def install() -> None:
    site = types.ModuleType("generator.render.site")
    site.generate_mkdocs_project = generate_mkdocs_project  # type: ignore[attr-defined]
    portfolio = types.ModuleType("generator.render.portfolio")
    portfolio.render_portfolio_html = render_portfolio_html  # type: ignore[attr-defined]
    portfolio.write_portfolio_assets = write_portfolio_assets  # type: ignore[attr-defined]
    sys.modules["generator.render.site"] = site
    sys.modules["generator.render.portfolio"] = portfolio


if __name__ == "__main__":  # python -m tests.serve_stand_in <handbook arguments>
    install()
    from generator.cli import main

    main(sys.argv[1:], prog_name="handbook")
