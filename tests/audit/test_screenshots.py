"""The layout of each page type at desktop and phone width, against golden screenshots.

Screenshots are compared with a tolerance (fonts antialias a little differently from one
machine to the next); `pytest --update-golden tests/audit` rewrites them after a deliberate change.
They are stored at half size in 64 grey levels to keep the repository small.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.audit.conftest import page_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GOLDEN = Path(__file__).parent / "golden"
SHOTS = ("home", "track", "step", "matrix", "competency", "self-assessment", "changes", "committee-index", "portfolio",
         "team", "programme")
WIDTHS = (1280, 390)
MEAN_TOLERANCE = 3.0    # mean grey-level difference (0..255) allowed over the whole picture
CHANGED_TOLERANCE = 0.04  # share of pixels that may differ by more than 64 grey levels


def small(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    return image.quantize(64).convert("L")


@pytest.mark.parametrize("width", WIDTHS)
def test_page_types_look_as_reviewed(browser, example_build: Path, example_url: str, width: int,  # type: ignore[no-untyped-def]
                                     update_golden: bool) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
    page = context.new_page()
    differences: dict[str, str] = {}
    try:
        for kind in SHOTS:
            page.goto(f"{example_url}/{page_path(example_build, kind)}")
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready")
            shot = small(page.screenshot())
            golden = GOLDEN / f"{kind}-{width}.png"
            if update_golden or not golden.is_file():
                golden.parent.mkdir(exist_ok=True)
                shot.save(golden, optimize=True)
                continue
            expected = Image.open(golden).convert("L")
            if expected.size != shot.size:
                differences[kind] = f"size {shot.size} instead of {expected.size}"
                continue
            diff = ImageChops.difference(expected, shot)
            mean = ImageStat.Stat(diff).mean[0]
            changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:]) / (diff.width * diff.height)
            if mean > MEAN_TOLERANCE or changed > CHANGED_TOLERANCE:
                differences[kind] = f"mean difference {mean:.2f}, {changed:.1%} of pixels changed"
    finally:
        context.close()
    assert differences == {}, "layout changed; review and rerun with --update-golden"
