"""Putting content into generated Markdown without letting it become markup.

MkDocs renders our generated Markdown; it would pass raw HTML and `javascript:`
links from content straight through. So content never reaches MkDocs as Markdown:
plain values are entity-escaped, and Markdown fields are rendered and sanitized by
`generator.render.markdown` first, then injected as HTML that MkDocs leaves alone.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

from generator.render.markdown import render_markdown

# Characters that mean something to Python-Markdown or its extensions (emphasis, links,
# attribute lists, tables, tilde/caret/mark, headings, raw HTML). Replaced by entities,
# which Markdown keeps as they are.
MARKDOWN_SPECIALS = "\\`*_{}[]<>|~^=#!:$"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in MARKDOWN_SPECIALS}
_TOKENS = re.compile(r"(<[^>]*>|&#?[A-Za-z0-9]+;)")


def escape_text(value: object) -> Markup:
    """A plain value (name, title, id) as literal text inside generated Markdown."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace('"', "&quot;")
    return Markup(text.translate(_ENTITIES))


def neutralize(html: str) -> str:
    """Entity-escape Markdown specials in the text (not the tags) of sanitized HTML."""
    parts = _TOKENS.split(html)
    return "".join(part if i % 2 else part.translate(_ENTITIES) for i, part in enumerate(parts))


# One line of words and ordinary punctuation renders to itself; most behaviours and titles do.
PLAIN = re.compile(r"^(?![-+]|\d+[.)]\s)[^\W_][\w ,.;:'\"()/%?’–—-]*$")


@functools.lru_cache(maxsize=16384)
def content_html(text: str, inline: bool = False) -> Markup:
    """Content Markdown as sanitized HTML; the same text is rendered once, plain text without a parser."""
    if PLAIN.match(text) and "  " not in text and "_" not in text and text == text.strip():
        return Markup(text if inline else f"<p>{text}</p>")
    return render_markdown(text, untrusted=False, inline=inline)


@functools.lru_cache(maxsize=16384)
def inline_html(text: str | None) -> Markup:
    """Content Markdown for one line (a behaviour, a criterion): sanitized inline HTML."""
    html = str(content_html(text or "", inline=True))
    return Markup(" ".join(neutralize(html).split()))


@functools.lru_cache(maxsize=16384)
def block_html(text: str | None, css_class: str = "hb-text") -> Markup:
    """Content Markdown for a paragraph or more, as a raw HTML block MkDocs passes through."""
    if not (text or "").strip():
        return Markup("")
    html = str(content_html(text or "")).strip()
    return Markup(f'<div class="{css_class}">\n{html}\n</div>\n')
