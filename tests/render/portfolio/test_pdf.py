"""The committee PDF: text, metadata, bookmarks, page numbers, tags and reproducible dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.render.portfolio.conftest import Built

pytestmark = pytest.mark.slow


def text_of(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def pdf(rich: Built) -> PdfReader:
    return PdfReader(rich.out / "ada" / "ada.pdf")


def test_text_holds_status_milestones_and_feedback(pdf: PdfReader, rich: Built) -> None:
    text = text_of(pdf)
    first = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
    assert "Ready for Engineer (L2)" in first
    track = rich.project.track("engineering")
    assert track is not None
    for milestone in track.level("L2").milestones:  # type: ignore[union-attr]
        assert milestone.title in text
    assert "Sam ships on their own now thanks to Ada's pairing." in text
    assert "The joiner is productive." in text
    assert "verified" in text and "unverified" in text


def test_metadata_from_the_page(pdf: PdfReader) -> None:
    meta = pdf.metadata
    assert meta is not None
    assert meta.title == "Readiness portfolio: Ada Example, Associate engineer (L1) → Engineer (L2)"
    assert meta.author == "Ada Example"
    assert meta.subject == ("Promotion readiness of Ada Example for Engineer (L2), Minimal Framework 1.0, "
                            "as of 2026-06-01: ready")
    assert meta["/CreationDate"].startswith("D:20260601000000")
    assert meta["/ModDate"].startswith("D:20260601000000")
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_tagged_pdf_ua(pdf: PdfReader) -> None:
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_bookmarks_for_each_section(pdf: PdfReader) -> None:
    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for item in items:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    found = titles(pdf.outline)
    for section in ("Ada Example", "Summary", "Milestone coverage", "Evidence", "Reflections", "Timeline", "People"):
        assert section in found


def test_page_numbers_on_every_page(pdf: PdfReader) -> None:
    total = len(pdf.pages)
    assert total >= 2
    for number, page in enumerate(pdf.pages, 1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_summary_is_on_page_one_and_matrix_starts_after(pdf: PdfReader) -> None:
    first = pdf.pages[0].extract_text()
    for part in ("Ready for Engineer (L2)", "WHAT IS MISSING", "NEXT STEPS", "EVIDENCE MAP"):
        assert part in first
    assert "MILESTONE COVERAGE" not in first


def test_source_date_epoch_sets_the_pdf_dates(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.render.portfolio.conftest import build, make_rich

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28T20:26:40Z
    built = build(make_rich(tmp_path / "repo", with_git=False), jobs=1)
    meta = PdfReader(built.out / "ada" / "ada.pdf").metadata
    assert meta is not None and meta["/CreationDate"].startswith("D:20260528202640")


def test_links_to_attachments_are_relative(pdf: PdfReader, rich: Built) -> None:
    uris = {annot.get_object()["/A"]["/URI"] for page in pdf.pages for annot in page.get("/Annots") or []
            if "/A" in annot.get_object()}
    assert uris == {"attachments/report.txt", "https://wiki.example.com/coverage"}
    data = (rich.out / "ada" / "ada.pdf").read_bytes()
    assert str(rich.project.root).encode() not in data


def test_same_inputs_give_byte_identical_pdf_elsewhere(rich: Built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.render.portfolio.conftest import build, make_rich

    again = build(make_rich(tmp_path / "elsewhere", with_git=True), jobs=1)
    assert (again.out / "ada/ada.pdf").read_bytes() == (rich.out / "ada/ada.pdf").read_bytes()


def test_emoji_print_from_an_embedded_colour_font(minimal) -> None:  # type: ignore[no-untyped-def]
    from tests.render.portfolio.conftest import build

    entry = minimal / "portfolios/ada/entries/2026-04-02-mentoring.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nShipped it 🚀 and the team cheered 🎉\n", encoding="utf-8")
    built = build(minimal, jobs=1)
    reader = PdfReader(built.out / "ada" / "ada.pdf")
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in (f.get_object() for f in page["/Resources"].get("/Font", {}).values())}
    assert any("Emoji" in name for name in fonts), fonts  # not an empty box from a text font
    assert "🚀" in text_of(reader)


def test_page_references_are_pydyfs_built_once() -> None:
    """The cached page references are the ones pydyf builds, also after more pages are added."""
    import pydyf

    from generator.render.portfolio.pdf import PYDYF_PAGE_REFERENCES

    assert isinstance(PYDYF_PAGE_REFERENCES, property)
    pdf = pydyf.PDF()
    assert pdf.page_references == PYDYF_PAGE_REFERENCES.fget(pdf) == ()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == PYDYF_PAGE_REFERENCES.fget(pdf)
    assert len(pdf.page_references) == 3
    assert pdf.page_references is pdf.page_references  # built once until a page is added


def test_a_pdf_over_its_page_budget_fails_alone_and_the_others_print(tmp_path: Path) -> None:
    from bench.synth import Company, write_company
    from tests.helpers import run_cli

    root = write_company(tmp_path / "co", Company(people=3, entries=2, tracks=1, seed=5))
    (root / "handbook.yml").write_text((root / "handbook.yml").read_text() + "portfolio:\n  pdf_page_budget: 12\n")
    entry = next((root / "portfolios/person-00002/entries").glob("*.md"))
    entry.write_text(entry.read_text(encoding="utf-8") + "\n\n".join(
        f"Paragraph {i}: what happened, in enough words to fill a line or two of the printed page." for i in
        range(400)) + "\n", encoding="utf-8")
    result = run_cli("build", "--root", root, "--no-site", "--jobs", "2", "-q")
    assert result.exit_code == 1
    assert ("portfolios/person-00002:1:1: error: person-00002's portfolio PDF was not printed: it runs to "
            in result.output)
    assert "pages, more than the 12 of portfolio.pdf_page_budget in handbook.yml" in result.output
    printed = sorted(p.name for p in (root / "build/portfolios").glob("*/*.pdf"))
    assert printed == ["person-00001.pdf", "person-00003.pdf"]
