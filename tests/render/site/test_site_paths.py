"""Page paths and links between generated pages."""

from __future__ import annotations

import pytest

from generator.render.site import paths


@pytest.mark.parametrize(("doc", "url"), [
    ("index.md", ""), ("glossary.md", "glossary/"), ("tracks/engineering/index.md", "tracks/engineering/"),
    ("tracks/engineering/L1-to-L2.md", "tracks/engineering/L1-to-L2/"),
])
def test_url_of_follows_mkdocs_directory_urls(doc: str, url: str) -> None:
    assert paths.url_of(doc) == url


@pytest.mark.parametrize(("source", "target", "anchor", "link"), [
    ("index.md", "handbook.pdf", None, "handbook.pdf"),
    ("tracks/e/index.md", "handbook.pdf", None, "../../handbook.pdf"),
    ("tracks/e/L1-to-L2.md", "competencies/x.md", "level-L2", "../../../competencies/x/#level-L2"),
    ("glossary.md", "index.md", None, "../"),
    ("index.md", "index.md", None, "./"),
])
def test_url_link_is_relative_to_the_built_page(source: str, target: str, anchor: str | None, link: str) -> None:
    assert paths.url_link(source, target, anchor) == link


def test_md_link_is_relative_to_the_markdown_file() -> None:
    assert paths.md_link("tracks/e/index.md", "competencies/x.md") == "../../competencies/x.md"
    assert paths.md_link("index.md", "tracks/e/index.md", "lead-pilot") == "tracks/e/index.md#lead-pilot"
    assert paths.md_link("glossary.md", "glossary.md", "cadence") == "#cadence"
