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
from pydantic_core import PydanticCustomError

from generator import __version__
from generator.link.load import load_project
from generator.link.project import Project
from generator.model.types import KINDS, ROLES, date_in_range
from generator.problems import InvalidContent, Problems, Severity, UserError, display_path, io_error, one_line
from generator.report import FORMATS, format_text, summary

F = TypeVar("F", bound=Callable[..., Any])


class IsoDateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return date_in_range(dt.date.fromisoformat(value))
        except PydanticCustomError as exc:  # a ValueError too: the date exists but is implausible
            self.fail(one_line(str(exc)), param, ctx)
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
        except (UserError, OSError) as exc:  # a full disk or a read-only folder is the user's to fix
            error = io_error(exc) if isinstance(exc, OSError) else exc
            echo_err(f"error: {error.message}")
            if error.hint:
                echo_err(f"    hint: {error.hint}")
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


# Quiet and verbose, shared by the commands that report progress or problems.
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
verbose_option = click.option("--verbose", "-v", is_flag=True,
                              help="Print more detail, such as every file written.")


def load_for_build(root: Path, as_of: dt.date | None, portfolios: bool, verbosity: int) -> tuple[Project, int]:
    """Like load_valid, but warnings are hidden by --quiet and counted for the summary."""
    project, problems = load_project(root, as_of, portfolios=portfolios)
    if problems.errors:
        raise InvalidContent(problems)
    if problems.warnings and verbosity >= 0:
        echo_err(format_text(problems.sorted()))
    return project, len(problems.warnings)


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
@click.option("--changed", "changed", is_flag=False, flag_value="", default=None, metavar="[BASE]",
              help="Report only problems in files changed against BASE (default: origin/HEAD, origin/main, "
                   "origin/master, main, master, else HEAD), including uncommitted and untracked files.")
@click.option("--staged", is_flag=True, help="Report only problems in files staged for the next commit.")
@click.option("--cache/--no-cache", default=True, help="Reuse unchanged people's results from .handbook-cache/.")
@quiet_option
@verbose_option
@handle_errors
def check(root: Path, as_of: dt.date | None, strict: bool, fmt: str, changed: str | None, staged: bool,
          cache: bool, quiet: bool, verbose: bool) -> None:
    """Validate every file and report every problem at once."""
    from generator.progress import Verbosity
    from generator.scope import read_scope

    if changed is not None and staged:
        raise click.UsageError("use either --changed or --staged, not both")
    scope = read_scope(root, changed, staged)
    if cache:
        from generator.link.incremental import check_with_cache

        project, problems = check_with_cache(root, as_of, scope.paths if scope is not None else None)
    else:
        project, problems = load_project(root, as_of)
    verbosity = Verbosity.from_flags(quiet, verbose)
    if scope is not None:
        problems = scope.select(problems)
        if verbosity >= Verbosity.VERBOSE:
            listed = ", ".join(sorted(scope.paths)) or "none"
            echo_err(f"reporting on {len(scope.paths)} {scope.description}: {listed}")
    note = f" (reporting on {len(scope.paths)} {scope.description})" if scope is not None else ""
    exit_code = report_problems(problems, fmt, strict, project.files_read, verbosity, note)
    sys.exit(exit_code)


def report_problems(problems: Problems, fmt: str, strict: bool, files: int, verbosity: int = 0,
                    note: str = "") -> int:
    items = problems.sorted()
    if strict:
        items = [p if p.severity is Severity.ERROR else
                 type(p)(p.path, p.line, p.column, Severity.ERROR, p.code, p.message, p.hint) for p in items]
    if verbosity < 0:  # --quiet: errors only
        items = [p for p in items if p.severity is Severity.ERROR]
    output = FORMATS[fmt](items)
    if output:
        click.echo(output)
    if fmt == "text" and verbosity >= 0:
        echo_err(summary(items, files) + note)
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
@click.argument("manager")
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def team(manager: str, root: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show what MANAGER's reporting line needs: status, due, overdue, stale, feedback owed."""
    from generator.render.teams import team_views
    from generator.render.teams.terminal import print_team

    view = team_views(load_valid(root, as_of), only=manager)[0]
    if fmt == "json":
        click.echo(json.dumps(view.as_json(), indent=2, ensure_ascii=False))
    else:
        print_team(view)


@main.command()
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def report(root: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show the programme report: participation, readiness over time, recalibration signals."""
    from generator.render.reports import programme_report
    from generator.render.reports.terminal import print_programme

    result = programme_report(load_valid(root, as_of))
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        print_programme(result)


@main.command()
@root_option
@as_of_option
@click.option("--site/--no-site", default=True, help="Build the handbook site.")
@click.option("--portfolios/--no-portfolios", default=True, help="Build the readiness portfolios.")
@click.option("--pdf/--no-pdf", default=True, help="Render PDFs (handbook and portfolios).")
@click.option("--person", default=None, help="Build only this person's portfolio.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parallel PDF processes (default: cores).")
@click.option("--all-versions", is_flag=True, help="Also build every framework release tagged in git.")
@click.option("--audience", "audiences", multiple=True, type=click.Choice(["committee", "teams", "programme"]),
              help="Private outputs to build (repeatable; default: all): committee portfolios, team views, "
                   "the programme report.")
@click.option("--anonymise", is_flag=True,
              help="Build calibration packets (build/calibration/) with people coded; needs HANDBOOK_ANONYMISE_KEY.")
@click.option("--shard", metavar="K/N", default=None, help="Build only the K-th of N stable shares of the portfolios.")
@click.option("--merge-shards", "merge", is_flag=True,
              help="Join the build/portfolios folders of N shard builds (given as arguments) and write the index.")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default=None,
              help="Site engine for this build (default: handbook.yml's site.engine, else mkdocs).")
@click.argument("shard_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@quiet_option
@verbose_option
@handle_errors
def build(root: Path, as_of: dt.date | None, site: bool, portfolios: bool, pdf: bool, person: str | None,
          jobs: int | None, all_versions: bool, audiences: tuple[str, ...], anonymise: bool, shard: str | None,
          merge: bool, engine: str | None, shard_dirs: tuple[Path, ...], quiet: bool, verbose: bool) -> None:
    """Build site/ (the handbook) and the private outputs under build/."""
    from generator.build import AUDIENCES, BuildOptions, run_build
    from generator.progress import TerminalProgress, Verbosity, render_build_summary, stderr_console

    if shard is not None and not shard.strip():
        # An empty K/N is falsy and would silently build every portfolio.
        raise click.UsageError("--shard needs K/N, like --shard 2/4 for the second of four runners")
    if bool(shard_dirs) != merge or (merge and (shard or person)) or (shard and person):
        raise click.UsageError("use --merge-shards DIR..., or --shard K/N, or --person ID (one of them)")
    if anonymise and (shard or merge):
        raise click.UsageError("--anonymise builds every packet at once; drop --shard and --merge-shards")
    options = BuildOptions(site=site, portfolios=portfolios, pdf=pdf, person=person, all_versions=all_versions,
                           audiences=audiences or tuple(AUDIENCES), anonymise=anonymise,
                           shard=shard, merge_shards=[d.resolve() for d in shard_dirs])
    if jobs:
        options.jobs = jobs
    verbosity = Verbosity.from_flags(quiet, verbose)
    project, warnings = load_for_build(root, as_of, portfolios or person is not None, verbosity)
    if engine:
        project.config.site.engine = engine  # type: ignore[assignment]  # click.Choice keeps it one of the two
    console = stderr_console()
    with TerminalProgress(console, verbosity) as progress:
        report = run_build(project, options, progress=progress)
    if (text := render_build_summary(report, warnings, project.root, verbosity)):
        echo_err(text)
    if report.problems.errors:
        echo_err(format_text(report.problems.sorted()))
        sys.exit(1)


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


@main.command("import")
@click.argument("matrix", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@click.option("--set", "set_id", default=None, help="Id of the competency set to write (default: the CSV's name).")
@click.option("--track", default=None, help="Put every row in this track (default: the CSV's track column).")
@handle_errors
def import_(matrix: Path, root: Path, set_id: str | None, track: str | None) -> None:
    """Write content files from a competency matrix CSV (competency, level, behaviour, ...)."""
    from generator.scaffold.matrix_import import import_matrix

    project, _ = load_project(root, portfolios=False)
    written, problems = import_matrix(project, matrix, set_id, track)
    if problems.errors:
        click.echo(format_text(problems.sorted()))
        echo_err(f"stopped: {len(problems.errors)} error(s); nothing was written")
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {display_path(path, project.root)}")


# --- The learner's and the framework owner's workflow: scaffolds, ownership, preview ---


def load_for_scaffold(root: Path) -> Project:
    """The project as far as it loads: scaffolds need the framework, not a spotless repository."""
    project, problems = load_project(root)
    if project.framework is None:
        raise InvalidContent(problems)
    if problems.errors:
        echo_err(f"note: the handbook has {len(problems.errors)} error(s); run 'handbook check' to see them")
    return project


@main.group()
def new() -> None:
    """Scaffold valid files: a portfolio entry, a person, or a whole handbook repository."""


@new.command("entry")
@root_option
@click.option("--person", default=None, help="Whose portfolio (default: the profile with your git user.email).")
@click.option("--kind", type=click.Choice(list(KINDS)), default=None, help="The kind of evidence (default: project).")
@click.option("--title", default=None, help="What the entry is about; also names the file.")
@click.option("--date", type=IsoDateParam(), default=None, help="When it happened (default: today).")
@click.option("--milestone", "milestones", multiple=True, help="A milestone it is evidence for; repeatable.")
@click.option("--competency", "competencies", multiple=True,
              help="A competency (or competency@level) it shows; repeatable.")
@click.option("--from", "giver", default=None, help="kind feedback: who gives it (default: you, from git).")
@click.option("--role", type=click.Choice(list(ROLES)), default=None, help="kind feedback: the giver's role.")
@click.option("--verdict", type=click.Choice(["met", "not_yet"]), default=None, help="kind feedback: the verdict.")
@click.option("--yes", "-y", is_flag=True, help="Never ask; use defaults for what is not given.")
@handle_errors
def new_entry(root: Path, person: str | None, kind: str | None, title: str | None, date: dt.date | None,
              milestones: tuple[str, ...], competencies: tuple[str, ...], giver: str | None, role: str | None,
              verdict: str | None, yes: bool) -> None:
    """Write portfolios/<person>/entries/<date>-<title>.md with valid front matter."""
    from generator.scaffold.entry import EntryRequest, draft_entry, write_entry
    from generator.scaffold.prompt import Prompter

    project = load_for_scaffold(root)
    request = EntryRequest(person, kind, title, date, list(milestones), giver, role, verdict, list(competencies))
    path = write_entry(project, draft_entry(project, request, Prompter.for_terminal(yes)))
    click.echo(f"wrote {display_path(path, project.root)}")
    echo_err("next: write what happened below the front matter, run 'handbook check', then commit it")


@new.command("person")
@root_option
@click.option("--id", "person_id", default=None, help="Person id (default: from the name).")
@click.option("--name", default=None, help="Full name.")
@click.option("--email", default=None, help="Email; commits with it count as this person's.")
@click.option("--handle", default=None, help="Code-host handle such as @ada, for CODEOWNERS.")
@click.option("--track", default=None, help="Career track id (default: the only track).")
@click.option("--level", default=None, help="Current level id.")
@click.option("--target", default=None, help="Target level id (default: the next level).")
@click.option("--since", type=IsoDateParam(), default=None, help="When the target was set (default: today).")
@click.option("--manager", default=None, help="Person id of the manager.")
@click.option("--mentor", default=None, help="Person id of the mentor.")
@click.option("--sponsor", default=None, help="Person id of the sponsor.")
@click.option("--yes", "-y", is_flag=True, help="Never ask; use defaults for what is not given.")
@handle_errors
def new_person(root: Path, person_id: str | None, name: str | None, email: str | None, handle: str | None,
               track: str | None, level: str | None, target: str | None, since: dt.date | None,
               manager: str | None, mentor: str | None, sponsor: str | None, yes: bool) -> None:
    """Write portfolios/<id>/profile.yml for a new learner."""
    from generator.scaffold.person import PersonRequest, draft_person, write_person
    from generator.scaffold.prompt import Prompter

    project = load_for_scaffold(root)
    request = PersonRequest(person_id, name, email, handle, track, level, target, since, manager, mentor, sponsor)
    path = write_person(project, draft_person(project, request, Prompter.for_terminal(yes)))
    click.echo(f"wrote {display_path(path, project.root)}")
    echo_err(f"next: add evidence with 'handbook new entry --person {path.parent.name}'")


@new.command("site")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="The handbook's name (default: Career Handbook).")
@handle_errors
def new_site(directory: Path, name: str | None) -> None:
    """Create a starter handbook repository in DIRECTORY (new or empty)."""
    from generator.scaffold.site import create_site

    for path in create_site(directory, name):
        click.echo(f"wrote {path.relative_to(directory).as_posix()}")
    echo_err(f"next: cd {directory} && git init && handbook check && handbook serve "
             "(and 'pre-commit install' to check every commit)")


@main.command()
@root_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write it (default: CODEOWNERS in the root).")
@handle_errors
def codeowners(root: Path, output: Path | None) -> None:
    """Write CODEOWNERS: content/ to the framework owners, each portfolio to its person and manager."""
    from generator.codeowners import codeowners_path, render_codeowners
    from generator.read.releases import git_prefix
    from generator.write.atomic import write_text

    project = load_valid(root)
    text, problems = render_codeowners(project, git_prefix(project.root) or "")
    if problems.items:
        echo_err(format_text(problems.sorted()))
    path = write_text(codeowners_path(project, output), text)
    click.echo(f"wrote {display_path(path, project.root)}")


@main.command()
@root_option
@as_of_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="<IP:PORT>",
              help="Address to serve on; only this machine can connect to 127.0.0.1.")
@click.option("--person", default=None, help="Also preview this person's portfolio (at /portfolio/).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@handle_errors
def serve(root: Path, as_of: dt.date | None, dev_addr: str, person: str | None, open_browser: bool) -> None:
    """Preview the handbook locally, rebuilding and reloading the page on every save."""
    from generator.serve import parse_dev_addr, serve_preview

    host, port = parse_dev_addr(dev_addr)
    project = load_valid(root, as_of, portfolios=person is not None)
    serve_preview(project, host, port, as_of=as_of, person=person, open_browser=open_browser)


@main.group()
def export() -> None:
    """Write the framework and achievements in open standards (CASE 1.1, Open Badges 3.0)."""


out_option = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                          help="Folder to write into (default: build/export/<format>/).")


@export.command("case")
@root_option
@out_option
@handle_errors
def export_case(root: Path, out: Path | None) -> None:
    """The framework as a CASE 1.1 package: domains, competencies, behaviours, level rubrics."""
    from generator.render.exports import default_dir, write_case

    project = load_valid(root, portfolios=False)
    for path in write_case(project, out or default_dir(project, "case")):
        click.echo(f"wrote {display_path(path, project.root)}")


@export.command("badges")
@root_option
@as_of_option
@out_option
@click.option("--person", default=None, help="Only this person's credentials.")
@handle_errors
def export_badges(root: Path, as_of: dt.date | None, out: Path | None, person: str | None) -> None:
    """An Open Badges 3.0 Achievement per milestone and unsigned credentials of the milestones people met."""
    from generator.render.exports import default_dir, write_badges

    project = load_valid(root, as_of)
    if person is not None and project.portfolio(person) is None:
        raise UserError(f"no portfolio for '{person}' under portfolios/", "pass the id of a folder in portfolios/")
    paths = write_badges(project, out or default_dir(project, "badges"), person)
    click.echo(f"wrote {len(paths)} file(s) to {display_path(out or default_dir(project, 'badges'), project.root)}")
from generator.commands.sources import sources  # noqa: E402

main.add_command(sources)
