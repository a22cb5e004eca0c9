"""`handbook new person`: a valid profile.yml for a new learner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from pathlib import Path

from generator.link.project import Project, validate
from generator.model.errors import did_you_mean
from generator.model.portfolio import Profile
from generator.model.types import SLUG_RE
from generator.problems import Problems, UserError, display_path
from generator.read.vcs import git_user_email
from generator.read.yaml_positions import read_yaml_text
from generator.scaffold.people import require_person
from generator.scaffold.prompt import Prompter
from generator.scaffold.text import create_file, slugify, yaml_scalar


@dataclass
class PersonRequest:
    id: str | None = None
    name: str | None = None
    email: str | None = None
    handle: str | None = None
    track: str | None = None
    level: str | None = None
    target: str | None = None
    since: dt.date | None = None
    manager: str | None = None
    mentor: str | None = None
    sponsor: str | None = None


PROFILE_KEYS = ("name", "email", "handle", "track", "level", "target", "since", "manager", "mentor", "sponsor")


def draft_person(project: Project, request: PersonRequest, prompter: Prompter) -> PersonRequest:
    """Every value of the profile from flags, prompts and defaults, checked against the handbook."""
    fw = project.framework
    if fw is None or not project.tracks:
        raise UserError("the handbook has no framework or tracks yet", "run 'handbook check' to see why")
    draft = PersonRequest(**{f.name: getattr(request, f.name) for f in fields(request)})
    draft.name = draft.name or prompter.text("Full name", "--name")
    draft.id = draft.id or prompter.text("Person id", "--id", slugify(draft.name) or None)
    _check_new_id(project, draft.id)
    if draft.email is None and prompter.interactive:
        # git's email is offered only while it is nobody's yet: an owner adding a colleague is not them
        own = git_user_email(project.root)
        taken = {(e or "").strip().casefold() for e in [*(p.email for p in project.people),
                                                         *(pf.profile.email for pf in project.portfolios)]}
        draft.email = prompter.optional("Email (commits by it are this person's)",
                                        own if own and own.strip().casefold() not in taken else None)
    tracks = [t.id for t in project.tracks]
    draft.track = draft.track or prompter.choice("Track", "--track", tracks, tracks[0] if len(tracks) == 1 else None)
    track = project.track(draft.track)
    if track is None:
        raise UserError(f"unknown track '{draft.track}'", did_you_mean(draft.track, tracks))
    levels = [lv.level for lv in track.levels]
    draft.level = _on_track(draft.level or prompter.choice("Current level", "--level", levels), levels, track.id)
    draft.target = _on_track(draft.target or prompter.choice("Target level", "--target", levels,
                                                             _next_level(levels, draft.level)), levels, track.id)
    draft.since = draft.since or dt.date.today()
    for role in ("manager", "mentor", "sponsor"):
        value = getattr(draft, role) or prompter.optional(f"{role.capitalize()} (person id)")
        setattr(draft, role, require_person(project, value, role) if value else None)
    return draft


def _on_track(level: str, levels: list[str], track: str) -> str:
    if level not in levels:
        raise UserError(f"level '{level}' is not on the {track} track", did_you_mean(level, levels))
    return level


def _next_level(levels: list[str], level: str | None) -> str | None:
    if level in levels and levels.index(level) + 1 < len(levels):
        return levels[levels.index(level) + 1]
    return level if level in levels else None


def _check_new_id(project: Project, person_id: str) -> None:
    if not SLUG_RE.match(person_id):
        raise UserError(f"'{person_id}' is not a valid person id", "use lowercase letters, digits and hyphens")
    if person_id in project.person_ids() or (project.portfolios_dir / person_id).exists():
        raise UserError(f"person '{person_id}' already exists; nothing was written",
                        "choose another id with --id")


def render_profile(project: Project, draft: PersonRequest) -> str:
    lines = []
    if (project.root / "schemas" / "profile.schema.json").is_file():
        lines.append("# yaml-language-server: $schema=../../schemas/profile.schema.json")
    for key in PROFILE_KEYS:
        value = getattr(draft, key)
        if value is None:
            continue
        text = value.isoformat() if isinstance(value, dt.date) else yaml_scalar(str(value))
        lines.append(f"{key}: {text}")
    return "\n".join(lines) + "\n"


def write_person(project: Project, draft: PersonRequest) -> Path:
    assert draft.id is not None
    path = project.portfolios_dir / draft.id / "profile.yml"
    text = render_profile(project, draft)
    problems = Problems()
    doc = read_yaml_text(text, display_path(path, project.root), problems)
    if doc is not None:
        validate(doc, Profile, problems)
    if problems.errors:
        first = problems.errors[0]
        raise UserError(f"the profile would not be valid: {first.message}", first.hint)
    written = create_file(path, text, project.root)
    (written.parent / "entries").mkdir(exist_ok=True)
    return written
