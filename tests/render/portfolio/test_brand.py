"""handbook.yml `brand:` on the private outputs: the logo on every page and PDF, the colours as variables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES
from tests.helpers import run_cli

pytestmark = pytest.mark.slow

# the smallest PNG: one red pixel
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000"
                    "0003010100c9fe92ef0000000049454e44ae426082")
HEADER = '<header class="brand"><img class="brand-logo" src="_theme/brand-logo.png" alt="Company logo"></header>'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("brand") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "brand").mkdir()
    (root / "brand/logo.png").write_bytes(PNG)
    with (root / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write('brand:\n  logo: brand/logo.png\n  primary: "#0B5A3C"\n  accent: "#8A2B0F"\n')
    result = run_cli("build", "--root", root, "--no-site", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return root / "build"


def test_every_private_page_shows_the_logo_and_links_the_brand_colours(built: Path) -> None:
    pages = [built / "portfolios/ada/index.html", built / "portfolios/index.html", built / "reports/programme.html"]
    for page in pages:
        html = page.read_text()
        assert HEADER in html, page
        assert '<link rel="stylesheet" href="_theme/brand.css">' in html, page
        assert (page.parent / "_theme/brand-logo.png").read_bytes() == PNG
    css = (built / "portfolios/ada/_theme/brand.css").read_text()
    assert css == ":root { --hb-brand-primary: #0b5a3c; --hb-brand-accent: #8a2b0f; }\n"


def test_every_private_pdf_carries_the_logo_on_its_first_page(built: Path) -> None:
    pdfs = sorted(built.rglob("*.pdf"))
    assert {p.name for p in pdfs} >= {"ada.pdf", "programme.pdf"}
    for pdf in pdfs:
        assert (1, 1) in [image.image.size for image in PdfReader(pdf).pages[0].images], pdf


def test_without_a_brand_no_logo_or_brand_stylesheet_is_written(tmp_path: Path) -> None:
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    assert run_cli("build", "--root", root, "--no-site", "--no-pdf").exit_code == 0
    html = (root / "build/portfolios/ada/index.html").read_text()
    assert "brand" not in html and not (root / "build/portfolios/ada/_theme/brand.css").exists()


def test_a_deleted_cache_or_a_changed_logo_is_picked_up_in_the_same_process(tmp_path: Path) -> None:
    from generator.render.portfolio.theme import theme_dirs

    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "brand").mkdir()
    (root / "brand/logo.png").write_bytes(PNG)
    with (root / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write("brand:\n  logo: brand/logo.png\n")
    first = theme_dirs(root)[0]
    assert (first / "brand-logo.png").read_bytes() == PNG
    shutil.rmtree(root / ".handbook-cache")
    assert (theme_dirs(root)[0] / "brand-logo.png").read_bytes() == PNG
    (root / "brand/logo.png").write_bytes(PNG + b"changed")
    assert (theme_dirs(root)[0] / "brand-logo.png").read_bytes() == PNG + b"changed"
