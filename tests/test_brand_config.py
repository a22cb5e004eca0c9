"""handbook.yml `brand:`: files inside the repository, colours that white text can be read on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model.colours import contrast, darkened

Check = Callable[..., list[dict[str, object]]]
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def brand(root: Path, body: str) -> None:
    (root / "handbook.yml").write_text(f"site_name: Minimal Handbook\nas_of: 2026-06-01\nbrand:\n{body}",
                                       encoding="utf-8")


def lines(problems: list[dict[str, object]]) -> list[str]:
    return [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}; {p['hint']}" for p in problems]


def test_a_primary_colour_white_text_cannot_be_read_on_is_refused_with_its_ratio(minimal: Path,
                                                                                 check: Check) -> None:
    brand(minimal, '  primary: "#7FB3FF"\n')
    assert lines(check(minimal)) == [
        "handbook.yml:4:12: error: primary: the header's white text on '#7fb3ff' has a contrast of 2.1:1, below the "
        "4.5:1 WCAG AA asks for text; use a darker colour, such as #5578ab (4.5:1)"]


def test_an_accent_too_light_on_white_is_refused_with_its_ratio(minimal: Path, check: Check) -> None:
    brand(minimal, '  accent: "#f80"\n')
    assert lines(check(minimal)) == [
        "handbook.yml:4:11: error: accent: '#ff8800' on white has a contrast of 2.3:1, below the 4.5:1 WCAG AA asks "
        "for text; use a darker colour, such as #b25f00 (4.6:1)"]


def test_a_colour_that_is_not_hex_is_refused(minimal: Path, check: Check) -> None:
    brand(minimal, "  primary: navy\n")
    assert lines(check(minimal)) == [
        "handbook.yml:4:12: error: primary: 'navy' is not a hex colour; write it as #rrggbb, like #243b6b"]


def test_the_suggested_colour_reaches_aa_and_a_ratio_just_short_is_not_rounded_up() -> None:
    for colour in ("#7fb3ff", "#ffff00", "#00ff00", "#777777"):
        assert contrast(darkened(colour), "#ffffff") >= 4.5
    assert contrast("#767676", "#ffffff") >= 4.5 > contrast("#777777", "#ffffff")


def test_readable_colours_and_files_inside_the_repository_pass(minimal: Path, check: Check) -> None:
    (minimal / "brand").mkdir()
    (minimal / "brand/logo.svg").write_bytes(LOGO)
    (minimal / "brand/favicon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    brand(minimal, '  logo: brand/logo.svg\n  favicon: brand/favicon.png\n  primary: "#243b6b"\n'
                   '  accent: "#a3360f"\n')
    assert check(minimal) == []


def test_a_path_out_of_the_repository_is_refused(minimal: Path, check: Check) -> None:
    brand(minimal, "  logo: ../logo.svg\n  favicon: /etc/favicon.png\n")
    assert lines(check(minimal)) == [
        "handbook.yml:4:9: error: logo: '../logo.svg' is not a path inside the handbook repository; put the file in "
        "the repository and write its path from the repository's root, like brand/logo.png",
        "handbook.yml:5:12: error: favicon: '/etc/favicon.png' is not a path inside the handbook repository; put the "
        "file in the repository and write its path from the repository's root, like brand/favicon.png"]


def test_a_link_out_of_the_repository_is_refused(minimal: Path, check: Check, tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_bytes(LOGO)
    (minimal / "logo.svg").symlink_to(secret)
    brand(minimal, "  logo: logo.svg\n")
    assert lines(check(minimal)) == [
        "handbook.yml:4:9: error: logo: 'logo.svg' is a link that leads outside the handbook repository; replace the "
        "link with the file itself, inside the repository"]


@pytest.mark.parametrize(("value", "expected"), [
    ("brand/logo.gif", "'brand/logo.gif' is not an image the outputs can show; use a file ending in one of svg, "
                       "png, jpg, jpeg, webp"),
    ("brand/none.svg", "'brand/none.svg' is not a file; check the path, written from the repository's root"),
    ("brand/huge.png", "'brand/huge.png' is larger than 1 MB, and every page and PDF carries it; use a smaller "
                       "image, such as an SVG or a PNG a few hundred pixels wide"),
])
def test_a_logo_that_cannot_be_shown_is_refused(minimal: Path, check: Check, value: str, expected: str) -> None:
    (minimal / "brand").mkdir()
    (minimal / "brand/logo.gif").write_bytes(b"GIF89a")
    (minimal / "brand/huge.png").write_bytes(b"\x89PNG" + bytes(1_000_000))
    brand(minimal, f"  logo: {value}\n")
    assert lines(check(minimal)) == [f"handbook.yml:4:9: error: logo: {expected}"]
