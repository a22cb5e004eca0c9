"""Colours as written in handbook.yml, and their contrast (WCAG 2.2) with white."""

from __future__ import annotations

import math
import re

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
AA_TEXT = 4.5  # WCAG 2.2 AA, normal text
WHITE = "#ffffff"


def normalise(colour: str) -> str:
    """#abc and #AABBCC as #aabbcc."""
    digits = colour[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def _channels(colour: str) -> tuple[int, int, int]:
    digits = normalise(colour)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG defines it."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shown_ratio(ratio: float) -> str:
    """Rounded down, so a colour just short of 4.5:1 never reads as 4.5:1."""
    return f"{math.floor(ratio * 10) / 10:.1f}:1"


def darkened(colour: str, against: str = WHITE, needed: float = AA_TEXT) -> str:
    """The same hue, darkened just enough to reach `needed` against `against`."""
    r, g, b = _channels(colour)
    for step in range(100, -1, -1):
        candidate = "#{:02x}{:02x}{:02x}".format(*(round(c * step / 100) for c in (r, g, b)))
        if contrast(candidate, against) >= needed:
            return candidate
    return "#000000"
