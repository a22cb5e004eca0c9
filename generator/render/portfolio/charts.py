"""Domain coverage as inline SVG: a radar of the person against the target (bars below 3 domains)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 105


def _point(index: int, count: int, share: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTRE + RADIUS * share * math.cos(angle), 2), round(CENTRE + RADIUS * share * math.sin(angle), 2))


def _polygon(points: Sequence[tuple[float, float]], css: str) -> str:
    return f'<polygon class="{css}" points="{" ".join(f"{x},{y}" for x, y in points)}"/>'


def render_domain_chart(domains: Sequence[tuple[str, str, int, int]]) -> Markup:
    """`domains` holds (id, name, met, required); the target is every milestone met (the outer ring)."""
    if not domains:
        return Markup("")
    if len(domains) < 3:
        return _bars(domains)
    count = len(domains)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" viewBox="0 0 {SIZE} {SIZE}" '
             f'width="{SIZE}" height="{SIZE}" role="img" aria-labelledby="chart-title">',
             '<title id="chart-title">Domain coverage against the target level: '
             + str(escape(", ".join(f"{name} {met} of {req}" for _, name, met, req in domains))) + "</title>"]
    for ring in (0.25, 0.5, 0.75):
        parts.append(_polygon([_point(i, count, ring) for i in range(count)], "grid"))
    parts.append(_polygon([_point(i, count, 1.0) for i in range(count)], "target"))
    for i, (_, name, met, req) in enumerate(domains):
        x, y = _point(i, count, 1.0)
        parts.append(f'<line class="axis" x1="{CENTRE}" y1="{CENTRE}" x2="{x}" y2="{y}"/>')
        lx, ly = _point(i, count, 1.22)
        anchor = "middle" if abs(lx - CENTRE) < 1 else ("start" if lx > CENTRE else "end")
        parts.append(f'<text x="{lx}" y="{ly}" text-anchor="{anchor}">{str(escape(name))} {met}/{req}</text>')
    shares = [met / req if req else 1.0 for _, _, met, req in domains]
    parts.append(_polygon([_point(i, count, s) for i, s in enumerate(shares)], "person"))
    parts.append("</svg>")
    return Markup("".join(parts))


def _bars(domains: Sequence[tuple[str, str, int, int]]) -> Markup:
    height = 40 * len(domains)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 {SIZE} {height}" '
             f'width="{SIZE}" height="{height}" role="img" aria-labelledby="chart-title">',
             '<title id="chart-title">Domain coverage against the target level: '
             + str(escape(", ".join(f"{name} {met} of {req}" for _, name, met, req in domains))) + "</title>"]
    for i, (_, name, met, req) in enumerate(domains):
        y = 40 * i
        width = f"{(SIZE - 2) * (met / req if req else 1.0):g}"
        parts.append(f'<text x="0" y="{y + 12}">{str(escape(name))} {met}/{req}</text>')
        parts.append(f'<rect class="target" x="1" y="{y + 18}" width="{SIZE - 2}" height="14"/>')
        parts.append(f'<rect class="person" x="1" y="{y + 18}" width="{width}" height="14"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
