"""Fuzzing the readers and the Markdown renderer: every input gives data or located problems, never a crash."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.link.project import validate
from generator.model.portfolio import Entry, Profile
from generator.problems import Problems
from generator.read.frontmatter import read_front_matter
from generator.read.yaml_positions import read_yaml_text
from generator.render.markdown import MarkdownRefused, render_markdown

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

YAML_PIECES = ["a", "b", "title", "date", "kind", "from", "role", "metrics", ":", ": ", "- ", "[", "]", "{", "}",
               ",", "&x ", "*x", "<<: ", "!!str ", "!!python/object ", "|", ">", "'", '"', "#", "\n", "\n  ",
               "2026-04-10", ".inf", ".nan", "1e400", "~", "?", "%YAML 1.1", "---", "...", "\t", "\\x00", "é"]
MARKDOWN_PIECES = ["*", "_", "[", "]", "(", ")", "<", ">", "!", "`", "#", "{: .x }", "{#id}", "|", "-", "\n",
                   "    ", "> ", "1. ", "[^1]", "<script>", "javascript:", "%2e%2e/", "onerror=", "style=", "a",
                   "![x](", "http://", "&#", ";", "\\", "~~", "!!! note", "==", "\t"]


def pieces(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(alphabet), st.text(max_size=3)), max_size=60).map("".join)


def assert_located(problems: Problems) -> None:
    for p in problems.items:
        assert p.line >= 1 and p.column >= 1 and p.message and "\n" not in p.message + p.hint + p.path


@FUZZ
@given(pieces(YAML_PIECES))
def test_yaml_reader_gives_data_or_located_problems(text: str) -> None:
    problems = Problems()
    doc = read_yaml_text(text, "f.yml", problems)
    assert (doc is None) == bool(problems.errors) or doc is not None
    assert_located(problems)
    if doc is not None:  # and the models turn whatever it holds into values or located problems
        validate(doc, Profile, problems)
        assert_located(problems)


@FUZZ
@given(pieces(YAML_PIECES), pieces(MARKDOWN_PIECES))
def test_front_matter_reader_and_entry_model(meta: str, body: str) -> None:
    problems = Problems()
    document = read_front_matter(f"---\n{meta}\n---\n{body}", "e.md", problems)
    if document is not None:
        validate(document.meta, Entry, problems)
    assert_located(problems)


@FUZZ
@given(pieces(MARKDOWN_PIECES), st.booleans())
def test_markdown_renders_harmless_html_or_is_refused(text: str, untrusted: bool) -> None:
    try:
        html = str(render_markdown(text, untrusted=untrusted))
    except MarkdownRefused as refused:
        assert refused.line >= 1 and refused.message and refused.hint
        return
    tags = re.findall(r"<[^>]*>", html)
    for tag in tags:
        assert not re.match(r"<\s*(script|style|iframe|object|embed)", tag, re.I), tag
        assert not re.search(r"\s(on\w+|style)\s*=", tag, re.I), tag
        assert "javascript:" not in tag.lower(), tag
        if untrusted:
            assert not re.search(r"\s(class|id)\s*=", tag), tag
