"""`handbook new entry|person|site`: valid files to start from, never overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.commands.common import echo_err, load_for_scaffold
from generator.problems import display_path


def run_new_entry(root: Path, person: str | None, kind: str | None, title: str | None, date: dt.date | None,
                  milestones: tuple[str, ...], competencies: tuple[str, ...], giver: str | None, role: str | None,
                  verdict: str | None, yes: bool) -> None:
    from generator.scaffold.entry import EntryRequest, draft_entry, write_entry
    from generator.scaffold.prompt import Prompter

    project = load_for_scaffold(root)
    request = EntryRequest(person, kind, title, date, list(milestones), giver, role, verdict, list(competencies))
    path = write_entry(project, draft_entry(project, request, Prompter.for_terminal(yes)))
    click.echo(f"wrote {display_path(path, project.root)}")
    echo_err("next: write what happened below the front matter, run 'handbook check', then commit it")


def run_new_person(root: Path, person_id: str | None, name: str | None, email: str | None, handle: str | None,
                   track: str | None, level: str | None, target: str | None, since: dt.date | None,
                   manager: str | None, mentor: str | None, sponsor: str | None, yes: bool) -> None:
    from generator.scaffold.person import PersonRequest, draft_person, write_person
    from generator.scaffold.prompt import Prompter

    project = load_for_scaffold(root)
    request = PersonRequest(person_id, name, email, handle, track, level, target, since, manager, mentor, sponsor)
    path = write_person(project, draft_person(project, request, Prompter.for_terminal(yes)))
    click.echo(f"wrote {display_path(path, project.root)}")
    echo_err(f"next: add evidence with 'handbook new entry --person {path.parent.name}'")


def run_new_site(directory: Path, name: str | None) -> None:
    from generator.scaffold.site import create_site

    for path in create_site(directory, name):
        click.echo(f"wrote {path.relative_to(directory).as_posix()}")
    echo_err(f"next: cd {directory} && git init && handbook check && handbook serve "
             "(and 'pre-commit install' to check every commit)")


def run_new_portfolio(directory: Path, framework: str, person_id: str | None, name: str | None, email: str | None,
                      handle: str | None, track: str | None, level: str | None, target: str | None,
                      since: dt.date | None, manager: str | None, mentor: str | None, sponsor: str | None,
                      yes: bool) -> None:
    from generator.scaffold.person import PersonRequest
    from generator.scaffold.portfolio_repository import create_portfolio, parse_framework, portfolio_files
    from generator.scaffold.prompt import Prompter

    source = parse_framework(framework)
    request = PersonRequest(person_id, name, email, handle, track, level, target, since, manager, mentor, sponsor)
    for path in create_portfolio(directory, portfolio_files(source, request, Prompter.for_terminal(yes))):
        click.echo(f"wrote {path.relative_to(directory).as_posix()}")
    echo_err(f"next: cd {directory} && git init && git add -A && git commit -m 'My portfolio' && handbook check "
             "(and 'pre-commit install' to check every commit)")
