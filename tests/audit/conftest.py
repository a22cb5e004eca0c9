"""The bundled example built once (site, portfolios and PDFs) for the outside checkers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audit.tools import INSTALL_HINT, missing_tools
from tests.conftest import PROJECT_ROOT
from tests.helpers import copy_example, run_cli
from tests.render.site.browser import serve

# One page of each kind, as a path under the served folder (site/ and build/ side by side).
PAGE_TYPES = {
    "home": "{site}/",
    "track": "{site}/tracks/engineering/",
    "step": "{site}/tracks/engineering/L2-to-L3/",
    "matrix": "{site}/matrix/technical/",
    "competency": "{site}/competencies/code-craft/",
    "domain": "{site}/domains/technical/",
    "glossary": "{site}/glossary/",
    "guide": "{site}/pages/for-learners/",
    "changes": "{site}/changes/",
    "self-assessment": "{site}/tracks/engineering/self-assessment/",
    "committee-index": "build/portfolios/",
    "portfolio": "build/portfolios/farah/",
    "portfolio-with-plan": "build/portfolios/tomas/",
    "team": "build/teams/helena/",
    "programme": "build/reports/programme.html",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = missing_tools()
    for item in items:
        if "tests/audit" in str(item.path):
            item.add_marker(pytest.mark.audit)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"missing {', '.join(missing)}: {INSTALL_HINT}"))


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example with `handbook build` run in it: site/, build/portfolios/, every PDF."""
    if not (PROJECT_ROOT / "content" / "framework.yml").is_file():
        pytest.skip("the bundled example is not in this checkout")
    root = tmp_path_factory.mktemp("audit") / "example"
    copy_example(root, themes=True)
    result = run_cli("build", "--root", root, "-q")
    assert result.exit_code == 0, result.output
    return root


def page_path(example_build: Path, kind: str) -> str:
    """The served path of one page type, in the framework version the example builds."""
    version = json.loads((example_build / "site" / "versions.json").read_text())[0]["version"]
    return PAGE_TYPES[kind].format(site=f"site/{version}")


@pytest.fixture(scope="session")
def example_url(example_build: Path) -> Iterator[str]:
    yield from serve(example_build)
