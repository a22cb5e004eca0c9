"""`build_portfolios`: the committee index, one person, no PDFs, and failed builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, run_build
from generator.link.load import load_project
from generator.problems import UserError
from tests.helpers import run_cli
from tests.render.portfolio.conftest import Built, build, make_hostile


def test_index_lists_everyone_with_links(hostile: Built) -> None:
    index = (hostile.out / "index.html").read_text()
    for person in ("bob", "mallory"):
        assert (f'<a href="{person}/index.html">HTML<span class="visually-hidden"> portfolio of ') in index
        assert f'<a href="{person}/{person}.pdf">PDF<span class="visually-hidden"> portfolio of ' in index
        assert (hostile.out / person / f"{person}.pdf").is_file()
    assert '<td data-label="Track">Engineering</td>' in index
    assert '<td data-label="Level">L1</td>' in index and '<td data-label="Target">L2</td>' in index
    assert '<span class="status status-on_track">on track</span>' in index
    assert hostile.report.portfolios == 2 and hostile.report.pdfs == 2


def test_no_pdf_skips_pdfs(minimal: Path) -> None:
    built = build(minimal, pdf=False)
    assert (built.out / "ada/index.html").is_file()
    assert not list(built.out.rglob("*.pdf"))
    assert built.report.pdfs == 0
    index = (built.out / "index.html").read_text()
    assert '<a href="ada/index.html">HTML<span class="visually-hidden"> portfolio of Ada' in index
    assert ".pdf" not in index


def test_person_builds_one_folder_and_keeps_the_others(tmp_path: Path) -> None:
    root = make_hostile(tmp_path)
    build(root, pdf=False)
    bob_page = root / "build/portfolios/bob/index.html"
    bob_page.write_text("previous bob")
    built = build(root, pdf=False, person="mallory")
    assert bob_page.read_text() == "previous bob"
    assert "MARKER-NARRATIVE" in built.html("mallory")
    assert built.report.portfolios == 0 and built.report.skipped == ["1 portfolio(s) unchanged"]
    (root / "portfolios/mallory/profile.yml").write_text(
        (root / "portfolios/mallory/profile.yml").read_text() + "handle: '@mallory'\n")
    assert build(root, pdf=False, person="mallory").report.portfolios == 1
    assert not [p for p in built.out.iterdir() if p.name.startswith(".")]


def test_unknown_person_is_a_user_error(minimal: Path) -> None:
    project, _ = load_project(minimal)
    with pytest.raises(UserError, match="no portfolio for 'adaa' under portfolios/"):
        run_build(project, BuildOptions(site=False, person="adaa"))


def test_failed_pdf_leaves_previous_output_intact(minimal: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    build(minimal, pdf=False)
    out = minimal / "build/portfolios"
    before = {p: p.read_bytes() for p in (out / "ada").rglob("*") if p.is_file()}

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("generator.render.portfolio.render_pdf", broken)
    project, _ = load_project(minimal)
    report = run_build(project, BuildOptions(site=False, jobs=1, audiences=("committee",)))
    assert [(p.path, p.code, p.message) for p in report.problems.errors] == [
        ("portfolios/ada", "pdf-failed", "ada's portfolio PDF could not be rendered: RuntimeError: renderer crashed")]
    assert report.failed == {"ada"}
    assert {p: p.read_bytes() for p in (out / "ada").rglob("*") if p.is_file()} == before
    # no staging folder left behind
    assert sorted(p.name for p in out.parent.iterdir()) == ["calendars", "portfolios"]


def test_parallel_and_serial_pdfs_have_the_same_text(hostile: Built, tmp_path: Path) -> None:
    from pypdf import PdfReader

    serial = build(make_hostile(tmp_path), jobs=1)
    for person in ("bob", "mallory"):
        texts = [[p.extract_text() for p in PdfReader(b.out / person / f"{person}.pdf").pages]
                 for b in (serial, hostile)]
        assert texts[0] == texts[1]


def test_cli_builds_portfolios(minimal: Path) -> None:
    result = run_cli("build", "--root", minimal, "--no-site", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert "1 portfolio, 0 PDFs" in result.stderr
    assert (minimal / "build/portfolios/ada/index.html").is_file()


def test_cli_unknown_person(minimal: Path) -> None:
    result = run_cli("build", "--root", minimal, "--no-site", "--person", "adaa")
    assert result.exit_code == 1
    assert "error: no portfolio for 'adaa' under portfolios/" in result.stderr


def test_rebuild_is_byte_identical(minimal: Path) -> None:
    first = build(minimal, pdf=False)
    html = {p: p.read_bytes() for p in first.out.rglob("*") if p.is_file()}
    shutil.rmtree(first.out)
    second = build(minimal, pdf=False)
    assert {p: p.read_bytes() for p in second.out.rglob("*") if p.is_file()} == html


@pytest.mark.slow
def test_cli_warns_about_refused_resources(tmp_path: Path) -> None:
    root = make_hostile(tmp_path)
    result = run_cli("build", "--root", root, "--no-site", "--person", "mallory", "--jobs", "1", "--verbose")
    assert result.exit_code == 0, result.output
    assert "skipped mallory.pdf: refused file:///portfolios/mallory/attachments/outside.svg" in result.stderr
    assert "1 portfolio, 1 PDF" in result.stderr


def test_assets_for_a_single_page(minimal: Path, tmp_path: Path) -> None:
    from generator.render.portfolio import write_portfolio_assets

    project, _ = load_project(minimal)
    write_portfolio_assets(project, project.portfolio("ada"), tmp_path / "page")  # type: ignore[arg-type]
    files = sorted(p.relative_to(tmp_path / "page").as_posix() for p in (tmp_path / "page").rglob("*") if p.is_file())
    assert files == ["_theme/portfolio.css", "attachments/report.txt"]
