"""A domain's share of its target as a small inline SVG bar, beside the numbers it draws.

Colours are presentation attributes, not CSS classes or inline styles (the page's CSP forbids
those), so browsers and WeasyPrint draw the same.
"""

from __future__ import annotations

from markupsafe import Markup

WIDTH, HEIGHT = 96, 10


def render_share_bar(done: int, required: int) -> Markup:
    """`done` of `required` as a filled bar; decorative, since the numbers are written beside it."""
    if required <= 0:
        return Markup("")
    filled = round(WIDTH * min(done, required) / required, 1)
    colour = "#1f7a33" if done >= required else "#0b4f8a"
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart share" viewBox="0 0 {WIDTH} {HEIGHT}" '
                  f'width="{WIDTH}" height="{HEIGHT}" aria-hidden="true" focusable="false">'
                  f'<rect class="target" x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="2" fill="#e4e7eb"/>'
                  f'<rect class="done" x="0" y="0" width="{filled:g}" height="{HEIGHT}" rx="2" fill="{colour}"/>'
                  "</svg>")
