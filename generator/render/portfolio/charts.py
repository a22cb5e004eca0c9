"""Domain coverage as inline SVG: a radar of the person against the target (bars below 3 domains).

Colours are presentation attributes, not CSS classes, so browsers and WeasyPrint draw the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 480, 300
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RADIUS = 100
GRID = 'fill="none" stroke="#dddddd" stroke-width="1"'
TARGET = 'fill="none" stroke="#555555" stroke-width="1.5" stroke-dasharray="4 3"'
PERSON = 'fill="#0b4f8a" fill-opacity="0.35" stroke="#0b4f8a" stroke-width="2"'
TEXT = 'font-family="DejaVu Sans, sans-serif" font-size="10" fill="#1a1a1a"'


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _point(index: int, count: int, share: float) -> tuple[str, str]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return _num(CENTRE_X + RADIUS * share * math.cos(angle)), _num(CENTRE_Y + RADIUS * share * math.sin(angle))


def _polygon(points: Sequence[tuple[str, str]], style: str, css: str) -> str:
    return f'<polygon class="{css}" {style} points="{" ".join(f"{x},{y}" for x, y in points)}"/>'


def _open(css: str, width: int, height: int, domains: Sequence[tuple[str, str, int, int]]) -> list[str]:
    summary = ", ".join(f"{name} {met} of {req}" for _, name, met, req in domains)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-labelledby="chart-title">',
            f'<title id="chart-title">Domain coverage against the target level: {escape(summary)}</title>']


def render_domain_chart(domains: Sequence[tuple[str, str, int, int]]) -> Markup:
    """`domains` holds (id, name, met, required); the target is every milestone met (the outer ring)."""
    if not domains:
        return Markup("")
    if len(domains) < 3:
        return _bars(domains)
    count = len(domains)
    parts = _open("radar", WIDTH, HEIGHT, domains)
    for ring in (0.25, 0.5, 0.75):
        parts.append(_polygon([_point(i, count, ring) for i in range(count)], GRID, "grid"))
    for i in range(count):
        x, y = _point(i, count, 1.0)
        parts.append(f'<line class="axis" stroke="#cccccc" x1="{_num(CENTRE_X)}" y1="{_num(CENTRE_Y)}" '
                     f'x2="{x}" y2="{y}"/>')
    parts.append(_polygon([_point(i, count, 1.0) for i in range(count)], TARGET, "target"))
    shares = [met / req if req else 1.0 for _, _, met, req in domains]
    parts.append(_polygon([_point(i, count, s) for i, s in enumerate(shares)], PERSON, "person"))
    for i, (_, name, met, req) in enumerate(domains):
        lx, ly = (float(v) for v in _point(i, count, 1.12))
        anchor = "middle" if abs(lx - CENTRE_X) < 1 else ("start" if lx > CENTRE_X else "end")
        dy = -4 if ly < CENTRE_Y - 1 else (12 if ly > CENTRE_Y + 1 else 4)
        parts.append(f'<text {TEXT} x="{_num(lx)}" y="{_num(ly + dy)}" text-anchor="{anchor}">'
                     f"{escape(name)} {met}/{req}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _bars(domains: Sequence[tuple[str, str, int, int]]) -> Markup:
    width, height = 320, 40 * len(domains)
    parts = _open("bars", width, height, domains)
    for i, (_, name, met, req) in enumerate(domains):
        y = 40 * i
        filled = (width - 2) * (met / req if req else 1.0)
        parts.append(f'<text {TEXT} x="0" y="{y + 12}">{escape(name)} {met}/{req}</text>')
        parts.append(f'<rect class="target" fill="#eeeeee" stroke="#555555" x="1" y="{y + 18}" '
                     f'width="{width - 2}" height="14"/>')
        parts.append(f'<rect class="person" fill="#0b4f8a" x="1" y="{y + 18}" width="{_num(filled)}" height="14"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
