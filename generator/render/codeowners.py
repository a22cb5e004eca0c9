"""CODEOWNERS: who reviews changes to the framework and to each portfolio.

`content/` (and the repository settings) belong to the framework owners listed in
handbook.yml; each `portfolios/<id>/` to the person and their manager, named by the
`handle` (preferred) or `email` of their profile or people.yml entry. Later rules
win in CODEOWNERS, so the general rules come first: a default `*` rule gives every other
path (themes, .mailmap, CI settings, CODEOWNERS itself, a person folder not yet known) to
the framework owners, so no path is left without a reviewer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.link.project import Project
from generator.model.base import Strict
from generator.model.competency import Competency
from generator.model.portfolio import Profile
from generator.model.track import Track
from generator.problems import Position, Problems

# What only the framework owners may change: a theme renders every private page, .mailmap and
# people.yml say who is who, and a new folder under portfolios/ is a new person until its own
# rule (written once it has a profile) names them.
FRAMEWORK_PATHS = ("handbook.yml", "content/", "themes/", ".mailmap", "CODEOWNERS", "portfolios/",
                   "portfolios/people.yml")

HEADER = """\
# Written by `handbook codeowners` from handbook.yml and the portfolios' profiles.
# Do not edit by hand: change `owners` in handbook.yml, or `handle`/`email` of a person,
# then run `handbook codeowners` again.
"""


# A user (`@ada`), a team (`@acme/leads`) or an email: anything else (spaces, newlines, '#') could
# write a rule of its own into CODEOWNERS, such as a learner's "handle" giving them content/.
HANDLE_RE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38})(?:/[A-Za-z0-9_.-]{1,100})?$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def owner_token(record: Strict) -> str | None:
    """`@handle` for a code-host handle, else the email; None when the person has neither."""
    handle = getattr(record, "handle", None)
    if handle:
        return handle if handle.startswith("@") else f"@{handle}"
    return getattr(record, "email", None) or None


def is_owner_token(token: str) -> bool:
    """Whether `token` is one CODEOWNERS owner: a handle, a team or an email, and nothing more."""
    return bool(HANDLE_RE.match(token) or EMAIL_RE.match(token))


def _person_record(project: Project, person_id: str) -> Strict | None:
    portfolio = project.portfolio(person_id)
    if portfolio:
        return portfolio.profile
    return next((p for p in project.people if p.id == person_id), None)


def _owners_of(project: Project, person_id: str, problems: Problems, warned: set[str]) -> list[str]:
    record = _person_record(project, person_id)
    if record is None:
        return []  # an unknown id is already an error of `handbook check`
    token = owner_token(record)
    if token is not None and not is_owner_token(token):
        if person_id not in warned:
            warned.add(person_id)
            key = "handle" if getattr(record, "handle", None) else "email"
            problems.warn(record.path, record.pos(key), "bad-owner-handle",
                          f"'{person_id}' has the {key} {token[:60]!r}, which is not a code-host handle or an "
                          "email, so CODEOWNERS does not name them",
                          'write a handle such as "@their-name" (letters, digits, - and _) or a plain email')
        return []
    if token is None and person_id not in warned:
        warned.add(person_id)
        position = record.pos() if isinstance(record, Profile) else record.pos("id")
        problems.warn(record.path, position, "no-owner-handle",
                      f"'{person_id}' has neither a handle nor an email, so CODEOWNERS cannot name them",
                      "add handle: \"@their-name\" (or email:) to their profile or people.yml entry")
    return [token] if token else []


def render_codeowners(project: Project, prefix: str = "") -> tuple[str, Problems]:
    """The CODEOWNERS text; `prefix` is the handbook root's folder inside the git repository."""
    problems = Problems()
    lines = [HEADER]
    owners = [o for o in project.config.owners if o.strip()]
    if owners:
        lines.append("# Every path no later rule names: the framework owners.")
        lines.append(f"{f'/{prefix}' if prefix else '*'} {' '.join(owners)}")
        lines.append("")
        lines.append("# The framework, its theme, who is who, and this file: its owners review every change.")
        for pattern in FRAMEWORK_PATHS:
            lines.append(f"/{prefix}{pattern} {' '.join(owners)}")
        lines.append("")
    else:
        problems.warn("handbook.yml", Position(), "no-owners", "handbook.yml lists no owners, so content/ has none",
                      'add owners: ["@your-team"] (code-host handles or emails) to handbook.yml')
    lines += _content_owners(project, prefix)
    lines.append("# Each portfolio: the person and their manager.")
    warned: set[str] = set()
    for portfolio in sorted(project.portfolios, key=lambda p: p.id):
        people = [portfolio.id] + ([portfolio.profile.manager] if portfolio.profile.manager else [])
        tokens = list(dict.fromkeys(t for person in people for t in _owners_of(project, person, problems, warned)))
        rel = Path(os.path.relpath(portfolio.folder, project.root)).as_posix()
        if tokens and not rel.startswith("../"):  # a folder beside the handbook is owned in its own repository
            lines.append(f"/{prefix}{rel}/ {' '.join(tokens)}")
    return "\n".join(lines) + "\n", problems


def _content_owners(project: Project, prefix: str) -> list[str]:
    """Track files and competency files whose records name their own `owners`."""
    by_file: dict[str, list[str]] = {}
    records: list[Track | Competency] = [*project.tracks, *project.competencies]
    for record in records:
        owners = [o for o in record.owners if o.strip()]
        if owners and record.path != "<memory>":
            by_file.setdefault(record.path, [])
            by_file[record.path] += [o for o in owners if o not in by_file[record.path]]
    if not by_file:
        return []
    lines = ["# Tracks and competencies with owners of their own."]
    lines += [f"/{prefix}{path} {' '.join(owners)}" for path, owners in sorted(by_file.items())]
    return lines + [""]


def codeowners_path(project: Project, output: Path | None) -> Path:
    return output if output is not None else project.root / "CODEOWNERS"
