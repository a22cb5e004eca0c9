"""The `handbook` command: parse options, run one pipeline, map failures to exit codes."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import __version__
from generator.link.project import Project, load_project
from generator.problems import InvalidContent, Problems, Severity, UserError
from generator.report import FORMATS, format_text, summary

F = TypeVar("F", bound=Callable[..., Any])


class IsoDateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' is not a date; write it as YYYY-MM-DD", param, ctx)


root_option = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    help="The handbook repository (default: the current folder).")
as_of_option = click.option(
    "--as-of", "as_of", type=IsoDateParam(), default=None,
    help="Assess at this date (default: SOURCE_DATE_EPOCH, handbook.yml's as_of, else today).")


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def handle_errors(func: F) -> F:
    """The one place where failures become messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidContent as exc:
            items = exc.problems.sorted()
            echo_err(format_text(items))
            echo_err(f"stopped: {len(exc.problems.errors)} error(s) in the content; "
                     "nothing was written (run 'handbook check' for details)")
            sys.exit(1)
        except UserError as exc:
            echo_err(f"error: {exc.message}")
            if exc.hint:
                echo_err(f"    hint: {exc.hint}")
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say so plainly, show the trace only when asked
            echo_err(f"internal error: {type(exc).__name__}: {exc}")
            if os.environ.get("HANDBOOK_DEBUG"):
                echo_err(traceback.format_exc())
            else:
                echo_err("    this is a bug in handbook; set HANDBOOK_DEBUG=1 to see the details and report them")
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def load_valid(root: Path, as_of: dt.date | None = None, *, portfolios: bool = True) -> Project:
    """Load everything, or stop with every error; warnings go to stderr."""
    project, problems = load_project(root, as_of, portfolios=portfolios)
    if problems.errors:
        raise InvalidContent(problems)
    if problems.warnings:
        echo_err(format_text(problems.sorted()))
    return project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """Career handbook and readiness portfolio generator."""


@main.command()
@root_option
@as_of_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Output format: text, json, or github workflow annotations.")
@handle_errors
def check(root: Path, as_of: dt.date | None, strict: bool, fmt: str) -> None:
    """Validate every file and report every problem at once."""
    project, problems = load_project(root, as_of)
    exit_code = report_problems(problems, fmt, strict, project.files_read)
    sys.exit(exit_code)


def report_problems(problems: Problems, fmt: str, strict: bool, files: int) -> int:
    items = problems.sorted()
    if strict:
        items = [p if p.severity is Severity.ERROR else
                 type(p)(p.path, p.line, p.column, Severity.ERROR, p.code, p.message, p.hint) for p in items]
    output = FORMATS[fmt](items)
    if output:
        click.echo(output)
    if fmt == "text":
        echo_err(summary(items, files))
    return 1 if any(p.severity is Severity.ERROR for p in items) else 0


@main.command()
@click.argument("person")
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def readiness(person: str, root: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show PERSON's readiness for their target level."""
    from generator.assess.portfolio import assess_portfolio
    from generator.model.errors import did_you_mean
    from generator.render.terminal import print_readiness

    project = load_valid(root, as_of)
    portfolio = project.portfolio(person)
    if portfolio is None:
        ids = [p.id for p in project.portfolios]
        raise UserError(f"no portfolio for '{person}' under portfolios/",
                        did_you_mean(person, ids) or "people with portfolios: " + ", ".join(ids))
    result = assess_portfolio(project, portfolio)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        print_readiness(project, portfolio, result)


@main.command()
@root_option
@as_of_option
@click.option("--site/--no-site", default=True, help="Build the handbook site.")
@click.option("--portfolios/--no-portfolios", default=True, help="Build the readiness portfolios.")
@click.option("--pdf/--no-pdf", default=True, help="Render PDFs (handbook and portfolios).")
@click.option("--person", default=None, help="Build only this person's portfolio.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parallel PDF processes (default: cores).")
@click.option("--all-versions", is_flag=True, help="Also build every framework release tagged in git.")
@handle_errors
def build(root: Path, as_of: dt.date | None, site: bool, portfolios: bool, pdf: bool, person: str | None,
          jobs: int | None, all_versions: bool) -> None:
    """Build site/ (the handbook) and build/portfolios/ (readiness portfolios)."""
    from generator.build import BuildOptions, run_build

    options = BuildOptions(site=site, portfolios=portfolios, pdf=pdf, person=person, all_versions=all_versions)
    if jobs:
        options.jobs = jobs
    project = load_valid(root, as_of, portfolios=portfolios or person is not None)
    report = run_build(project, options)
    for skipped in report.skipped:
        echo_err(f"warning: {skipped}")
    echo_err(f"built in {report.seconds:.1f}s: {report.pages} pages, {report.portfolios} portfolios, "
             f"{report.pdfs} PDFs")


@main.command()
@click.argument("old")
@click.argument("new")
@root_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def diff(old: str, new: str, root: Path, fmt: str) -> None:
    """What changed from framework version OLD to NEW (working tree or git tags)."""
    from generator.assess.changes import diff_content
    from generator.link.versions import content_of
    from generator.render.changes import render_changes_text

    project = load_valid(root, portfolios=False)
    changes = diff_content(content_of(project, old), content_of(project, new))
    if fmt == "json":
        click.echo(json.dumps({"from": old, "to": new, "changes": [c.as_json() for c in changes]},
                              indent=2, ensure_ascii=False))
    else:
        click.echo(render_changes_text(old, new, changes))


@main.command()
@root_option
@handle_errors
def schema(root: Path) -> None:
    """Write JSON Schemas of every file format to schemas/."""
    from generator.schema import write_schemas

    for path in write_schemas(root / "schemas"):
        click.echo(f"wrote {path}")
