"""The generated MkDocs project: docs folder, overrides and mkdocs.yml, as files in memory."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.link.brand import BRAND_FILES
from generator.link.project import Project
from generator.render.brand import brand_file, site_css
from generator.render.site.mkdocs_config import BRAND_CSS, BRAND_DIR, build_config, dump_config
from generator.render.site.pages import ChangeLog, SiteData, build_site_data, render_pages
from generator.render.site.theme import theme_files

ProjectFiles = dict[str, bytes]


def generate_files(project: Project, *, pdf: bool = True,
                   changelog: ChangeLog | None = None) -> tuple[SiteData, ProjectFiles]:
    """Every file of the MkDocs project, keyed by its path relative to the project folder."""
    data = build_site_data(project, pdf=pdf, changelog=changelog)
    files = {f"docs/{doc}": text.encode("utf-8") for doc, text in render_pages(data).items()}
    for name, path in theme_files(project.framework_dir, "assets"):
        files[f"docs/assets/{name}"] = path.read_bytes()
    for name, path in theme_files(project.framework_dir, "overrides"):
        files[f"overrides/{name}"] = path.read_bytes()
    config = project.config
    for key in BRAND_FILES:
        if (found := brand_file(project.root, config, key)):
            files[f"docs/{BRAND_DIR}/{found[0]}"] = found[1]
    if config.brand.primary or config.brand.accent:
        files[f"docs/{BRAND_CSS}"] = site_css(config).encode("utf-8")
    files["mkdocs.yml"] = dump_config(build_config(data)).encode("utf-8")
    return data, files


def write_files(files: ProjectFiles, out_dir: Path) -> Path:
    """Write the project, replacing earlier generated docs and overrides; returns mkdocs.yml."""
    for folder in ("docs", "overrides"):
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for name, content in sorted(files.items()):
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return out_dir / "mkdocs.yml"
