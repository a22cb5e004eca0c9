"""The one place where Markdown from content and portfolios becomes HTML.

Everything passes through nh3 (ammonia) after rendering. Portfolio entries are
untrusted: their raw HTML is not even parsed as HTML, so it shows as text, and they
keep no `class`, `id` or `style` (no borrowing the theme's "ready" or "verified"
badges). No text gets attribute lists (`{: .class style=...}`). Content keeps only the
classes Markdown itself writes (admonitions, code languages, footnotes, task lists).

Rendering runs under a budget: nesting deeper than MAX_NESTING is refused before the
parser sees it, and a conversion running longer than TIME_BUDGET seconds is stopped
(Python-Markdown backtracks without bound on some inputs, such as thousands of `[`).
Either raises `MarkdownRefused`, which the caller reports at the text's location.
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import unquote

import markdown
import nh3
from markupsafe import Markup

from generator.read.nesting import MAX_NESTING, MarkdownRefused, check_nesting  # noqa: F401 (part of this API)
from generator.write.workers import OverBudget, time_budget

CONTENT_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "admonition", "def_list", "footnotes",
                      "md_in_html", "pymdownx.tilde", "pymdownx.tasklist"]
# Footnotes need ids and md_in_html needs raw HTML: neither is available to untrusted text.
UNTRUSTED_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "admonition", "def_list",
                        "pymdownx.tilde", "pymdownx.tasklist"]

TAGS = nh3.ALLOWED_TAGS | {"div", "span", "details", "summary", "input", "figure", "figcaption", "sup", "sub",
                           "del", "ins", "mark", "dl", "dt", "dd", "section", "img"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "input": {"type", "checked", "disabled"},
    "th": {"align"},
    "td": {"align"},
}
for _attrs in ATTRIBUTES.values():
    _attrs.discard("style")
URL_SCHEMES = {"http", "https", "mailto"}

# The classes and ids Python-Markdown's extensions write for content (never for entries).
CONTENT_CLASS = re.compile(r"^(admonition|admonition-title|note|info|tip|hint|success|question|warning|caution|"
                           r"attention|danger|error|failure|bug|example|quote|abstract|important|footnote|"
                           r"footnote-ref|footnote-backref|task-list|task-list-item|task-list-control|"
                           r"task-list-indicator|checked|language-[A-Za-z0-9_+-]{1,30})$")
CONTENT_ID = re.compile(r"^fn(ref\d*)?:[A-Za-z0-9_-]{1,40}$")

TIME_BUDGET = 10.0        # seconds for one text (pathological inputs never finish)


def decoded_path(value: str) -> str:
    """A URL path as the browser will read it: percent-decoded (repeatedly) and with '/' separators."""
    for _ in range(4):
        decoded = unquote(value)
        if decoded == value:
            break
        value = decoded
    return value.replace("\\", "/")


REMOTE_RE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")


def _confine_urls(element: str, attribute: str, value: str) -> str | None:
    """Untrusted links and images may not point at absolute paths or climb out with '..'.

    Images load only files beside the page: a remote image would tell its server who opened
    the portfolio, and when (a tracking pixel), so its address is dropped and only its text stays.
    """
    if element == "img" and attribute == "src" and REMOTE_RE.match(html.unescape(value)):
        return None
    if attribute in ("href", "src"):
        path = decoded_path(value.split("#", 1)[0].split("?", 1)[0])
        if path.startswith("/") or ".." in path.split("/") or any(ord(c) < 32 for c in path):
            return None
    if attribute in ("class", "id", "style"):
        return None
    return value


def _content_attributes(element: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = " ".join(c for c in value.split() if CONTENT_CLASS.match(c))
        return kept or None
    if attribute == "id":
        return value if CONTENT_ID.match(value) else None
    return value


def sanitize_html(html: str, *, untrusted: bool = True) -> str:
    """Remove scripts, event handlers, styles and links other than http(s), mailto or relative."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow", strip_comments=True,
                     attribute_filter=_confine_urls if untrusted else _content_attributes)


# A comment on lines of its own (the guidance `handbook new entry` writes): outside code, up to
# three spaces in, as CommonMark reads an HTML block.
_COMMENT_BLOCK = re.compile(r"^ {0,3}<!--.*?-->[ \t]*$\n?", re.MULTILINE | re.DOTALL)


class _DropComments(markdown.preprocessors.Preprocessor):
    """Untrusted Markdown shows raw HTML as text; its comments are notes to the writer, not text."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return _COMMENT_BLOCK.sub("", text).split("\n") if "<!--" in text else lines


@functools.cache
def _markdown(untrusted: bool) -> markdown.Markdown:
    """One parser per trust level, reused (building one costs more than converting a page)."""
    md = markdown.Markdown(extensions=UNTRUSTED_EXTENSIONS if untrusted else CONTENT_EXTENSIONS,
                           output_format="html")
    if untrusted:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # after fenced code is set aside (priority 25), so a comment shown in code stays
        md.preprocessors.register(_DropComments(md), "drop_comments", 20)
    return md


def render_markdown(text: str, *, untrusted: bool = True, inline: bool = False) -> Markup:
    """Markdown → sanitized HTML; `inline` drops the wrapping paragraph of one-line text."""
    text = text or ""
    check_nesting(text)
    try:
        with time_budget(TIME_BUDGET):
            html = _markdown(untrusted).reset().convert(text)
    except (OverBudget, RecursionError) as exc:
        _markdown.cache_clear()  # the interrupted parser's state is not to be trusted again
        raise MarkdownRefused(f"the Markdown took more than {TIME_BUDGET:g} seconds to render, so it is not shown",
                              "simplify it: long runs of '[', '*' or '_' make the renderer backtrack") from exc
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(sanitize_html(html, untrusted=untrusted))


@functools.lru_cache(maxsize=4096)  # a shared competency's behaviours recur on every track's page
def plain_text(text: str | None) -> str:
    """Markdown as one line of plain text, for formats that carry no markup (CASE, badges, calendars)."""
    if not (text or "").strip():
        return ""
    html_text = nh3.clean(str(render_markdown(text or "")), tags=set(), attributes={})
    return " ".join(html.unescape(html_text).split())
