"""handbook.yml `brand:` on the built site and the printed handbook: logo, favicon, colours."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES
from tests.render.site.conftest import build

pytestmark = pytest.mark.slow

ICON = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#123"/></svg>'
# the smallest PNG: one red pixel
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000"
                    "0003010100c9fe92ef0000000049454e44ae426082")


def branded(root: Path) -> Path:
    shutil.copytree(FIXTURES / "site", root)
    (root / "brand").mkdir()
    (root / "brand/logo.png").write_bytes(PNG)
    (root / "brand/icon.svg").write_bytes(ICON)
    with (root / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write('brand:\n  logo: brand/logo.png\n  favicon: brand/icon.svg\n  primary: "#0B5A3C"\n'
                     '  accent: "#8A2B0F"\n')
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = branded(tmp_path_factory.mktemp("brand") / "handbook")
    build(root)
    return root / "site/3.1"


def test_the_logo_is_in_the_header_and_the_favicon_in_every_page(site: Path) -> None:
    home = (site / "index.html").read_text()
    assert '<img src="assets/brand/logo.png" alt="logo">' in home
    assert '<link rel="icon" href="assets/brand/favicon.svg">' in home
    step = (site / "tracks/engineering/L1-to-L2/index.html").read_text()
    assert '<img src="../../../assets/brand/logo.png" alt="logo">' in step
    assert (site / "assets/brand/logo.png").read_bytes() == PNG
    assert (site / "assets/brand/favicon.svg").read_bytes() == ICON


def test_the_colours_become_materials_custom_palette(site: Path) -> None:
    css = (site / "assets/brand/brand.css").read_text()
    assert "--md-primary-fg-color: #0b5a3c;" in css and "--md-accent-fg-color: #8a2b0f;" in css
    assert 'href="assets/brand/brand.css"' in (site / "index.html").read_text()
    assert not (site / "assets/handbook.css").read_text().count("#0b5a3c")  # the theme's own file is untouched


def test_every_printed_handbook_carries_the_logo_on_its_cover(site: Path) -> None:
    for pdf in (site / "handbook.pdf", site / "pdf/engineering.pdf"):
        cover = PdfReader(pdf).pages[0]
        assert [image.image.size for image in cover.images] == [(1, 1)], pdf
        assert "Test Handbook" in cover.extract_text()


def test_without_a_brand_nothing_is_added(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "site", root)
    build(root, pdf=False)
    home = (root / "site/3.1/index.html").read_text()
    assert "assets/brand" not in home and not (root / "site/3.1/assets/brand").exists()
