"""Content reaches the generated Markdown only as escaped text or sanitized HTML."""

from __future__ import annotations

import re
from html import unescape

import markdown

from generator.render.site.text import block_html, escape_text, inline_html


def mkdocs_like(text: str) -> str:
    """Render like the generated project's mkdocs.yml does (the extensions that could be abused)."""
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"])


def test_escape_text_keeps_markdown_and_html_literal() -> None:
    html = mkdocs_like(f"## {escape_text('Lead *the* <b>pilot</b> [x](javascript:y) { onclick=z }')}")
    assert "<b>" not in html and "<em>" not in html and "<a" not in html
    assert re.match(r'<h2 id="[a-z-]+">', html)  # the attribute list stayed text
    assert "Lead *the* <b>pilot</b> [x](javascript:y) { onclick=z }</h2>" in unescape(html)


def test_escape_text_joins_lines() -> None:
    assert "\n" not in escape_text("two\n# lines")


def test_inline_html_renders_markdown_and_drops_scripts_and_bad_links() -> None:
    html = inline_html("Uses *data* <script>alert(1)</script> [here](javascript:alert(2))")
    assert "<em>data</em>" in html
    assert "script" not in html and "javascript" not in html


def test_inline_html_is_not_rendered_twice() -> None:
    # A literal asterisk the author escaped must stay literal after MkDocs renders the page.
    rendered = inline_html(r"2 \*not emphasis\* here")
    html = mkdocs_like(f"- {rendered}")
    assert "<em>" not in html and "2 *not emphasis* here" in unescape(html)


def test_block_html_survives_mkdocs_unchanged() -> None:
    block = block_html("First\n\n<div onclick='x()'>raw</div>\n\n    code *x*")
    assert "onclick" not in block
    html = mkdocs_like(f"# Page\n\n{block}")
    assert '<div class="hb-text">\n<p>First</p>\n<div>raw</div>' in html and "<pre><code>code *x*" in html


def test_block_html_of_empty_text_is_empty() -> None:
    assert block_html("  \n") == ""


def test_plain_text_shortcut_renders_exactly_like_markdown() -> None:
    from generator.render.markdown import render_markdown
    from generator.render.site.text import PLAIN, content_html

    samples = ["Adds unit tests for own changes", "Keeps the team's \"flow\" (mostly), 80% of it: done?",
               "Cuts cost by 14% — measured", "2026 plan", "Naïve café owner", "1. not plain", "- not plain",
               "a *b*", "x_y", "two  spaces", "A <b>tag</b>", "Tom & Jerry", "http://example.com/x"]
    for text in samples:
        for inline in (True, False):
            assert content_html(text, inline) == render_markdown(text, untrusted=False, inline=inline), text
    assert PLAIN.match(samples[0]) and not PLAIN.match("1. not plain") and not PLAIN.match("a *b*")
