"""Rebuilds render only the portfolios whose inputs changed."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.render.portfolio as portfolio_build
from bench.synth import Company, write_company
from generator.commands.build import BuildOptions, run_build
from generator.link.load import load_project


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the people whose page was rendered."""
    seen: list[str] = []
    original = portfolio_build.build_context

    def counting(project, portfolio, history, *rest):  # type: ignore[no-untyped-def]
        seen.append(portfolio.id)
        return original(project, portfolio, history, *rest)

    monkeypatch.setattr(portfolio_build, "build_context", counting)
    return seen


def _build(root: Path, **options: object) -> list[str]:
    project, problems = load_project(root)
    assert not problems.errors
    report = run_build(project, BuildOptions(site=False, jobs=1, **options))  # type: ignore[arg-type]
    return report.skipped


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def company(tmp_path: Path) -> Path:
    return write_company(tmp_path / "co", Company(people=4, entries=3, tracks=2, seed=2))


PEOPLE = ["person-00001", "person-00002", "person-00003", "person-00004"]


def test_nothing_changed_renders_nothing_and_keeps_the_pages(company: Path, rendered: list[str]) -> None:
    _build(company, pdf=False)
    assert rendered == PEOPLE
    page = company / "build/portfolios/person-00002/index.html"
    before = page.read_bytes()
    rendered.clear()
    assert "4 portfolio(s) unchanged" in _build(company, pdf=False)
    assert rendered == []
    assert page.read_bytes() == before
    assert (company / "build/portfolios/index.html").is_file()


def test_one_entry_renders_that_person_only(company: Path, rendered: list[str]) -> None:
    _build(company, pdf=False)
    rendered.clear()
    entry = sorted((company / "portfolios/person-00003/entries").glob("*.md"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "\nA new paragraph, MARKER-NEW.\n", encoding="utf-8")
    _build(company, pdf=False)
    assert rendered == ["person-00003"]
    assert "MARKER-NEW" in (company / "build/portfolios/person-00003/index.html").read_text()


def test_a_milestone_text_renders_the_people_of_its_track(company: Path, rendered: list[str]) -> None:
    _build(company, pdf=False)
    rendered.clear()
    _edit(company / "content/tracks/frontend.yml", "title: ", "title: MARKER-TITLE ")
    _build(company, pdf=False)
    assert rendered == ["person-00002", "person-00004"]  # the frontend track's people


def test_a_theme_change_or_a_pdf_renders_everyone_again(company: Path, rendered: list[str]) -> None:
    _build(company, pdf=False)
    rendered.clear()
    (company / "themes/portfolio").mkdir(parents=True)
    (company / "themes/portfolio/portfolio.css").write_text("body { color: black; }\n", encoding="utf-8")
    _build(company, pdf=False)
    assert rendered == PEOPLE


@pytest.mark.slow
def test_an_unchanged_pdf_is_not_rendered_again(company: Path, rendered: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _build(company)
    pdfs: list[str] = []
    original = portfolio_build.render_pdf

    def counting(job):  # type: ignore[no-untyped-def]
        pdfs.append(job.target.name)
        return original(job)

    monkeypatch.setattr(portfolio_build, "render_pdf", counting)
    entry = sorted((company / "portfolios/person-00001/entries").glob("*.md"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    _build(company)
    assert pdfs == ["person-00001.pdf"]
    for person in PEOPLE:
        assert (company / f"build/portfolios/{person}/{person}.pdf").read_bytes().startswith(b"%PDF")


def test_the_tools_own_templates_key_every_reused_portfolio() -> None:
    """In a checkout the packaged themes are a link to themes/: an edited template is not reused past."""
    from generator.write.cache import PACKAGE, package_files

    files = {p.relative_to(PACKAGE).as_posix() for p in package_files()}
    assert {"themes/portfolio/portfolio.html", "themes/portfolio/index.js", "render/portfolio/__init__.py"} <= files
    assert not [f for f in files if "__pycache__" in f]
