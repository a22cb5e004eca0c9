"""The domain coverage chart."""

from __future__ import annotations

import re

from generator.render.portfolio.charts import render_domain_chart


def test_radar_for_three_or_more_domains() -> None:
    svg = render_domain_chart([("a", "Alpha", 1, 2), ("b", "Beta <b>", 2, 2), ("c", "Gamma", 0, 1)])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart radar"')
    assert svg.count("<line ") == 3
    assert "Beta &lt;b&gt; 2/2" in svg and "<b>" not in svg
    person = re.search(r'class="person" [^>]*points="([^"]+)"', svg)
    assert person is not None
    points = [tuple(map(float, p.split(","))) for p in person.group(1).split()]
    assert points[0] == (240.0, 100.0)  # half way up the first axis
    assert points[2] == (240.0, 150.0)  # nothing met: the centre


def test_bars_below_three_domains() -> None:
    svg = render_domain_chart([("a", "Alpha", 1, 4), ("b", "Beta", 4, 4)])
    assert 'class="chart bars"' in svg
    assert re.findall(r'class="person" fill="#0b4f8a" x="1" y="\d+" width="([^"]+)"', svg) == ["79.5", "318"]


def test_no_domains_no_chart() -> None:
    assert render_domain_chart([]) == ""
