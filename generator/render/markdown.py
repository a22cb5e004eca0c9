"""The one place where Markdown from content and portfolios becomes HTML.

Everything passes through nh3 (ammonia) after rendering. Portfolio entries are
untrusted: their raw HTML is not even parsed as HTML, so it shows as text.
"""

from __future__ import annotations

import functools
import html

import markdown
import nh3
from markupsafe import Markup

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "admonition", "attr_list", "def_list", "footnotes",
              "md_in_html", "pymdownx.tilde", "pymdownx.tasklist"]

TAGS = nh3.ALLOWED_TAGS | {"div", "span", "details", "summary", "input", "figure", "figcaption", "sup", "sub",
                           "del", "ins", "mark", "dl", "dt", "dd", "section", "img"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "input": {"type", "checked", "disabled"},
    "th": {"align", "style"},
    "td": {"align", "style"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _confine_urls(element: str, attribute: str, value: str) -> str | None:
    """Untrusted links and images may not point at absolute paths or climb out with '..'."""
    if attribute in ("href", "src"):
        path = value.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
        if path.startswith("/") or ".." in path.split("/"):
            return None
    return value


def sanitize_html(html: str, *, untrusted: bool = True) -> str:
    """Remove scripts, event handlers, styles and links other than http(s), mailto or relative."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow", strip_comments=True,
                     attribute_filter=_confine_urls if untrusted else None)


@functools.cache
def _markdown(untrusted: bool) -> markdown.Markdown:
    """One parser per trust level, reused (building one costs more than converting a page)."""
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    if untrusted:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    return md


def render_markdown(text: str, *, untrusted: bool = True, inline: bool = False) -> Markup:
    """Markdown → sanitized HTML; `inline` drops the wrapping paragraph of one-line text."""
    html = _markdown(untrusted).reset().convert(text or "")
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(sanitize_html(html, untrusted=untrusted))


def plain_text(text: str | None) -> str:
    """Markdown as one line of plain text, for formats that carry no markup (CASE, badges, calendars)."""
    if not (text or "").strip():
        return ""
    html_text = nh3.clean(str(render_markdown(text or "")), tags=set(), attributes={})
    return " ".join(html.unescape(html_text).split())
