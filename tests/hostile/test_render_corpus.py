"""Untrusted and content Markdown through the one sanitizer: what must never come out of it."""

from __future__ import annotations

import re

import pytest

from generator.render import markdown
from generator.render.markdown import MarkdownRefused, render_markdown

# (name, text, untrusted, forbidden in any tag of the output, required in the output)
MARKDOWN_CASES = [
    ("attr-list-status-banner", "READY FOR PROMOTION\n{: .status .status-ready style=\"position:fixed\" }", True,
     ["class=", "style=", "position:fixed\""], ["READY FOR PROMOTION"]),
    ("attr-list-inline", "**ready**{: .provenance .verified }", True, ["class="], ["<strong>ready</strong>"]),
    ("attr-list-heading-id", "## Spoof {#milestone-engineering-raise-coverage}", True, ["id="], ["Spoof"]),
    ("attr-list-event", "Click {: onclick=\"alert(1)\" }", True, ["onclick=\""], ["Click"]),
    ("attr-list-in-content", "Text\n{: .status-ready style=\"color:red\" }", False, ["class=", "style="], ["Text"]),
    ("raw-div-with-class", "<div class=\"status status-ready\">READY</div>", True, ["<div"], ["&lt;div"]),
    ("raw-script", "<script>alert(1)</script>", True, ["<script"], []),
    ("raw-img-onerror", "<img src=x onerror=alert(1)>", True, ["<img"], []),
    ("content-raw-classes", "<div class=\"status status-ready admonition\" style=\"x\" onclick=\"y\">T</div>", False,
     ["status", "style=", "onclick"], ['class="admonition"']),
    ("content-admonition-kept", "!!! note\n    Mind the gap.", False, [], ['class="admonition note"']),
    ("content-id-spoof", "<p id=\"milestone-x\">T</p>", False, ["id="], ["T"]),
    ("entry-admonition-no-class", "!!! status-ready \"Ready\"\n    Yes.", True, ["class="], ["Yes."]),
    ("footnote-no-ids", "Claim[^1]\n\n[^1]: Source.", True, ["id="], ["Claim"]),
    ("table-style-dropped", "| a |\n|:-:|\n| b |", True, ["style="], ["<table>"]),
    ("javascript-link", "[x](javascript:alert(1))", True, ["javascript"], [">x</a>"]),
    ("javascript-mixed-case", "[x](JaVaScRiPt:alert(1))", True, ["avaScRiPt"], []),
    ("javascript-entity", "[x](&#106;avascript:alert(1))", True, ["avascript"], []),
    ("data-url-image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", True, ["data:"], []),
    ("percent-dotdot-image", "![x](attachments/%2e%2e/%2e%2e/bob/attachments/secret.svg)", True, ["src="], []),
    ("double-percent-dotdot", "![x](%252e%252e/bob/a.svg)", True, ["src="], []),
    ("percent-slash", "[x](..%2f..%2fbob%2fa.svg)", True, ["href="], []),
    ("backslash-dotdot", "[x](..\\\\..\\\\bob\\\\a.svg)", True, ["href="], []),
    ("absolute-path", "![x](/etc/passwd)", True, ["src="], []),
    ("remote-image-pixel", "![p](https://tracker.example/p.gif?who=me)", True, ["src=", "tracker"], ['alt="p"']),
    ("remote-image-upper-scheme", "![p](HTTP://tracker.example/p.gif)", True, ["src="], []),
    ("remote-image-entity-scheme", "![p](&#104;ttps://tracker.example/p.gif)", True, ["src="], []),
    ("remote-image-reference", "![p][r]\n\n[r]: https://tracker.example/p.gif", True, ["src="], []),
    ("remote-link-is-kept", "[site](https://example.com/)", True, [], ['href="https://example.com/"']),
    ("protocol-relative", "[x](//evil.example/x)", True, ["href="], []),
    ("file-url", "![x](file:///etc/passwd)", True, ["src="], []),
    ("relative-image-kept", "![chart](attachments/chart.svg)", True, [], ['src="attachments/chart.svg"']),
    ("https-link-kept", "[docs](https://example.com/a)", True, [], ['href="https://example.com/a"']),
]


@pytest.mark.parametrize(("text", "untrusted", "forbidden", "required"),
                         [c[1:] for c in MARKDOWN_CASES], ids=[c[0] for c in MARKDOWN_CASES])
def test_sanitizer_output_is_harmless(text: str, untrusted: bool, forbidden: list[str], required: list[str]) -> None:
    html = str(render_markdown(text, untrusted=untrusted))
    tags = " ".join(re.findall(r"<[^>]*>", html))  # what a browser would act on; the rest is text
    for bad in forbidden:
        assert bad not in tags, html
    for good in required:
        assert good in html, html


# (name, text, message, line of the text it names)
REFUSED_CASES = [
    ("quotes-200-deep", "Intro\n\n" + ">" * 200 + " deep", "quotes are nested more than 16 levels deep", 3),
    ("spaced-quotes-deep", "> " * 40 + "x", "quotes are nested more than 16 levels deep", 1),
    ("list-100-deep", "".join(" " * (2 * i) + "- x\n" for i in range(100)),
     "the text is indented more than 64 spaces", 34),
    ("brackets-100k", "[" * 100_000 + "]" * 100_000, "the Markdown took more than 0.3 seconds to render, so it is "
                                                      "not shown", 1),
    ("unclosed-links", "[a](" * 20_000, "the Markdown took more than 0.3 seconds to render, so it is not shown", 1),
]


@pytest.mark.parametrize(("text", "message", "line"), [c[1:] for c in REFUSED_CASES],
                         ids=[c[0] for c in REFUSED_CASES])
def test_pathological_markdown_is_refused_within_budget(text: str, message: str, line: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "TIME_BUDGET", 0.3)
    with pytest.raises(MarkdownRefused) as refused:
        render_markdown(text, untrusted=True)
    assert (refused.value.message, refused.value.line) == (message, line)
    assert render_markdown("Still *works*.", untrusted=True) == "<p>Still <em>works</em>.</p>"


def test_stars_and_underscores_render_in_budget() -> None:
    """Long runs that Python-Markdown handles linearly are rendered, not refused."""
    assert "a" in str(render_markdown("*a" * 5_000, untrusted=True))
    assert "a" in str(render_markdown("_a" * 5_000, untrusted=True))
