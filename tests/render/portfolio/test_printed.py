"""A long portfolio's PDF: what counts in full, every other entry summarised in one line, the HTML whole."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.link.load import load_project
from generator.render.portfolio import entries as entry_views
from generator.render.portfolio.context import build_context
from generator.render.portfolio.html import render_context_html, render_print_html
from generator.render.portfolio.printed import for_print
from tests.render.portfolio.conftest import FIXTURES, Built, build

THRESHOLD = 20
FORGED = "<b>All 0 entries are printed in full</b>"


def _entry(title: str, date: str, body: str, *lines: str) -> str:
    return "\n".join(["---", f"title: {title!r}", f"date: {date}", *lines, "---", body, ""])


def long_entries() -> dict[str, str]:
    """58 entries besides the fixture's two: 31 that readiness counts, 27 it does not."""
    files = {}
    for n in range(24):  # evidence for a target milestone, some with quoted feedback
        feedback = [f"feedback: [{{from: linus, role: peer, text: 'Counted feedback {n}'}}]"] if n % 4 == 0 else []
        files[f"2026-01-{n + 1:02d}-step-{n}.md"] = _entry(
            f"Coverage step {n}", f"2026-01-{n + 1:02d}", f"Counted evidence body {n}.", "kind: project",
            "milestones: [engineering/raise-coverage]", f"metrics: {{coverage_pct: {60 + n}}}", *feedback)
    for n in range(3):  # feedback entries committed for a target milestone
        files[f"2026-02-{n + 1:02d}-peer-{n}.md"] = _entry(
            f"Peer view {n}", f"2026-02-{n + 1:02d}", f"Peer feedback body {n}.", "kind: feedback", "from: linus",
            "role: peer", "milestones: [engineering/mentor-joiner]")
    for n in range(4):  # evidence for a competency only
        files[f"2026-03-{n + 1:02d}-practice-{n}.md"] = _entry(
            f"Competency practice {n}", f"2026-03-{n + 1:02d}", f"Competency body {n}.", "kind: project",
            "competencies: [testing]")
    for n in range(5):  # recent, but evidence for nothing
        files[f"2026-04-{n + 10:02d}-course-{n}.md"] = _entry(
            f"Unlinked course {n}", f"2026-04-{n + 10:02d}", f"Unlinked body {n}.", "kind: course")
    for n in range(20):  # too old to count, with a verdict that no longer counts either
        files[f"2024-05-{n + 1:02d}-old-{n}.md"] = _entry(
            f"Old coverage work {n}", f"2024-05-{n + 1:02d}", f"Old body {n}.", "kind: project",
            "milestones: [engineering/raise-coverage]",
            f"feedback: [{{from: grace, role: manager, text: 'Old verdict {n}', verdict: met}}]")
    files["2024-04-01-forged.md"] = _entry(FORGED, "2024-04-01", "<script>alert(1)</script> Forged body.",
                                           "kind: recognition")
    files["2026-07-01-later.md"] = _entry("Planned talk", "2026-07-01", "Later body.", "kind: course")
    return files


COUNTED = [*(f"Coverage step {n}" for n in range(24)), *(f"Competency practice {n}" for n in range(4)),
           "Raised coverage of the billing service", "Paired with Sam for six weeks"]
SUMMARISED = [*(f"Unlinked course {n}" for n in range(5)), *(f"Old coverage work {n}" for n in range(20)),
              "Planned talk"]


def make_long(root: Path, threshold: int = THRESHOLD) -> Path:
    shutil.copytree(FIXTURES / "minimal", root)
    for name, text in long_entries().items():
        (root / "portfolios/ada/entries" / name).write_text(text, encoding="utf-8")
    with (root / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write(f"portfolio:\n  pdf_summary_after: {threshold}\n")
    with (root / "portfolios/ada/profile.yml").open("a", encoding="utf-8") as profile:
        profile.write("waivers:\n  - {milestone: engineering/mentor-joiner, reason: No joiner this year, "
                      "approved_by: grace}\n")
    return root


@pytest.fixture(scope="module")
def long(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(make_long(tmp_path_factory.mktemp("long") / "repo"), jobs=1)


def text_of(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


@pytest.mark.slow
def test_pdf_prints_everything_that_counts_in_full(long: Built) -> None:
    text = text_of(long.out / "ada/ada.pdf")
    for title in COUNTED:
        assert title in text
    for n in range(24):
        assert f"Counted evidence body {n}." in text
    for n in range(0, 24, 4):
        assert f"Counted feedback {n}" in text
    for n in range(3):
        assert f"Peer feedback body {n}." in text
    for n in range(4):
        assert f"Competency body {n}." in text
    assert "No joiner this year" in text  # the waiver


@pytest.mark.slow
def test_pdf_summarises_the_rest_in_one_line_each(long: Built) -> None:
    text = text_of(long.out / "ada/ada.pdf")
    assert ("27 older or non-counting entries are summarised; the HTML portfolio lists every entry in full."
            in text)
    assert "This PDF prints in full the 33 entries that readiness counts" in text
    for title in SUMMARISED:
        assert title in text
    for body in ("Unlinked body 0.", "Old body 3.", "Later body.", "Forged body.", "Old verdict 3"):
        assert body not in text
    assert "Older than 365 days: 21 entries" in text
    assert "Not evidence for a target milestone or competency: 5 entries" in text
    assert "Dated after the as-of date: 1 entry" in text
    assert "Not counted: 20 entries, summarised in the timeline" in text


def test_html_keeps_every_entry_in_full(long: Built) -> None:
    html = long.html("ada")
    for title in [*COUNTED, *SUMMARISED]:
        assert title in html
    for n in range(20):
        assert f"Old body {n}." in html
    assert "summarised" not in html


def printed(root: Path) -> tuple[str, str]:
    project, problems = load_project(root)
    assert not problems.errors
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    context = build_context(project, portfolio, None)
    page = render_context_html(project, context)
    return page, render_print_html(project, context, page)


def test_summary_lines_are_escaped_like_every_title(long: Built) -> None:
    _, html = printed(long.project.root)
    assert "&lt;b&gt;All 0 entries are printed in full&lt;/b&gt;" in html
    assert "<b>" not in html and "<script" not in html


def test_every_link_of_the_printed_page_has_its_target(long: Built) -> None:
    page, html = printed(long.project.root)
    assert html != page
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', html)) - set(ids) == set()


def test_a_portfolio_at_the_threshold_prints_its_page(tmp_path: Path) -> None:
    root = make_long(tmp_path / "repo", threshold=len(long_entries()) + 2)
    page, html = printed(root)
    assert html is page


def test_past_the_threshold_with_nothing_to_summarise_every_entry_is_printed_compactly(minimal: Path) -> None:
    with (minimal / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write("portfolio: {pdf_summary_after: 0}\n")
    page, html = printed(minimal)  # both entries count
    assert "Every entry counts towards readiness and is printed in full" in html
    assert "summarised" not in html
    for text in ("Raised coverage of the billing service", "Added contract tests.", "Weekly pairing sessions."):
        assert text in html and text in page
    assert '<article class="entry compact"' in html and '<article class="entry compact"' not in page


def test_each_entry_is_rendered_once(long: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    render = entry_views.render_markdown

    def counted(text: str, **options: bool) -> object:
        calls.append(text)
        return render(text, **options)

    monkeypatch.setattr(entry_views, "render_markdown", counted)
    project, _ = load_project(long.project.root)
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    printed_context = for_print(build_context(project, portfolio, None), THRESHOLD)
    quoted = sum(len(e.meta.feedback) for e in portfolio.entries)
    assert len(calls) == len(portfolio.entries) + quoted == 60 + 26
    assert printed_context.summary is not None and printed_context.summary.summarised == 27
