"""Free pages keep their headings for MkDocs; their bodies are sanitized HTML."""

from __future__ import annotations

from pathlib import Path

from generator.render.site.free_pages import FreePage, read_free_pages, render_free_page, split_sections

PAGE = """# How promotion works

Intro with a [link to feedback](giving-feedback.md#ask) and [an unknown one](missing.md).

<script>alert(1)</script>

```yaml
# not a heading
```

## Steps <img src=x onerror=alert(2)>

1. Ask [your manager][mgr].

[mgr]: https://example.com/manager
"""


def page(text: str = PAGE, doc: str = "pages/promotion.md") -> FreePage:
    return FreePage(Path("promotion.md"), doc, "How promotion works", text)


def test_sections_split_at_headings_outside_code_fences() -> None:
    headings = [h for h, _ in split_sections(PAGE)]
    assert headings == [None, "# How promotion works", "## Steps <img src=x onerror=alert(2)>"]


def test_render_keeps_headings_as_escaped_markdown_and_sanitizes_bodies() -> None:
    out = render_free_page(page(), {"pages/promotion.md", "pages/giving-feedback.md"})
    assert out.startswith("# How promotion works\n")
    assert "## Steps &#60;img src&#61;x onerror&#61;alert(2)&#62;" in out
    assert "<script" not in out and "alert(1)" not in out
    assert "# not a heading" in out  # the code block survived in its section


def test_links_to_pages_point_at_built_urls_and_references_resolve() -> None:
    out = render_free_page(page(), {"pages/promotion.md", "pages/giving-feedback.md"})
    assert 'href="../giving-feedback/#ask"' in out
    assert 'href="missing.md"' in out  # unknown targets stay as written
    assert 'href="https://example.com/manager"' in out


def test_a_page_without_a_title_heading_gets_one(tmp_path: Path) -> None:
    (tmp_path / "faq-and-tips.md").write_text("Just text.\n", encoding="utf-8")
    [free] = read_free_pages(tmp_path, [tmp_path / "faq-and-tips.md"])
    assert free.title == "Faq and tips" and free.doc == "pages/faq-and-tips.md"
    assert render_free_page(free, {free.doc}).startswith("# Faq and tips\n")
