"""`handbook check` finds links in content/pages/ that the built site could not follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Check = Callable[..., list[dict[str, object]]]


def test_broken_and_root_links_in_a_free_page_are_located(minimal: Path, check: Check) -> None:
    pages = minimal / "content/pages"
    pages.mkdir(exist_ok=True)
    (pages / "other.md").write_text("# Other\n", encoding="utf-8")
    (pages / "guide.md").write_text(
        "# Guide\n\nSee [nothing](nothere.md), [data](../tracks/data.md), [root](/tracks/data/), "
        "[track](../tracks/engineering.md), [fine](other.md#top), [web](https://example.com).\n\n"
        "```\n[in code](nope.md)\n```\n\n[ref]: missing.md\n", encoding="utf-8")
    found = [(p["line"], p["column"], p["code"], p["message"], p["hint"]) for p in check(minimal)
             if p["path"] == "content/pages/guide.md"]
    assert found == [
        (3, 15, "broken-link", "'nothere.md' is not a page of the handbook",
         "link to a page of the site, relative to this page"),
        (3, 35, "broken-link", "'../tracks/data.md' is not a page of the handbook",
         "link to a page of the site, relative to this page"),
        (3, 62, "site-root-link", "'/tracks/data/' links to the root of the web server, which is not the "
         "handbook's (it is published under a version folder)",
         "link to the page's Markdown file relative to this one, like ../tracks/<track>.md"),
        (3, 86, "broken-link", "'../tracks/engineering.md' is not a page of the handbook",
         "did you mean ../tracks/engineering/index.md?"),
        (9, 8, "broken-link", "'missing.md' is not a page of the handbook",
         "link to a page of the site, relative to this page"),
    ]
