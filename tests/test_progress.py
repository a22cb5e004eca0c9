"""Progress bars, plain lines and the build summary; `handbook build --quiet/--verbose` with stand-in renderers."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import pytest
from rich.console import Console

from generator.commands.build import BuildReport
from generator.commands.progress import TerminalProgress, Verbosity, render_build_summary
from tests.helpers import run_cli


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=80, color_system=None), out


def drive(sink: TerminalProgress) -> None:
    report = BuildReport(progress=sink)
    with report.step("PDFs", 3) as advance:
        for _ in range(3):
            advance()


def test_bars_on_a_terminal() -> None:
    con, out = console(terminal=True)
    with TerminalProgress(con) as sink:
        drive(sink)
    assert "PDFs" in out.getvalue()
    assert "3/3" in out.getvalue()


@pytest.mark.parametrize(("verbosity", "expected"), [(Verbosity.NORMAL, ""), (Verbosity.QUIET, ""),
                                                      (Verbosity.VERBOSE, "PDFs: 3/3 done\n")])
def test_plain_lines_or_nothing_elsewhere(verbosity: Verbosity, expected: str) -> None:
    con, out = console(terminal=False)
    with TerminalProgress(con, verbosity) as sink:
        drive(sink)
    assert out.getvalue() == expected


def test_summary_counts_and_verbose_outputs(tmp_path: Path) -> None:
    report = BuildReport(outputs=[tmp_path / "site/index.html"], pages=12, portfolios=1, pdfs=2)
    normal = render_build_summary(report, 1, tmp_path)
    assert normal.startswith("built in ")
    assert normal.endswith(": 12 pages, 1 portfolio, 2 PDFs, 1 warning")
    verbose = render_build_summary(report, 0, tmp_path, Verbosity.VERBOSE).splitlines()
    assert verbose[0] == "wrote site/index.html"
    assert verbose[1].endswith("0 warnings")
    assert render_build_summary(report, 0, tmp_path, Verbosity.QUIET) == ""


@pytest.fixture
def stand_in_renderers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Renderers that count and report progress like the real ones, without rendering."""
    import generator.render.site.build  # noqa: F401  (the changelog helper stays real; loaded before the stand-in)

    def build_site(project, options, report, **kwargs):  # type: ignore[no-untyped-def]
        with report.step("pages", 2) as advance:
            for name in ("index.html", "tracks/index.html"):
                report.outputs.append(project.root / "site" / name)
                report.pages += 1
                advance()

    def build_private(project, options, report):  # type: ignore[no-untyped-def]
        report.portfolios += 1

    import generator.commands.build

    site = types.ModuleType("generator.render.site")
    site.build_site = build_site  # type: ignore[attr-defined]
    site_build = types.ModuleType("generator.render.site.build")
    site_build.PendingChangeLog = lambda project, version: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "generator.render.site", site)
    monkeypatch.setitem(sys.modules, "generator.render.site.build", site_build)
    monkeypatch.setattr(generator.commands.build, "build_private", build_private)


@pytest.mark.usefixtures("stand_in_renderers")
def test_build_summary_quiet_and_verbose(minimal: Path) -> None:
    entry = minimal / "portfolios/ada/entries/2026-04-02-mentoring.md"
    entry.rename(entry.with_name("mentoring.md"))  # one warning
    normal = run_cli("build", "--root", minimal, "--no-pdf")
    assert normal.exit_code == 0, normal.stderr
    assert "portfolios/ada/entries/mentoring.md:2:1: warning:" in normal.stderr
    assert normal.stderr.splitlines()[-1].endswith(": 2 pages, 1 portfolio, 0 PDFs, 1 warning")
    quiet = run_cli("build", "--root", minimal, "--no-pdf", "--quiet")
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    verbose = run_cli("build", "--root", minimal, "--no-pdf", "--verbose")
    lines = verbose.stderr.splitlines()
    assert "pages: 2/2 done" in lines
    assert "wrote site/index.html" in lines
    assert "wrote site/tracks/index.html" in lines
