"""Charts of the private reports as inline SVG drawn from their data.

Each chart has a title and a description (what a screen reader announces), a viewBox so it
scales, and presentation attributes rather than CSS so browsers and WeasyPrint draw the same.
Every chart's figures are also in a table, folded under it for screen readers (and anyone who wants them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

FONT = 11
TEXT = f'font-family="DejaVu Sans, sans-serif" font-size="{FONT}" fill="#1a1a1a"'
COS60, SIN60 = 0.5, 0.866
SCALE = 1.3  # drawn at 1.3 times the viewBox: an 11-unit font reads at about 14 px, the size of the text beside it
# Colour-blind safe (Okabe-Ito), in series order.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
STATUS_COLOURS = {"ready": "#009e73", "on_track": "#e69f00", "not_yet": "#d55e00"}


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _open(name: str, width: int, height: int, title: str, desc: str) -> list[str]:
    key = f"chart-{name}"
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {name}" viewBox="0 0 {width} {height}" '
            f'width="{round(width * SCALE)}" height="{round(height * SCALE)}" role="img" '
            f'aria-labelledby="{key}-title {key}-desc">',
            f'<title id="{key}-title">{escape(title)}</title>', f'<desc id="{key}-desc">{escape(desc)}</desc>']


def text_width(text: str) -> float:
    """About how wide `text` is drawn in TEXT's font (DejaVu Sans: about 0.64 em a digit, less a letter)."""
    return len(text) * FONT * 0.64


def stacked_columns(name: str, title: str, desc: str, labels: Sequence[str],
                    series: Sequence[tuple[str, str, Sequence[int]]]) -> Markup:
    """One column per label, stacked by series (name, colour, value per label), with a legend.

    `name` is unique in the page: it makes the ids of the title and description. Labels are
    turned 60 degrees under their column; the drawing is wide and tall enough for the last one.
    """
    if not labels:
        return Markup("")
    bar, gap, plot_h, left, top = 22, 8, 160, 30, 10
    longest = max(text_width(label) for label in labels)
    # a turned label reaches its length times cos 60 to the right of where it starts, plus its ascent
    last_right = left + (len(labels) - 1) * (bar + gap) + gap / 2 + bar / 2 + 3 \
        + text_width(labels[-1]) * COS60 + FONT * SIN60
    width = max(left + len(labels) * (bar + gap) + 10, math.ceil(last_right) + 6)
    legend_y = top + plot_h + 6 + math.ceil(longest * SIN60 + FONT * COS60) + 14
    legend_w = max(150, round(max(text_width(n) for n, _, _ in series) + 24))
    per_row = max(1, min(len(series), (max(width, 3 * legend_w + left) - left) // legend_w))
    width = max(width, per_row * legend_w + left)
    height = legend_y + 16 * ((len(series) + per_row - 1) // per_row) + 4
    totals = [sum(values[i] for _, _, values in series) for i in range(len(labels))]
    peak = max(max(totals, default=0), 1)
    parts = _open(name, width, height, title, desc)
    parts.append(f'<line stroke="#999999" x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}"/>')
    parts.append(f'<text {TEXT} x="{left - 4}" y="{top + 8}" text-anchor="end">{peak}</text>')
    parts.append(f'<text {TEXT} x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>')
    for i, label in enumerate(labels):
        x, base = left + i * (bar + gap) + gap / 2, float(top + plot_h)
        for _, colour, values in series:
            h = plot_h * values[i] / peak
            if values[i]:
                parts.append(f'<rect fill="{colour}" x="{_num(x)}" y="{_num(base - h)}" width="{bar}" '
                             f'height="{_num(h)}"/>')
            base -= h
        parts.append(f'<text {TEXT} transform="translate({_num(x + bar / 2 + 3)},{top + plot_h + 6}) rotate(60)">'
                     f"{escape(label)}</text>")
    for n, (series_name, colour, _) in enumerate(series):
        x, y = left + (n % per_row) * legend_w, legend_y + 16 * (n // per_row)
        parts.append(f'<rect fill="{colour}" x="{x}" y="{y}" width="10" height="10"/>')
        parts.append(f'<text {TEXT} x="{x + 14}" y="{y + 9}">{escape(series_name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def horizontal_bars(name: str, title: str, desc: str, rows: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """One bar per (label, value), labelled with the value; the label column is as wide as its longest label."""
    if not rows:
        return Markup("")
    label_w = round(max(text_width(label) for label, _ in rows) + 12)
    bar_w, row_h = 300, 22
    peak = max(max(v for _, v in rows), 1)
    value_w = round(max(text_width(f"{_num(v)}{unit}") for _, v in rows) + 10)
    width, height = label_w + bar_w + value_w, row_h * len(rows) + 6
    parts = _open(name, width, height, title, desc)
    for i, (label, value) in enumerate(rows):
        y = 3 + i * row_h
        parts.append(f'<text {TEXT} x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect fill="{PALETTE[0]}" x="{label_w}" y="{y + 3}" width="{_num(bar_w * value / peak)}" '
                     f'height="{row_h - 6}"/>')
        parts.append(f'<text {TEXT} x="{_num(label_w + bar_w * value / peak + 4)}" y="{y + 15}">'
                     f"{_num(value)}{escape(unit)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
