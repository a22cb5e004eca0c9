"""What a user installs: the built wheel in a fresh virtual environment, its `handbook` driving
a new handbook from `handbook new site` to a built site that works in Debian's Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import copy_source
from tests.render.site.browser import Watched, serve

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.browser]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `handbook` of a fresh environment where only the wheel (and its dependencies) is installed."""
    work = tmp_path_factory.mktemp("installed")
    source = copy_source(work / "source")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", source)
    [wheel] = (work / "dist").glob("*.whl")
    venv.EnvBuilder(with_pip=True).create(work / "env")
    run(work / "env/bin/pip", "install", "--quiet", wheel)
    return work / "env/bin/handbook"


@pytest.fixture(scope="module")
def built(handbook: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("handbook") / "acme"
    run(handbook, "new", "site", root, "--name", "Acme Handbook")
    run("git", "init", "-q", cwd=root)
    run("git", "-c", "user.email=owner@acme.example", "-c", "user.name=Owner", "add", "-A", cwd=root)
    run("git", "-c", "user.email=owner@acme.example", "-c", "user.name=Owner", "commit", "-qm", "Start", cwd=root)
    run(handbook, "check", cwd=root)
    run(handbook, "build", "-q", cwd=root)
    return root


def test_the_installed_tool_runs_from_outside_the_checkout(handbook: Path) -> None:
    version = run(handbook, "--version").stdout
    assert "handbook, version" in version
    where = run(handbook.parent / "python", "-c", "import generator; print(generator.__file__)",
                cwd=handbook.parent).stdout
    assert str(ROOT) not in where and "site-packages" in where


def test_the_built_site_loads_every_script_and_the_self_assessment_works(built: Path, browser) -> None:  # type: ignore[no-untyped-def]
    assert list((built / "site").rglob("handbook.js")) and list((built / "site").rglob("self-assessment.js"))
    assert list((built / "build/portfolios").glob("*/*.pdf"))  # WeasyPrint works from the wheel's install
    for url in serve(built / "site"):
        watched = Watched(browser)
        page = watched.page
        page.goto(f"{url}/latest/tracks/engineering/self-assessment/")
        levels = page.get_by_label("Target level").locator("option").all_inner_texts()
        page.get_by_label("Target level").select_option(index=len(levels) - 1)
        page.locator("fieldset.hb-sa-competency:visible input[type=checkbox]").first.check()
        assert page.locator("#sa-summary").inner_text().startswith("You show 1 of the")
        assert page.locator("#sa-radar").count() == 1
        page.goto(f"{url}/latest/")
        assert watched.problems == []


def test_the_committee_index_sorts_and_filters(built: Path, browser) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(browser)  # opened as a committee member opens a received folder: from disk
    page = watched.page
    page.goto((built / "build/portfolios/index.html").as_uri())
    assert page.locator(".index-count").inner_text() == "1 of 1 people shown"
    header = page.locator("#index-table th", has=page.get_by_role("button", name="Status"))
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert watched.problems == []


def test_a_portfolio_in_its_own_repository_checks_against_the_released_framework(
        handbook: Path, built: Path, tmp_path: Path) -> None:
    """`new portfolio` ships its starter files, and the installed tool fetches the framework by git."""
    run("git", "tag", "v1.0", cwd=built)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def tool(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(handbook), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
        return result

    tool("new", "portfolio", "bo", "--framework", f"{built.as_uri()}@v1.0", "--person", "bo", "--name", "Bo Li",
         "--email", "bo@acme.example", "--level", "L1", "--manager", "sam", "--since", "2026-02-01", "--yes",
         cwd=tmp_path)
    mine = tmp_path / "bo"
    assert {".pre-commit-config.yaml", ".github", ".gitlab-ci.yml", "profile.yml"} <= {p.name for p in mine.iterdir()}
    run("git", "init", "-q", cwd=mine)
    run("git", "-c", "user.email=bo@acme.example", "-c", "user.name=Bo", "add", "-A", cwd=mine)
    run("git", "-c", "user.email=bo@acme.example", "-c", "user.name=Bo", "commit", "-qm", "Mine", cwd=mine)
    assert "no problems" in tool("check", "--strict", cwd=mine).stderr
    assert tool("readiness", cwd=mine).stdout.startswith("Bo Li (bo) · engineering L1 → L2 · framework 1.0")
