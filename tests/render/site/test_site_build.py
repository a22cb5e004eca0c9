"""A real build: MkDocs + Material into site/<version>/, the PDF, versions, atomic replacement."""

from __future__ import annotations

import json
import shutil
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.problems import UserError
from tests.conftest import FIXTURES
from tests.helpers import edit, run_cli
from tests.render.site.conftest import Built, build
from tests.render.site.html_checks import html_files, scan

pytestmark = pytest.mark.slow


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(FIXTURES / "site", root)
    return root


def test_build_writes_the_version_folder_versions_and_redirect(built_site: Built) -> None:
    site = built_site.site
    for page in ("index.html", "tracks/engineering/index.html", "tracks/engineering/L1-to-L2/index.html",
                 "competencies/testing/index.html", "domains/craft/index.html", "matrix/craft/index.html",
                 "pages/guides/feedback/index.html", "glossary/index.html", "search/search_index.json",
                 "handbook.pdf", "pdf/engineering.pdf"):
        assert (site / "3.1" / page).is_file(), page
    assert json.loads((site / "versions.json").read_text()) == [
        {"version": "3.1", "title": "3.1", "aliases": ["latest"]}]
    assert 'url=3.1/"' in (site / "index.html").read_text()
    tracks = len(list((site.parent / "content/tracks").glob("*.yml")))
    assert built_site.report.pages == 26 and built_site.report.pdfs == 1 + tracks  # the handbook and each track


def test_site_links_the_pdf_and_material_search(built_site: Built) -> None:
    track = (built_site.site / "3.1/tracks/engineering/index.html").read_text()
    assert 'href="../../handbook.pdf"' in track
    assert '<a href="../../pdf/engineering.pdf">This track for print (PDF)</a>' in track
    assert 'id="raise-coverage"' in track and 'id="level-L2"' in track
    index = json.loads((built_site.site / "3.1/search/search_index.json").read_text())
    assert any(doc["title"] == "Raise test coverage" for doc in index["docs"])


def test_pdf_has_cover_outline_page_numbers_and_version(built_site: Built) -> None:
    reader = PdfReader(built_site.site / "3.1" / "handbook.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 10
    assert "Test Handbook" in pages[0] and "Version 3.1 · released 2026-05-01" in pages[0]
    assert "Page" not in pages[0]  # the cover has no number
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert all("Test Framework · version 3.1" in text for text in pages[1:])
    text = "\n".join(pages)
    for expected in ("Raise test coverage", "Coverage of the module reaches 80%.", "Quality champion badge",
                     "Sets the team's testing strategy", "Giving feedback", "Glossary"):
        assert expected in text, expected

    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(reader.outline)
    assert outline[:2] == ["The framework", "Levels"]
    assert {"Engineering", "L2 · Engineer", "Raise test coverage", "Competencies", "Glossary"} <= set(outline)


def test_nothing_from_portfolios_reaches_the_site(built_site: Built) -> None:
    assert (built_site.root / "portfolios" / "ada").is_dir()
    for path in built_site.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (b"Confidential portfolio entry title", b"Ada Private", b"Private reflection"):
                assert secret not in data, (path, secret)
    text = "\n".join(p.extract_text() for p in PdfReader(built_site.site / "3.1/handbook.pdf").pages)
    assert "Confidential" not in text and "Ada Private" not in text


def test_unchanged_rebuild_is_skipped(built_site: Built) -> None:
    stamp = built_site.site / "3.1" / ".handbook-build"
    before = stamp.stat().st_mtime_ns
    report = build(built_site.root)
    assert report.skipped == ["site/3.1: unchanged"] and report.pages == 0
    result = run_cli("build", "--root", built_site.root, "--no-portfolios", "--verbose")
    assert result.exit_code == 0 and "skipped site/3.1: unchanged" in result.stderr
    assert stamp.stat().st_mtime_ns == before


def test_content_change_rebuilds(scratch: Path) -> None:
    build(scratch, pdf=False)
    edit(scratch / "content/tracks/engineering.yml", "title: Raise test coverage", "title: Raise coverage a lot")
    report = build(scratch, pdf=False)
    assert report.pages == 26 and not report.skipped
    assert "Raise coverage a lot" in (scratch / "site/3.1/tracks/engineering/index.html").read_text()
    assert not (scratch / "site/3.1/handbook.pdf").exists()


def test_failed_build_leaves_the_previous_site_intact(scratch: Path) -> None:
    build(scratch, pdf=False)
    glossary = scratch / "site/3.1/glossary/index.html"
    before = glossary.read_text()
    override = scratch / "themes/handbook/templates/glossary.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# Glossary\n\nSee [nothing](missing-page.md).\n")
    with pytest.raises(UserError) as error:
        build(scratch, pdf=False)
    assert "missing-page.md" in error.value.message
    assert glossary.read_text() == before
    assert sorted(p.name for p in (scratch / "site").iterdir()) == ["3.1", "index.html", "latest", "versions.json"]


def test_repository_theme_overrides_the_bundled_one(scratch: Path) -> None:
    css = scratch / "themes/handbook/assets/handbook.css"
    css.parent.mkdir(parents=True)
    css.write_text("/* our brand */\n")
    build(scratch, pdf=False)
    assert (scratch / "site/3.1/assets/handbook.css").read_text() == "/* our brand */\n"
    assert (scratch / "site/3.1/glossary/index.html").is_file()  # other theme files still bundled


def test_other_versions_in_site_are_kept(scratch: Path) -> None:
    old = scratch / "site/2.0"
    old.mkdir(parents=True)
    (old / "index.html").write_text("old version")
    (scratch / "site/versions.json").write_text(json.dumps([{"version": "2.0", "title": "2.0",
                                                             "aliases": ["latest"]}]))
    build(scratch, pdf=False)
    assert (old / "index.html").read_text() == "old version"
    assert json.loads((scratch / "site/versions.json").read_text()) == [
        {"version": "3.1", "title": "3.1", "aliases": ["latest"]}, {"version": "2.0", "title": "2.0", "aliases": []}]


def test_a_version_that_cannot_name_a_folder_is_a_located_error(scratch: Path) -> None:
    edit(scratch / "content/framework.yml", 'version: "3.1"', 'version: "3/1"')
    result = run_cli("build", "--root", scratch, "--no-portfolios", "--no-pdf")
    assert result.exit_code == 1
    assert "content/framework.yml:2:10: error: version: '3/1' cannot name a site folder" in result.stderr
    assert not (scratch / "site").exists()


def test_cli_build_without_portfolios(scratch: Path) -> None:
    result = run_cli("build", "--root", scratch, "--no-portfolios", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert "26 pages, 0 portfolios, 0 PDFs" in result.stderr
    assert not (scratch / "build").exists()


HOSTILE = {
    "content/tracks/engineering.yml": [
        ("name: Engineering", "name: 'Eng <img src=x onerror=alert(1)>'"),
        ("summary: Builds and runs the product.",
         "summary: 'S <script>alert(2)</script> [c](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>'"),
        ("title: Raise test coverage", "title: 'Raise <b onmouseover=alert(5)>it</b> {: onclick=alert(6) }'"),
        ("title: Engineer\n", "title: 'Engineer <svg onload=alert(7)>'\n"),
        ("recognition: Quality champion badge", "recognition: '<iframe src=\"https://evil.example\"></iframe>'"),
    ],
    "content/competencies/all.yml": [
        ("examples: [Added tests for the date parser]",
         "examples: ['<img src=x onerror=alert(8)>', '[x](javascript:alert(9))']"),
    ],
}


def test_hostile_content_is_escaped_or_sanitized_everywhere(scratch: Path) -> None:
    for name, edits in HOSTILE.items():
        for old, new in edits:
            edit(scratch / name, old, new)
    with (scratch / "content/pages/promotion.md").open("a") as page:
        page.write("\n<script>alert(10)</script>\n\n## Step <img src=x onerror=alert(11)>\n\n"
                   "[bad](javascript:alert(12)) <object data=x></object>\n")
    build(scratch, pdf=False)
    pages = html_files(scratch / "site/3.1")
    assert len(pages) > 20
    for path in pages:
        assert scan(path).unsafe == [], path
    track = (scratch / "site/3.1/tracks/engineering/index.html").read_text()
    heading = '<h1 id="eng-img-srcx-onerroralert1">Eng <img src=x onerror=alert(1)><a class="headerlink"'
    assert heading in unescape(track)  # shown as text: the escaped form is what the HTML holds


def test_pdf_is_reused_when_only_the_site_changes(scratch: Path) -> None:
    build(scratch)
    pdf = scratch / "site/3.1/handbook.pdf"
    before = pdf.read_bytes()
    css = scratch / "themes/handbook/assets/handbook.css"
    css.parent.mkdir(parents=True)
    css.write_text("/* site only */\n")
    report = build(scratch)
    assert report.pages == 26 and (scratch / "site/3.1/assets/handbook.css").read_text() == "/* site only */\n"
    assert pdf.read_bytes() == before
    edit(scratch / "content/tracks/engineering.yml", "title: Raise test coverage", "title: Raise coverage a lot")
    build(scratch)
    assert "Raise coverage a lot" in "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    track_pdf = scratch / "site/3.1/pdf/engineering.pdf"
    assert "Raise coverage a lot" in "\n".join(p.extract_text() for p in PdfReader(track_pdf).pages)


def test_each_track_prints_alone_and_an_unchanged_track_pdf_is_reused(scratch: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render.site.build as site_build

    rendered: list[list[str]] = []
    real_job = site_build.PdfJob

    def recording(documents, workers):  # type: ignore[no-untyped-def]
        rendered.append(sorted(out.relative_to(out.parents[0 if out.parent.name == "pdf-out" else 1]).as_posix()
                               for _, out in documents))
        return real_job(documents, workers)

    monkeypatch.setattr(site_build, "PdfJob", recording)
    shutil.copy(scratch / "content/tracks/engineering.yml", scratch / "content/tracks/support.yml")
    edit(scratch / "content/tracks/support.yml", "id: engineering", "id: support")
    edit(scratch / "content/tracks/support.yml", "title: Raise test coverage", "title: Answer MARKER-SUPPORT tickets")
    build(scratch, jobs=2)
    tracks = sorted(p.stem for p in (scratch / "content/tracks").glob("*.yml"))
    assert rendered == [sorted(["handbook.pdf", *(f"pdf/{t}.pdf" for t in tracks)])]

    def text(name: str) -> str:
        return "\n".join(p.extract_text() for p in PdfReader(scratch / "site/3.1" / name).pages)

    assert "MARKER-SUPPORT" in text("pdf/support.pdf") and "MARKER-SUPPORT" not in text("pdf/engineering.pdf")
    assert "MARKER-SUPPORT" in text("handbook.pdf") and "Raise test coverage" in text("handbook.pdf")
    edit(scratch / "content/tracks/support.yml", "MARKER-SUPPORT", "MARKER-CHANGED")
    build(scratch, jobs=2)
    assert rendered[1] == ["handbook.pdf", "pdf/support.pdf"]  # the other tracks' PDFs are reused
    assert "MARKER-CHANGED" in text("pdf/support.pdf") and text("pdf/engineering.pdf")


def test_failed_mkdocs_build_stops_the_pdf_process(scratch: Path) -> None:
    import multiprocessing

    override = scratch / "themes/handbook/templates/glossary.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# Glossary\n\nSee [nothing](missing-page.md).\n")
    with pytest.raises(UserError):
        build(scratch, jobs=2)
    assert multiprocessing.active_children() == []
    assert not (scratch / "site/3.1").exists()


def test_level_ids_with_dots_and_underscores_make_valid_links(scratch: Path) -> None:
    for path in (scratch / "content").rglob("*.yml"):
        path.write_text(path.read_text().replace("L2", "L2.b_x"))
    build(scratch, pdf=False)  # strict: a broken link or anchor would fail the build
    step = scratch / "site/3.1/tracks/engineering/L1-to-L2.b_x/index.html"
    assert 'id="level-L2-b-x"' in (scratch / "site/3.1/tracks/engineering/index.html").read_text()
    assert step.is_file()


def test_no_broken_internal_links_in_the_fixture_site(built_site: Built) -> None:
    from tests.render.site.crawl import broken_links

    assert broken_links(built_site.site) == []


def test_the_whole_handbook_gets_a_worker_of_its_own_when_it_is_as_long_as_the_tracks() -> None:
    from generator.render.site.pdf import balance

    documents = [("t" * 30, Path("pdf/a.pdf")), ("h" * 100, Path("handbook.pdf")),
                 ("t" * 40, Path("pdf/b.pdf")), ("t" * 30, Path("pdf/c.pdf"))]
    batches = balance(documents, 2)
    assert [[out.as_posix() for _, out in batch] for batch in batches] == [
        ["handbook.pdf"], ["pdf/b.pdf", "pdf/a.pdf", "pdf/c.pdf"]]
    assert balance(documents, 1) == [sorted(documents, key=lambda d: len(d[0]), reverse=True)]
