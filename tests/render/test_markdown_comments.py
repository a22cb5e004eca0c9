"""Guidance comments in an entry (as `handbook new entry` writes them) never show as text."""

from __future__ import annotations

from pathlib import Path

from generator.render.markdown import render_markdown
from generator.scaffold.entry import DEFAULT_BODY_HINT
from tests.helpers import run_cli


def test_comments_on_their_own_lines_are_dropped_and_code_keeps_them() -> None:
    text = ("<!-- What happened, what you did -->\n\nShipped it.\n\n  <!-- two\nlines -->\n\n"
            "```html\n<!-- in code -->\n```\n\nInline `<!-- kept -->` and a <!-- mid-line --> one.\n")
    html = str(render_markdown(text))
    assert "What happened" not in html and "two" not in html
    assert "&lt;!-- in code --&gt;" in html and "<code>&lt;!-- kept --&gt;</code>" in html
    assert "&lt;!-- mid-line --&gt;" in html  # not a comment block: shown as written


def test_a_new_entry_shows_no_guidance_in_the_portfolio(minimal: Path) -> None:
    result = run_cli("new", "entry", "--root", minimal, "--person", "ada", "--title", "Paired on the parser",
                     "--kind", "project", "--date", "2026-05-01", "--yes")
    assert result.exit_code == 0, result.output
    entry = next((minimal / "portfolios/ada/entries").glob("2026-05-01-*.md"))
    assert "<!--" in entry.read_text(encoding="utf-8")
    built = run_cli("build", "--root", minimal, "--no-site", "--no-pdf", "--person", "ada")
    assert built.exit_code == 0, built.output
    page = (minimal / "build/portfolios/ada/index.html").read_text(encoding="utf-8")
    assert "Paired on the parser" in page
    assert DEFAULT_BODY_HINT[:40] in entry.read_text(encoding="utf-8")
    assert DEFAULT_BODY_HINT[:40] not in page
    assert "&lt;!--" not in page
