"""Fixes to the HTML MkDocs and Material write where no theme override can reach.

- Material's base.html puts `autocomplete="off"` on its two hidden checkbox toggles (drawer,
  search), which HTML allows only on text-like inputs: the Nu checker rejects every page.
- The Markdown `toc` extension adds a permalink to every heading, also to a milestone card's
  heading inside `<summary>`, where a link nested in the toggle is unreachable by keyboard
  (axe: nested-interactive); the card links to itself in its body instead.

Everything else is fixed by overriding a partial in themes/handbook/overrides/.
"""

from __future__ import annotations

import re
from pathlib import Path

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") '
                                    r'autocomplete="off">')
_SUMMARY_PERMALINK = re.compile(r'(<summary>\s*<h\d id="[^"]*">(?:(?!</h\d>).)*?)<a class="headerlink" href="#[^"]*"'
                                r' title="[^"]*">&para;</a>(</h\d>)', re.S)


def tidy_html(text: str) -> str:
    text = _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", text)
    return _SUMMARY_PERMALINK.sub(r"\1\2", text)


def tidy_material_html(site: Path) -> None:
    """Rewrite the built pages in place, leaving pages without the markup untouched."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tidy = tidy_html(text)
        if tidy != text:
            page.write_text(tidy, encoding="utf-8")
