"""Rebuilds: unchanged outputs are taken as they were, changed ones rendered, a failing person reported alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

import generator.render.portfolio as portfolio_build
import generator.render.portfolio.incremental as incremental
import generator.render.reports.pages as report_pages
from bench.synth import Company, write_company
from generator.commands.build import BuildOptions, BuildReport, run_build
from generator.link.load import load_project
from tests.helpers import run_cli

pytestmark = pytest.mark.slow
PEOPLE = ["person-00001", "person-00002", "person-00003", "person-00004"]
PDFS = [f"portfolios/{p}/{p}.pdf" for p in PEOPLE] + ["teams/lead-1/lead-1.pdf", "reports/programme.pdf"]


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def company(tmp_path: Path) -> Path:
    root = write_company(tmp_path / "co", Company(people=4, entries=3, tracks=2, seed=2), git=True)
    _build(root)
    return root


@pytest.fixture
def pdfs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PDFs rendered (in this process: the builds run with one job)."""
    seen: list[str] = []
    for module in (portfolio_build, report_pages):
        original = module.render_pdf

        def counting(job, original=original):  # type: ignore[no-untyped-def]
            seen.append(job.target.name)
            return original(job)

        monkeypatch.setattr(module, "render_pdf", counting)
    return seen


def _build(root: Path, jobs: int = 1) -> BuildReport:
    project, problems = load_project(root)
    assert not problems.errors
    return run_build(project, BuildOptions(site=False, jobs=jobs))


def _files(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of a person's portfolio, a team view, the programme report and the team calendars,
    with its inode and modification time (the indexes are written on every build)."""
    build = root / "build"
    found = [*build.glob("portfolios/person-*/**/*"), *build.glob("teams/lead-*/**/*"), *build.glob("reports/**/*"),
             *build.glob("calendars/*.ics")]
    return {p.relative_to(build).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in found if p.is_file()}


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _append(root: Path, person: str, text: str) -> None:
    entry = sorted((root / f"portfolios/{person}/entries").glob("*.md"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_a_second_build_renders_nothing(company: Path, pdfs: list[str]) -> None:
    before = _files(company)
    assert all(pdf in before for pdf in PDFS)
    result = run_cli("build", "--root", company, "--no-site", "--verbose", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert ": 0 pages, 0 portfolios, 0 PDFs, " in lines[-1]
    for skipped in ("4 portfolio(s) unchanged", "1 team view(s) unchanged", "the programme report: unchanged"):
        assert f"skipped {skipped}" in lines
    assert pdfs == []
    assert _files(company) == before  # the same files (hard links of the previous ones), not rewritten


def test_one_entry_renders_that_person_and_only_the_pdfs_whose_page_changed(company: Path,
                                                                            pdfs: list[str]) -> None:
    before = _files(company)
    _append(company, "person-00003", "A new paragraph, MARKER-NEW.")
    report = _build(company)
    assert pdfs == ["person-00003.pdf"]
    assert "MARKER-NEW" in _text(company / "build/portfolios/person-00003/person-00003.pdf")
    after = _files(company)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert [n for n in changed if n.startswith("portfolios/person-00003/")] != []
    # the team view and the programme report show nothing of the entry's text: their PDFs are kept
    for pdf in ("teams/lead-1/lead-1.pdf", "reports/programme.pdf", "portfolios/person-00001/person-00001.pdf"):
        assert after[pdf] == before[pdf]
    assert report.pdfs == 1 and not report.problems.errors


def test_a_changed_team_view_is_rendered_again(company: Path, pdfs: list[str]) -> None:
    people = company / "portfolios/people.yml"
    text = people.read_text(encoding="utf-8")
    name = text.split("name: ", 1)[1].split("\n", 1)[0]
    people.write_text(text.replace(f"name: {name}", "name: Renamed Lead", 1), encoding="utf-8")
    _build(company)
    assert "lead-1.pdf" in pdfs
    assert "Renamed Lead" in _text(company / "build/teams/lead-1/lead-1.pdf")


def test_a_theme_file_renders_what_uses_it_again(company: Path, pdfs: list[str]) -> None:
    css = company / "themes/reports/reports.css"
    css.parent.mkdir(parents=True)
    css.write_text((report_pages.REPORTS / "reports.css").read_text(encoding="utf-8") + "\nh1 { color: teal; }\n",
                   encoding="utf-8")
    _build(company)
    assert sorted(pdfs) == ["lead-1.pdf", "programme.pdf"]  # the portfolios do not use the reports theme


def test_a_new_renderer_version_renders_everything_again(company: Path, pdfs: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    original = incremental.package_version
    monkeypatch.setattr(incremental, "package_version",
                        lambda name: "99.0" if name == "weasyprint" else original(name))
    _build(company)
    assert sorted(pdfs) == sorted(Path(p).name for p in PDFS)


def test_corrupt_or_forged_stamps_are_not_trusted(company: Path, pdfs: list[str]) -> None:
    (company / "build/teams/lead-1/.handbook-stamp").write_text("{not json", encoding="utf-8")
    (company / "build/reports/.handbook-stamp").write_text('{"inputs": ["a list"], "page": 7}', encoding="utf-8")
    stamp = company / "build/portfolios/person-00002/.handbook-stamp"
    stamp.write_bytes(b"\xff\xfe")
    _build(company)
    assert sorted(pdfs) == ["lead-1.pdf", "person-00002.pdf", "programme.pdf"]
    assert _build(company).pdfs == 0  # written afresh, the stamps are good again


def test_one_failing_pdf_keeps_that_persons_previous_output_and_the_others_land(
        company: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.relative_to(company).as_posix(): p.read_bytes()
              for p in (company / "build/portfolios/person-00002").rglob("*") if p.is_file()}
    original = portfolio_build.render_pdf

    def failing(job):  # type: ignore[no-untyped-def]
        if job.target.stem == "person-00002":
            raise RuntimeError("WeasyPrint could not lay out the page")
        return original(job)

    monkeypatch.setattr(portfolio_build, "render_pdf", failing)
    for person in ("person-00001", "person-00002"):
        _append(company, person, f"MARKER-{person}")
    result = run_cli("build", "--root", company, "--no-site", "--jobs", "1")
    assert result.exit_code == 1
    assert ("portfolios/person-00002:1:1: error: person-00002's portfolio PDF could not be rendered: "
            "RuntimeError: WeasyPrint could not lay out the page") in result.stderr
    assert "MARKER-person-00001" in _text(company / "build/portfolios/person-00001/person-00001.pdf")
    after = {p.relative_to(company).as_posix(): p.read_bytes()
             for p in (company / "build/portfolios/person-00002").rglob("*") if p.is_file()}
    assert after == before
    assert "MARKER-person-00002" not in (company / "build/portfolios/person-00002/index.html").read_text()
    monkeypatch.setattr(portfolio_build, "render_pdf", original)
    assert run_cli("build", "--root", company, "--no-site", "--jobs", "1").exit_code == 0  # tried again
    assert "MARKER-person-00002" in _text(company / "build/portfolios/person-00002/person-00002.pdf")


def test_a_worker_killed_mid_pdf_fails_that_person_only(company: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.worker_stand_in import render_or_die

    previous = (company / "build/portfolios/person-00002/person-00002.pdf").read_bytes()
    monkeypatch.setattr(portfolio_build, "render_pdf", render_or_die)
    for person in PEOPLE:
        _append(company, person, f"MARKER-{person}")
    report = _build(company, jobs=2)
    assert [(p.path, p.message) for p in report.problems.errors] == [
        ("portfolios/person-00002", "person-00002's portfolio PDF could not be rendered: "
                                    "the worker process rendering it died (killed, out of memory or crashed)")]
    assert (company / "build/portfolios/person-00002/person-00002.pdf").read_bytes() == previous
    for person in ("person-00001", "person-00003", "person-00004"):
        assert f"MARKER-{person}" in _text(company / f"build/portfolios/{person}/{person}.pdf")
    assert not [p for p in (company / "build").iterdir() if p.name.endswith(".new")]
