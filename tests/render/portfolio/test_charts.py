"""A domain's share of its target, drawn beside its numbers."""

from __future__ import annotations

import re

from generator.render.portfolio.charts import render_share_bar


def test_bar_fills_the_share_done() -> None:
    svg = render_share_bar(1, 4)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart share"')
    assert 'aria-hidden="true"' in svg  # the numbers beside it say the same
    assert re.findall(r'class="done" x="0" y="0" width="([^"]+)"', svg) == ["24"]


def test_done_bar_is_full_and_green_never_longer() -> None:
    svg = render_share_bar(5, 4)
    assert 'class="done" x="0" y="0" width="96" height="10" rx="2" fill="#1f7a33"' in svg


def test_nothing_required_no_bar() -> None:
    assert render_share_bar(0, 0) == ""
