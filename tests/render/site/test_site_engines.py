"""The same generated project built by MkDocs and by Zensical: the same pages, the same words, search in both."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.helpers import run_cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for engine in ("mkdocs", "zensical"):
        root = tmp_path_factory.mktemp(engine) / "example"
        root.mkdir()
        for name in ("handbook.yml", "content", "portfolios"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
        result = run_cli("build", "--root", root, "--no-portfolios", "--no-pdf", "--engine", engine, "--quiet")
        assert result.exit_code == 0, result.output
        built[engine] = root / "site" / "2026.2"
    return built


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html") if p.parts[-2] != "search"}


def article_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    article = html[html.find("<article"):html.find("</article>")]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", article, flags=re.S))
    return re.sub(r"\s+", " ", text.replace("¶", "")).strip()


def test_both_engines_build_the_same_pages_with_the_same_text(sites: dict[str, Path]) -> None:
    mkdocs, zensical = sites["mkdocs"], sites["zensical"]
    assert pages(mkdocs) == pages(zensical)
    assert len(pages(mkdocs)) > 40
    different = [name for name in sorted(pages(mkdocs))
                 if article_text(mkdocs / name) != article_text(zensical / name)]
    assert different == []
    assert "Kittiwake Logistics builds the routing" in article_text(zensical / "index.html")


def test_search_and_the_self_assessment_files_are_on_every_engines_pages(sites: dict[str, Path]) -> None:
    for site in sites.values():
        page = (site / "tracks/engineering/self-assessment/index.html").read_text(encoding="utf-8")
        assert 'for="__search"' in page  # the header's search button
        for asset in ("assets/self-assessment.js", "assets/self-assessment.css"):
            assert f'../../../{asset}"' in page
            assert (site / asset).is_file()


def test_a_missing_engine_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil as shell

    root = tmp_path / "site-fixture"
    shutil.copytree(FIXTURES / "site", root)
    real = shell.which
    monkeypatch.setattr(shell, "which", lambda name, *a, **k: None if name == "zensical" else real(name, *a, **k))
    result = run_cli("build", "--root", root, "--no-portfolios", "--no-pdf", "--engine", "zensical")
    assert result.exit_code == 1
    assert "the site engine 'zensical' is not installed" in result.output
    assert "pip install 'career-handbook[zensical]'" in result.output
