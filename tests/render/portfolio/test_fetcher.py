"""The one confined URL fetcher WeasyPrint reads through."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.portfolio.pdf import ConfinedFetcher, RefusedResource


@pytest.fixture
def layout(tmp_path: Path) -> tuple[ConfinedFetcher, Path]:
    for rel in ("portfolios/ada/attachments/a.png", "portfolios/bob/attachments/b.png", "theme/portfolio.css",
                "theme/logo.svg", "secret.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    (tmp_path / "portfolios/ada/attachments/link.png").symlink_to(tmp_path / "portfolios/bob/attachments/b.png")
    page = tmp_path / "build/portfolios/ada"
    fetcher = ConfinedFetcher(page, tmp_path / "portfolios/ada", (tmp_path / "theme",))
    return fetcher, page


def test_serves_own_files_and_the_theme(layout: tuple[ConfinedFetcher, Path]) -> None:
    fetcher, page = layout
    assert fetcher.fetch((page / "attachments/a.png").as_uri()).read() == b"portfolios/ada/attachments/a.png"
    css = fetcher.fetch((page / "_theme/portfolio.css").as_uri())
    assert css.read() == b"theme/portfolio.css"
    assert css.headers.get_content_type() == "text/css"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png",
    "https://example.com/x.png",
    "ftp://example.com/x",
    "data:image/png;base64,iVBORw0KGgo=",
    "file:///etc/passwd",
    "file://evil.example.com/share/x.png",
    "{page}/../bob/attachments/b.png",
    "{page}/../../../portfolios/bob/attachments/b.png",
    "{page}/attachments/link.png",
    "{page}/attachments/missing.png",
    "{page}/_theme/../../secret.txt",
    "{page}/_theme/../../../../secret.txt",
    "{root}/secret.txt",
    "{page}/%2e%2e/bob/attachments/b.png",
])
def test_refuses_everything_else(layout: tuple[ConfinedFetcher, Path], url: str) -> None:
    fetcher, page = layout
    if "{" in url:
        url = "file://" + url.format(page=page, root=page.parent.parent.parent)
    with pytest.raises(RefusedResource):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert fetcher.served == []


def test_is_a_weasyprint_url_fetcher(layout: tuple[ConfinedFetcher, Path]) -> None:
    from weasyprint.urls import URLFetcher

    assert isinstance(layout[0], URLFetcher)
