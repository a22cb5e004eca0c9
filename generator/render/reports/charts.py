"""Charts of the private reports as inline SVG drawn from their data.

Each chart has a title and a description (what a screen reader announces), a viewBox so it
scales, and presentation attributes rather than CSS so browsers and WeasyPrint draw the same.
Every chart is shown beside a table of the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

TEXT = 'font-family="DejaVu Sans, sans-serif" font-size="10" fill="#1a1a1a"'
# Colour-blind safe (Okabe-Ito), in series order.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
STATUS_COLOURS = {"ready": "#009e73", "on_track": "#e69f00", "not_yet": "#d55e00"}


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _open(name: str, width: int, height: int, title: str, desc: str) -> list[str]:
    key = f"chart-{name}"
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {name}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-labelledby="{key}-title {key}-desc">',
            f'<title id="{key}-title">{escape(title)}</title>', f'<desc id="{key}-desc">{escape(desc)}</desc>']


def reset_ids() -> None:
    """Restart element ids, so the same report renders byte-identical HTML."""
    global _ids
    

def stacked_columns(name: str, title: str, desc: str, labels: Sequence[str],
                    series: Sequence[tuple[str, str, Sequence[int]]]) -> Markup:
    """One column per label, stacked by series (name, colour, value per label), with a legend.

    `name` is unique in the page: it makes the ids of the title and description.
    """
    if not labels:
        return Markup("")
    bar, gap, plot_h, left, top = 22, 8, 160, 30, 10
    width = left + len(labels) * (bar + gap) + 10
    legend_y = top + plot_h + 44
    height = legend_y + 16 * ((len(series) + 2) // 3) + 4
    width = max(width, 3 * 150 + left)
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
        x, y = left + (n % 3) * 150, legend_y + 16 * (n // 3)
        parts.append(f'<rect fill="{colour}" x="{x}" y="{y}" width="10" height="10"/>')
        parts.append(f'<text {TEXT} x="{x + 14}" y="{y + 9}">{escape(series_name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def horizontal_bars(name: str, title: str, desc: str, rows: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """One bar per (label, value), labelled with the value."""
    if not rows:
        return Markup("")
    label_w, bar_w, row_h = 220, 240, 22
    width, height = label_w + bar_w + 70, row_h * len(rows) + 6
    peak = max(max(v for _, v in rows), 1)
    parts = _open(name, width, height, title, desc)
    for i, (label, value) in enumerate(rows):
        y = 3 + i * row_h
        parts.append(f'<text {TEXT} x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect fill="{PALETTE[0]}" x="{label_w}" y="{y + 3}" width="{_num(bar_w * value / peak)}" '
                     f'height="{row_h - 8}"/>')
        parts.append(f'<text {TEXT} x="{_num(label_w + bar_w * value / peak + 4)}" y="{y + 13}">'
                     f"{_num(value)}{escape(unit)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
