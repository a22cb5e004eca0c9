"""Fixes to the HTML Material writes outside any block a theme override can replace.

Material's base.html puts `autocomplete="off"` on its two hidden checkbox toggles (drawer,
search), which HTML allows only on text-like inputs; the Nu checker rejects every page for
it. Everything else is fixed by overriding a partial in themes/handbook/overrides/.
"""

from __future__ import annotations

import re
from pathlib import Path

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") '
                                    r'autocomplete="off">')


def tidy_material_html(site: Path) -> None:
    """Rewrite the built pages in place, leaving pages without the markup untouched."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tidy = _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", text)
        if tidy != text:
            page.write_text(tidy, encoding="utf-8")
