"""`handbook feedback give` and `handbook feedback reseal`: feedback written, sealed when the policy says so."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from generator.commands.common import echo_err, load_for_scaffold, load_valid
from generator.link.project import LoadedEntry, Portfolio, Project
from generator.link.roles import role_refusal
from generator.link.sealed import READER_WORDS, policy, reader_keys, recipients
from generator.problems import UserError, display_path
from generator.read.sealing import SealedContent, seal
from generator.scaffold.entry import _check_competency, _check_milestone, _validate_text
from generator.scaffold.people import current_person, require_person, require_portfolio
from generator.scaffold.text import create_file
from generator.write.atomic import write_text

MAX_TEXT = 100_000
# The canonical block `feedback give` writes: the key, then the armour indented under it.
SEALED_BLOCK = re.compile(r"^sealed: \|\n(?:[ \t]+\S.*\n)+", re.MULTILINE)


def run_give(person: str, root: Path, role: str, milestones: tuple[str, ...], competencies: tuple[str, ...],
             verdict: str | None, text: str | None, giver: str | None, date: dt.date | None, force: bool) -> None:
    """Write PERSON a kind: feedback entry, with its verdict and text sealed when the policy seals ROLE."""
    project = load_for_scaffold(root)
    portfolio = require_portfolio(project, person)
    giver = _giver(project, portfolio, giver, role)
    track = portfolio.profile.track
    refs = [_check_milestone(project, m if "/" in m else f"{track}/{m}") for m in milestones]
    comps = [_check_competency(project, portfolio, c) for c in competencies]
    body = _text(text)
    content = SealedContent.model_validate({
        "person": person, "from": giver, "role": role, "date": date or dt.date.today(), "milestones": refs,
        "competencies": comps, "verdict": verdict, "text": body})
    rules = policy(project)
    sealed = bool(rules and role in rules.roles) or force
    if force and rules is None:
        raise UserError("--seal needs readers: handbook.yml has no confidentiality: section",
                        "add confidentiality.sealed_feedback.readers and their keys (docs/confidentiality.md)")
    if sealed:
        _say_who_cannot_open(project, portfolio)
        entry = render(content, seal(content, recipients(project, portfolio)))
    else:
        entry = render(content, None)
    path = _free_path(project, content)
    _validate_text(entry, display_path(path, project.root))
    create_file(path, entry, project.root)
    shown = display_path(path, project.root)
    click.echo(f"wrote {shown}" + (" (sealed)" if sealed else ""))
    echo_err(f"next: commit it yourself, so it counts as yours: git add {shown} && "
             f"git commit -m \"{role.capitalize()} feedback for {person}\"")


def _giver(project: Project, portfolio: Portfolio, giver: str | None, role: str) -> str:
    me = giver or current_person(project)
    if me is None:
        raise UserError("who gives this feedback is not known: your git user.email is nobody's in the handbook",
                        "pass --from YOUR-ID, or set git config user.email to the email of your profile or "
                        "portfolios/people.yml entry")
    me = require_person(project, me, "the feedback's giver")
    if me == portfolio.id and role != "self":
        raise UserError(f"{me} cannot give {role} feedback on their own portfolio", "use --role self")
    if role == "self" and me != portfolio.id:
        raise UserError(f"role self is {portfolio.id}'s own assessment, not feedback from {me}",
                        "give the role you have towards them, such as peer")
    if (refused := role_refusal(project, portfolio.profile, portfolio.id, me, role)):
        raise UserError(*refused)
    return me


def _text(text: str | None) -> str:
    if text is None:
        if not sys.stdin.isatty():
            text = sys.stdin.read(MAX_TEXT + 1)
        else:
            text = click.edit("\n# Write the feedback above; lines starting with # are dropped.\n") or ""
            text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    text = text.strip()
    if not text:
        raise UserError("the feedback has no text", "pass --text, pipe it on standard input, or write it in "
                        "the editor that opens")
    if len(text) > MAX_TEXT:
        raise UserError(f"the feedback is longer than {MAX_TEXT} characters", "keep it to what a committee reads")
    return text


def _say_who_cannot_open(project: Project, portfolio: Portfolio) -> None:
    for reader, keys in reader_keys(project, portfolio).items():
        if not keys:
            whom = getattr(portfolio.profile, reader, None) if reader in ("manager", "mentor", "sponsor") else None
            echo_err(f"note: {READER_WORDS[reader]}{f' ({whom})' if whom else ''} has no keys: listed, they could "
                     "not open it; run handbook feedback reseal once they add keys:")


def render(content: SealedContent, armour: str | None) -> str:
    """The entry: the envelope in the clear, then the sealed block, or the verdict and text in the clear."""
    lines = ["---", f"title: {content.role.capitalize()} feedback", f"date: {content.date.isoformat()}",
             "kind: feedback", f"from: {content.from_}", f"role: {content.role}"]
    if armour is None and content.verdict:
        lines.append(f"verdict: {content.verdict}")
    lines.append(f"milestones: [{', '.join(content.milestones)}]")
    if content.competencies:
        lines.append(f"competencies: [{', '.join(content.competencies)}]")
    if armour is None:
        return "\n".join([*lines, "---", content.text]) + "\n"
    lines.append(f"sealed_digest: {content.digest()}")
    return "\n".join([*lines, sealed_block(armour).rstrip("\n"), "---"]) + "\n"


def sealed_block(armour: str) -> str:
    return "sealed: |\n" + "".join(f"  {line}\n" for line in armour.strip().splitlines())


def _free_path(project: Project, content: SealedContent) -> Path:
    """entries/<date>-<role>-feedback-<giver>.md, numbered when that name is taken."""
    portfolio = project.portfolio(content.person)  # its folder in whichever source holds it
    folder = (portfolio.folder if portfolio else project.portfolios_dir / content.person) / "entries"
    stem = f"{content.date.isoformat()}-{content.role}-feedback-{content.from_}"
    n = 1
    while (path := folder / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")).exists() or path.is_symlink():
        n += 1
    return path


def run_reseal(root: Path) -> None:
    """Re-encrypt every sealed feedback entry the identities open to the readers handbook.yml names now."""
    project = load_valid(root)
    if not project.identities:
        raise UserError("reseal needs the key of a reader", "pass --identity FILE or set HANDBOOK_IDENTITY")
    done = []
    for portfolio in project.portfolios:
        for loaded in portfolio.entries:
            if loaded.opened is not None and _reseal(project, portfolio, loaded):
                done.append(display_path(loaded.file, project.root))
    for shown in done:
        click.echo(f"resealed {shown}")
    if not done:
        click.echo("nothing to reseal: no sealed feedback opens with these keys")
        return
    echo_err("next: check and commit them: handbook check && git commit -m \"Reseal feedback\" -- "
             + " ".join(done))


def _reseal(project: Project, portfolio: Portfolio, loaded: LoadedEntry) -> bool:
    assert loaded.opened is not None
    text = loaded.file.read_text(encoding="utf-8")
    end = text.find("\n---", 3)
    found = SEALED_BLOCK.search(text, 0, end + 1 if end > 0 else len(text))
    if found is None:
        echo_err(f"note: {display_path(loaded.file, project.root)}: its sealed: block is not written as "
                 "handbook feedback give writes it (sealed: | and the armour below it); it was left as it is")
        return False
    block = sealed_block(seal(loaded.opened, recipients(project, portfolio)))
    write_text(loaded.file, text[:found.start()] + block + text[found.end():])
    return True
