"""The handbook site: a generated MkDocs + Material project, built into site/<version>/.

`generate_mkdocs_project` writes the plain MkDocs project (used by `handbook serve`);
`build_site` builds it together with the printable handbook PDF.
"""

from __future__ import annotations

from pathlib import Path

from generator.link.project import Project
from generator.render.site.build import build_site
from generator.render.site.project import generate_files, write_files

__all__ = ["build_site", "generate_mkdocs_project"]


def generate_mkdocs_project(project: Project, out_dir: Path, *, pdf: bool = False) -> Path:
    """Write docs/, overrides/ and mkdocs.yml into `out_dir`; returns the mkdocs.yml path."""
    from generator.render.site.build import changelog_of

    assert project.framework is not None
    _, files = generate_files(project, pdf=pdf, changelog=changelog_of(project, project.framework.version))
    return write_files(files, out_dir)
