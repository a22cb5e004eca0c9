"""The `handbook` command line: its options, and the one place failures become exit codes.

Each command hands its work to its module in generator/commands/.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click
from pydantic_core import PydanticCustomError

from generator import __version__
from generator.commands.common import echo_err
from generator.commands.identities import identity_option
from generator.model.config import Engine
from generator.model.types import KINDS, ROLES, date_in_range
from generator.problems import InvalidContent, UserError, io_error, one_line, printable
from generator.render.problem_formats import FORMATS, format_text

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
            echo_err(f"error: {printable(error.message)}")
            if error.hint:
                echo_err(f"    hint: {printable(error.hint)}")
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

    return cast(F, wrapper)


# Quiet and verbose, shared by the commands that report progress or problems.
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
verbose_option = click.option("--verbose", "-v", is_flag=True,
                              help="Print more detail, such as every file written.")


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
@identity_option
def check(root: Path, as_of: dt.date | None, strict: bool, fmt: str, changed: str | None, staged: bool,
          cache: bool, quiet: bool, verbose: bool) -> None:
    """Validate every file and report every problem at once."""
    from generator.commands.check import run_check

    if changed is not None and staged:
        raise click.UsageError("use either --changed or --staged, not both")
    sys.exit(run_check(root, as_of, strict, fmt, changed, staged, cache, quiet, verbose))


@main.command()
@click.argument("person")
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
@identity_option
def readiness(person: str, root: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show PERSON's readiness for their target level."""
    from generator.commands.readiness import run_readiness

    run_readiness(person, root, as_of, fmt)


@main.command()
@click.argument("manager")
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
@identity_option
def team(manager: str, root: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show what MANAGER's reporting line needs: status, due, overdue, stale, feedback owed."""
    from generator.commands.team import run_team

    run_team(manager, root, as_of, fmt)


@main.command()
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
@identity_option
def report(root: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show the programme report: participation, readiness over time, recalibration signals."""
    from generator.commands.report import run_report

    run_report(root, as_of, fmt)


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
@click.option("--seal", is_flag=True,
              help="Write each private output as an age-encrypted archive for its readers (build/sealed/), "
                   "none in the clear.")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default=None,
              help="Site engine for this build (default: handbook.yml's site.engine, else mkdocs).")
@click.argument("shard_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@quiet_option
@verbose_option
@handle_errors
@identity_option
def build(root: Path, as_of: dt.date | None, site: bool, portfolios: bool, pdf: bool, person: str | None,
          jobs: int | None, all_versions: bool, audiences: tuple[str, ...], anonymise: bool, shard: str | None,
          merge: bool, seal: bool, engine: str | None, shard_dirs: tuple[Path, ...], quiet: bool,
          verbose: bool) -> None:
    """Build site/ (the handbook) and the private outputs under build/."""
    from generator.commands.build import AUDIENCES, BuildOptions, run_build_command

    if shard is not None and not shard.strip():
        # An empty K/N is falsy and would silently build every portfolio.
        raise click.UsageError("--shard needs K/N, like --shard 2/4 for the second of four runners")
    if bool(shard_dirs) != merge or (merge and (shard or person)) or (shard and person):
        raise click.UsageError("use --merge-shards DIR..., or --shard K/N, or --person ID (one of them)")
    if seal and shard:
        raise click.UsageError("--seal seals whole audiences; build the shards, merge them with "
                               "--merge-shards --seal")
    if anonymise and (shard or merge):
        raise click.UsageError("--anonymise builds every packet at once; drop --shard and --merge-shards")
    options = BuildOptions(site=site, portfolios=portfolios, pdf=pdf, person=person, all_versions=all_versions,
                           audiences=audiences or tuple(AUDIENCES), anonymise=anonymise,
                           shard=shard, merge_shards=[d.resolve() for d in shard_dirs], seal=seal)
    if jobs:
        options.jobs = jobs
    sys.exit(run_build_command(root, as_of, options, cast(Engine | None, engine), quiet, verbose))


@main.command()
@click.argument("old")
@click.argument("new")
@root_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown: release notes for the framework owners' review; with --people they name people, "
                   "so keep them off the public site.")
@click.option("--people", is_flag=True,
              help="Also list each person whose milestone or overall status differs between the versions, and why.")
@handle_errors
@identity_option
def diff(old: str, new: str, root: Path, as_of: dt.date | None, fmt: str, people: bool) -> None:
    """What changed from framework version OLD to NEW (working tree or git tags)."""
    from generator.commands.diff import run_diff

    run_diff(old, new, root, fmt, people=people, as_of=as_of)


@main.command()
@root_option
@handle_errors
def schema(root: Path) -> None:
    """Write JSON Schemas of every file format to schemas/."""
    from generator.commands.schema import run_schema

    run_schema(root)


@main.command("import")
@click.argument("matrix", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@click.option("--set", "set_id", default=None, help="Id of the competency set to write (default: the CSV's name).")
@click.option("--track", default=None, help="Put every row in this track (default: the CSV's track column).")
@handle_errors
def import_(matrix: Path, root: Path, set_id: str | None, track: str | None) -> None:
    """Write content files from a competency matrix CSV (competency, level, behaviour, ...)."""
    from generator.commands.import_matrix import run_import

    sys.exit(run_import(matrix, root, set_id, track))


# --- The learner's and the framework owner's workflow: scaffolds, ownership, preview ---


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
    from generator.commands.new import run_new_entry

    run_new_entry(root, person, kind, title, date, milestones, competencies, giver, role, verdict, yes)


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
    from generator.commands.new import run_new_person

    run_new_person(root, person_id, name, email, handle, track, level, target, since, manager, mentor, sponsor,
                   yes)


@new.command("site")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="The handbook's name (default: Career Handbook).")
@handle_errors
def new_site(directory: Path, name: str | None) -> None:
    """Create a starter handbook repository in DIRECTORY (new or empty)."""
    from generator.commands.new import run_new_site

    run_new_site(directory, name)


@main.command()
@root_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write it (default: CODEOWNERS in the root).")
@handle_errors
def codeowners(root: Path, output: Path | None) -> None:
    """Write CODEOWNERS: content/ to the framework owners, each portfolio to its person and manager."""
    from generator.commands.codeowners import run_codeowners

    run_codeowners(root, output)


@main.command()
@root_option
@as_of_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="<IP:PORT>",
              help="Address to serve on; only this machine can connect to 127.0.0.1.")
@click.option("--person", default=None, help="Also preview this person's portfolio (at /portfolio/<id>/).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@handle_errors
@identity_option
def serve(root: Path, as_of: dt.date | None, dev_addr: str, person: str | None, open_browser: bool) -> None:
    """Preview the handbook locally, rebuilding and reloading the page on every save."""
    from generator.commands.serve import run_serve

    run_serve(root, as_of, dev_addr, person, open_browser)


@main.command()
@root_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def access(root: Path, fmt: str) -> None:
    """Show who can read each private output and each role's feedback, and with how many keys."""
    from generator.commands.access import run_access

    run_access(root, fmt)


@main.group()
def export() -> None:
    """Write the framework and achievements in open standards (CASE 1.1, Open Badges 3.0) or as CSV."""


out_option = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                          help="Folder to write into (default: build/export/<format>/).")


@export.command("case")
@root_option
@out_option
@handle_errors
def export_case(root: Path, out: Path | None) -> None:
    """The framework as a CASE 1.1 package: domains, competencies, behaviours, level rubrics."""
    from generator.commands.export import run_export_case

    run_export_case(root, out)


@export.command("csv")
@root_option
@out_option
@handle_errors
def export_csv(root: Path, out: Path | None) -> None:
    """The competencies as a CSV matrix for a spreadsheet, which `handbook import` reads back."""
    from generator.commands.export import run_export_csv

    run_export_csv(root, out)


@export.command("badges")
@root_option
@as_of_option
@out_option
@click.option("--person", default=None, help="Only this person's credentials.")
@handle_errors
def export_badges(root: Path, as_of: dt.date | None, out: Path | None, person: str | None) -> None:
    """An Open Badges 3.0 Achievement per milestone and unsigned credentials of the milestones people met."""
    from generator.commands.export import run_export_badges

    run_export_badges(root, as_of, out, person)


@main.group()
def feedback() -> None:
    """Give feedback on someone's portfolio, sealed for its readers when handbook.yml says so."""


@feedback.command("give")
@click.argument("person")
@root_option
@click.option("--role", type=click.Choice(list(ROLES)), required=True, help="Your role towards them.")
@click.option("--milestone", "milestones", multiple=True, help="A milestone it is about; repeatable.")
@click.option("--competency", "competencies", multiple=True, help="A competency it confirms; repeatable.")
@click.option("--verdict", type=click.Choice(["met", "not_yet"]), default=None,
              help="Whether you judge the milestones met.")
@click.option("--text", default=None, help="The feedback (default: standard input, else your $EDITOR).")
@click.option("--from", "giver", default=None, help="Your person id (default: from git config user.email).")
@click.option("--date", type=IsoDateParam(), default=None, help="When it was given (default: today).")
@click.option("--seal", "force", is_flag=True, help="Seal it even when handbook.yml does not seal ROLE.")
@handle_errors
def feedback_give(person: str, root: Path, role: str, milestones: tuple[str, ...], competencies: tuple[str, ...],
                  verdict: str | None, text: str | None, giver: str | None, date: dt.date | None,
                  force: bool) -> None:
    """Write PERSON a kind: feedback entry, its verdict and text sealed when the policy seals ROLE."""
    from generator.commands.feedback import run_give

    run_give(person, root, role, milestones, competencies, verdict, text, giver, date, force)


@feedback.command("reseal")
@root_option
@handle_errors
@identity_option
def feedback_reseal(root: Path) -> None:
    """Re-encrypt the sealed feedback your --identity opens to the readers handbook.yml names now."""
    from generator.commands.feedback import run_reseal

    run_reseal(root)



@main.command()
@root_option
@handle_errors
def sources(root: Path) -> None:
    """List each portfolio source, its person folders, and the repository and last commit of each."""
    from generator.commands.sources import run_sources

    sys.exit(run_sources(root))
