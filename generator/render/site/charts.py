"""SVG pictures generated from the data: one chart per track and cadence markers.

Plain SVG with fills set inline, so they render without JavaScript or CSS (also in
WeasyPrint), each with a <title>/<desc> and a data table beside it for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.link.competencies import ResolvedCompetency
from generator.model.framework import Framework
from generator.model.track import Milestone, Track

# Colour-blind-safe palette (Okabe-Ito), one colour per domain in framework order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CADENCE_DAYS = {"micro": 3, "weekly": 7, "quarterly": 90}
MAX_MARKS = 13


@dataclass
class TrackChart:
    levels: list[str]                      # "L2 · Engineer"
    domains: list[tuple[str, str]]         # (name, colour)
    counts: list[list[int]]                # counts[level][domain]: milestones (or behaviours) new at the level
    cumulative: list[list[int]]            # the same, summed up to the level
    unit: str = "milestones"               # what is counted: milestones, else the track's behaviours
    restated: bool = False                 # behaviours of a restated framework: each level lists all it expects

    @property
    def has_data(self) -> bool:
        return any(any(row) for row in self.counts)


def build_track_chart(framework: Framework, track: Track,
                      competencies: Sequence[ResolvedCompetency] = ()) -> TrackChart:
    """Milestones per level and domain; a track without milestones counts its competencies' behaviours."""
    domains = framework.domains
    colours = {d.id: PALETTE[i % len(PALETTE)] for i, d in enumerate(domains)}
    if any(lv.milestones for lv in track.levels) or not competencies:
        counts = [[sum(m.domain == d.id for m in lv.milestones) for d in domains] for lv in track.levels]
        unit = "milestones"
    else:
        expected = [[sum(len(c.expected_at(lv.level)) for c in competencies if c.domain == d.id) for d in domains]
                    for lv in track.levels]
        counts = [[n - (expected[i - 1][j] if i else 0) for j, n in enumerate(row)] for i, row in enumerate(expected)]
        unit = "behaviours"
    used = [j for j in range(len(domains)) if any(row[j] for row in counts)] or list(range(len(domains)))
    counts = [[row[j] for j in used] for row in counts]
    cumulative, running = [], [0] * len(used)
    for row in counts:
        running = [a + b for a, b in zip(running, row, strict=True)]
        cumulative.append(running)
    return TrackChart([f"{lv.tag} · {lv.title}" for lv in track.levels],
                      [(domains[j].name, colours[domains[j].id]) for j in used], counts, cumulative, unit,
                      restated=unit == "behaviours" and not all(c.cumulative for c in competencies))


def describe_chart(track: Track, chart: TrackChart) -> str:
    parts = []
    for label, row in zip(chart.levels, chart.cumulative, strict=True):
        by_domain = ", ".join(f"{name} {n}" for (name, _), n in zip(chart.domains, row, strict=True) if n)
        parts.append(f"{label}: {sum(row)} {chart.unit}" + (f" ({by_domain})" if by_domain else ""))
    scope = "at" if chart.restated else "up to"
    return (f"{chart.unit.capitalize()} expected {scope} each level of {track.name}, by domain. "
            + "; ".join(parts) + ".")


def render_track_chart(track: Track, chart: TrackChart, chart_id: str, *, legend: bool = True) -> Markup:
    """Stacked bars, one per level, of the milestones expected up to that level by domain.

    Without `legend` the page shows the legend as HTML beside it, readable at any width.
    """
    bar, gap, left, top, plot_h = 56, 28, 40, 16, 160
    legend_w = 200 if legend else 0
    width = left + len(chart.levels) * (bar + gap) + legend_w
    height = top + plot_h + 28
    peak = max((sum(row) for row in chart.cumulative), default=0) or 1
    scale = plot_h / peak
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
           f'<title id="{chart_id}-t">How expectations grow in {escape(track.name)}</title>',
           f'<desc id="{chart_id}-d">{escape(describe_chart(track, chart))}</desc>',
           f'<line x1="{left - 4}" y1="{top + plot_h}" x2="{width - legend_w}" y2="{top + plot_h}" stroke="#888"/>']
    for i, (label, row) in enumerate(zip(chart.levels, chart.cumulative, strict=True)):
        x, y = left + i * (bar + gap), float(top + plot_h)
        for (name, colour), n in zip(chart.domains, row, strict=True):
            if n:
                h = n * scale
                y -= h
                out.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{colour}">'
                           f'<title>{escape(label)}: {n} × {escape(name)}</title></rect>')
        out.append(f'<text x="{x + bar / 2}" y="{y - 4:.1f}" text-anchor="middle" font-size="12">{sum(row)}</text>')
        level_id = escape(label.split(" · ")[0])
        out.append(f'<text x="{x + bar / 2}" y="{top + plot_h + 16}" text-anchor="middle" '
                   f'font-size="12">{level_id}</text>')
    legend_x = width - 185
    for j, (name, colour) in enumerate(chart.domains if legend else []):
        y = top + j * 20
        out.append(f'<rect x="{legend_x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{legend_x + 18}" y="{y + 11}" font-size="12">{escape(name)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def check_ins(milestone: Milestone) -> int:
    """How many check-ins the cadence gives over the horizon (a quarter or a year without one)."""
    if milestone.cadence == "once":
        return 1
    days = milestone.horizon_days or (90 if milestone.cadence != "quarterly" else 365)
    return max(1, round(days / CADENCE_DAYS[milestone.cadence]))


def cadence_marks(milestone: Milestone) -> int:
    return min(MAX_MARKS, check_ins(milestone))


def describe_cadence(milestone: Milestone) -> str:
    if milestone.cadence == "once":
        return "checked once, at the end"
    span = f"over {milestone.horizon_days} days" if milestone.horizon_days else "(no horizon set)"
    return f"{milestone.cadence} check-ins: about {check_ins(milestone)} {span}"


def render_cadence(milestone: Milestone) -> Markup:
    """A row of dots, one per check-in over the horizon, like a progress tracker."""
    marks = cadence_marks(milestone)
    step = 10
    width = marks * step + 2
    label = escape(describe_cadence(milestone))
    dots = "".join(f'<circle cx="{6 + i * step}" cy="6" r="3.5" fill="#0072B2"/>' for i in range(marks))
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-cadence" width="{width + 4}" height="12" '
                  f'viewBox="0 0 {width + 4} 12" role="img" aria-label="{label}"><title>{label}</title>{dots}</svg>')
