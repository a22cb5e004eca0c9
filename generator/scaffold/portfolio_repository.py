"""`handbook new portfolio DIR`: a person's own repository, checked against a framework fetched with git.

It holds handbook.yml (the framework and ref, and the person's id), profile.yml drafted against
that framework (its tracks, levels and people), entries/, and a pre-commit hook and CI workflows
(GitHub Actions and GitLab CI) that check it against the framework.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.link.load import load_project
from generator.link.project import validate
from generator.model.config import FrameworkSource
from generator.model.portfolio import Profile
from generator.problems import InvalidContent, Problems, UserError
from generator.read.framework_fetch import FrameworkUnavailable, fetch_framework
from generator.read.yaml_positions import read_yaml_text
from generator.render.schema import render_schemas
from generator.scaffold.install_source import install_source
from generator.scaffold.person import PersonRequest, draft_person, render_profile
from generator.scaffold.prompt import Prompter
from generator.scaffold.site import starter_files
from generator.scaffold.text import write_new_files, yaml_scalar

STARTER = "portfolio_starter"
OWN_SCHEMAS = ("handbook.schema.json", "profile.schema.json", "entry.schema.json", "plan.schema.json")


def parse_framework(text: str) -> FrameworkSource:
    """`URL@REF` (the last @ separates them, so git@host:path@v1 works) as a checked framework source."""
    url, at, ref = text.rpartition("@")
    if not at or not url or not ref:
        raise UserError(f"'{text}' does not name a ref after @",
                        "write the framework as URL@REF, like https://git.example.com/acme/framework.git@v2026.2")
    try:
        return FrameworkSource.model_validate({"git": url, "ref": ref})
    except ValidationError as exc:
        raise UserError(f"'{text}' is not a framework address and ref: {exc.errors()[0]['msg']}",
                        "write the framework as URL@REF, like https://git.example.com/acme/framework.git@v2026.2") \
            from exc


def portfolio_files(source: FrameworkSource, request: PersonRequest, prompter: Prompter) -> dict[str, str]:
    """Relative path -> text of the new repository: the framework is fetched to draft a valid profile."""
    assert source.git is not None and source.ref is not None
    try:
        fetched = fetch_framework(source.git, source.ref)
    except FrameworkUnavailable as exc:
        raise UserError(exc.message, exc.hint) from exc
    project, problems = load_project(fetched.folder)
    if project.framework is None:
        raise InvalidContent(problems)
    draft = draft_person(project, request, prompter)
    assert draft.id is not None and draft.name is not None
    # editor completion from this repository's own copy of the schemas (the framework's are not here)
    profile = "# yaml-language-server: $schema=schemas/profile.schema.json\n" + "".join(
        line + "\n" for line in render_profile(project, draft).splitlines()
        if not line.startswith("# yaml-language-server"))
    _validate_profile(profile)
    config = (f"# The framework this portfolio is assessed against: `handbook` fetches it into your cache.\n"
              f"# Moving to a new release: change ref and run `handbook check`.\n"
              f"framework: {{git: {yaml_scalar(source.git)}, ref: {yaml_scalar(source.ref)}}}\n"
              f"person: {draft.id}\n")
    spec = install_source()
    values = {"install_spec": spec.spec, "install_spec_yaml": yaml_scalar(spec.spec), "install_note": spec.note,
              "name": draft.name, "framework": f"{source.git} at {source.ref}"}
    schemas = {f"schemas/{name}": text for name, text in render_schemas().items() if name in OWN_SCHEMAS}
    return {"handbook.yml": config, "profile.yml": profile, **starter_files(values, STARTER), **schemas}


def _validate_profile(text: str) -> None:
    problems = Problems()
    doc = read_yaml_text(text, "profile.yml", problems)
    if doc is not None:
        validate(doc, Profile, problems)
    if problems.errors:
        first = problems.errors[0]
        raise UserError(f"the profile would not be valid: {first.message}", first.hint)


def create_portfolio(target: Path, files: dict[str, str]) -> list[Path]:
    """Write the files into `target` (new or empty) and an entries/ folder; nothing when a file exists."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(f"'{target}' exists and is not an empty folder; nothing was written",
                        "pass a new or empty folder")
    written = write_new_files(target, files)
    (target / "entries").mkdir(exist_ok=True)
    return written
