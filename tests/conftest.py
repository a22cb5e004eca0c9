"""Shared fixtures: copies of the test handbooks that a test may edit freely."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import run_cli

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_ROOT = Path(__file__).parent.parent
# The one Chromium of a test process: a fixture imported into several modules would start one Playwright
# each, and a second sync Playwright in a process fails.
pytest_plugins = ["tests.render.site.browser"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/minimal."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def check() -> Callable[..., list[dict[str, object]]]:
    """Run `handbook check --format json` on a root and return the problems."""

    def run(root: Path, *args: str) -> list[dict[str, object]]:
        result = run_cli("check", "--root", root, "--format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout or "[]")

    return run
