"""Generated projects and built sites, made once per session and shared by the site tests."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, BuildReport
from generator.link.load import load_project
from generator.link.project import Project
from generator.render.site import build_site
from generator.render.site.pages import SiteData
from generator.render.site.project import generate_files
from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.helpers import copy_example


@dataclass
class Generated:
    project: Project
    data: SiteData
    files: dict[str, str]

    def page(self, doc: str) -> str:
        return self.files[f"docs/{doc}"]


def load(root: Path) -> Project:
    project, problems = load_project(root, portfolios=False)
    assert not problems.errors, problems.errors
    return project


@pytest.fixture(scope="session")
def generated() -> Generated:
    """The MkDocs project generated from tests/fixtures/site (in memory)."""
    project = load(FIXTURES / "site")
    data, files = generate_files(project)
    return Generated(project, data, {k: v.decode("utf-8") for k, v in files.items()})


@dataclass
class Built:
    root: Path
    report: BuildReport

    @property
    def site(self) -> Path:
        return self.root / "site"


def build(root: Path, **options: object) -> BuildReport:
    report = BuildReport()
    build_site(load(root), BuildOptions(portfolios=False, **options), report)  # type: ignore[arg-type]
    return report


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """tests/fixtures/site built for real (MkDocs + PDF) in a scratch copy."""
    root = tmp_path_factory.mktemp("built") / "site-fixture"
    shutil.copytree(FIXTURES / "site", root)
    return Built(root, build(root))


@functools.cache
def example_built(tmp: Path) -> Path:
    root = tmp / "example"
    copy_example(root, themes=True)
    build(root)
    return root / "site"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (PROJECT_ROOT / "content" / "framework.yml").is_file():
        pytest.skip("the bundled example is not in this checkout")
    return example_built(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def example_url(example_site: Path) -> Iterator[str]:
    from tests.render.site.browser import serve  # Playwright only for the tests that drive a browser

    yield from serve(example_site)
