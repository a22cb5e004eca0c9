"""Hostile entries render harmlessly and nothing outside the person's folder and the theme is read."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.render.portfolio.conftest import Built

pytestmark = pytest.mark.slow

SECRETS = ("TOPSECRET-BOB", "OUTSIDE-SECRET", "root:x:0", "PLANTED-PAGE")


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_no_active_markup_survives(hostile: Built) -> None:
    found = elements(hostile.html("mallory"))
    tags = {tag for tag, _ in found}
    assert not tags & {"script", "style", "iframe", "object", "embed", "form", "base", "meta-refresh"}
    assert [t for t, _ in found].count("link") == 1  # our own stylesheet only
    for tag, attrs in found:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "file:", "/", "vbscript:")), (tag, attrs)
            assert ".." not in value.split("/"), (tag, attrs)


def test_hostile_text_is_shown_as_text(hostile: Built) -> None:
    html = hostile.html("mallory")
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(\"title\")" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Visible narrative MARKER-NARRATIVE." in html


def test_fetcher_refused_the_network_and_links_out_of_the_folder(hostile: Built) -> None:
    refused = [line.split(": refused ", 1)[1] for line in hostile.report.skipped if line.startswith("mallory.pdf")]
    assert any(url.endswith("/mallory/attachments/sneaky.svg") for url in refused)
    assert any(url.endswith("/mallory/attachments/outside.svg") for url in refused)
    assert len(refused) == 2, refused  # her own SVGs are downloads, not images
    assert not [line for line in hostile.report.skipped if line.startswith("bob.pdf")]


def test_no_secret_reaches_the_outputs(hostile: Built) -> None:
    mallory = hostile.out / "mallory"
    for path in mallory.rglob("*"):
        if path.is_file() and path.suffix != ".pdf":
            data = path.read_bytes()
            assert not any(s.encode() in data for s in SECRETS), path
    text = pdf_text(mallory / "mallory.pdf")
    assert not any(s in text for s in SECRETS)
    assert "OWN-CHART-TEXT" not in text and "NESTED-OWN-TEXT" not in text  # an SVG is a download, not an image
    assert "MARKER-NARRATIVE" in text


def test_only_referenced_own_files_are_copied(hostile: Built) -> None:
    mallory = hostile.out / "mallory"
    copied = sorted(p.relative_to(mallory).as_posix() for p in mallory.rglob("*") if p.is_file())
    # the stamp: what the folder was made from; her SVGs: copied as text, which no browser runs
    assert copied == [".handbook-stamp", "_theme/portfolio.css", "attachments/chart.svg.txt",
                      "attachments/nested.svg.txt", "index.html", "mallory.ics", "mallory.pdf"]


def test_planted_stylesheets_are_ignored(hostile: Built) -> None:
    css = (hostile.out / "mallory/_theme/portfolio.css").read_text()
    assert "body { display: none }" not in css and "@page" in css
    assert "MARKER-NARRATIVE" in pdf_text(hostile.out / "mallory/mallory.pdf")


def test_other_people_are_unaffected(hostile: Built) -> None:
    bob = hostile.out / "bob"
    assert (bob / "attachments/secret.svg.txt").is_file()  # his own file, in his own folder, inert
    assert 'href="attachments/secret.svg.txt" download="secret.svg"' in hostile.html("bob")


def test_portfolio_data_never_reaches_site(hostile: Built) -> None:
    assert not (hostile.project.root / "site").exists()
    assert all("site" not in p.relative_to(hostile.project.root).parts for p in hostile.report.outputs)


def test_untrusted_names_are_escaped_in_the_index(hostile: Built) -> None:
    index = (hostile.out / "index.html").read_text()
    assert "<script>" not in index
    assert re.search(r"Mallory &lt;script&gt;", index)


def test_a_hostile_plan_is_text_everywhere(hostile: Built) -> None:
    html = hostile.html("mallory")
    section = html.split('<section class="plan" id="plan">', 1)[1].split("</section>", 1)[0]
    assert "&lt;script&gt;alert(&#34;plan&#34;)&lt;/script&gt;" in section
    assert "[click](javascript:alert(&#39;competency&#39;))" in section  # not rendered as a link
    assert "agreed with Grace Manager" in section and "(verified" not in section  # a claim, never verified
    calendar = (hostile.out / "mallory" / "mallory.ics").read_text(encoding="utf-8")
    assert 'SUMMARY:<b onmouseover=alert("check-in")>1:1</b>' in calendar  # plain text in a text format
