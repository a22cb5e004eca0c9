"""Calibration packets: the project with every person replaced by a stable code.

Codes are HMACs of the ids under a secret from the environment, so the same secret gives the
same codes in every build (a committee can follow one person across packets) while no one
without the secret can recompute them from the ids. Names, emails and handles are dropped;
free text (titles, bodies, feedback, waiver reasons, links, attachments) has every mention
of a known person replaced by that person's code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.link.project import LoadedEntry, Portfolio, Project
from generator.model.portfolio import Entry, FeedbackItem, Person
from generator.problems import UserError
from generator.read.git_history import Commit
from generator.render.name_forms import find_folded, fold, replace_folded, spellings, words_pattern
from generator.render.portfolio.links import confined

SECRET_ENV = "HANDBOOK_ANONYMISE_KEY"
MIN_SECRET = 16
TEXT_SUFFIXES = {".md", ".txt", ".csv", ".tsv", ".json", ".yml", ".yaml", ".svg", ".html", ".xml"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
UNKNOWN_EMAIL = "someone@calibration.invalid"
GENERATE = "export HANDBOOK_ANONYMISE_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"


def read_secret(environ: Mapping[str, str] | None = None) -> bytes:
    """The key from the environment; refuses a missing or short one (codes must not be guessable)."""
    value = (os.environ if environ is None else environ).get(SECRET_ENV, "")
    if not value.strip():
        raise UserError(f"{SECRET_ENV} is not set: calibration packets code every person with a secret key",
                        f"set it to a long random value kept out of the repository, e.g. {GENERATE}")
    if len(value.strip()) < MIN_SECRET:
        raise UserError(f"{SECRET_ENV} is too short ({len(value.strip())} characters): a short key can be guessed",
                        f"use at least {MIN_SECRET} random characters, e.g. {GENERATE}")
    return value.strip().encode("utf-8")


class Coder:
    """Stable codes for people, entries, files and commits under one secret."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def code(self, kind: str, value: str) -> str:
        return hmac.new(self.secret, f"{kind}\0{value}".encode(), hashlib.sha256).hexdigest()[:10]

    def person(self, person_id: str) -> str:
        return f"p-{self.code('person', person_id)}"

    def email(self, person_id: str) -> str:
        return f"{self.person(person_id)}@calibration.invalid"


class Scrubber:
    """Replaces every mention of a known person (name, name part, id, email, handle) by their code.

    Mentions are found in the folded form of the text (generator/render/name_forms.py), so a name
    pasted decomposed, with typographic apostrophes or dashes, in capitals or transliterated
    (Søren as Soren or Soeren, Straße as Strasse, Đorđe as Djordje) is replaced like the name as
    written in the profile.
    """

    def __init__(self, project: Project, coder: Coder) -> None:
        tokens: dict[str, str] = {}
        for person_id, name, email, handle in known_people(project):
            code = coder.person(person_id)
            words = {person_id, *(w for spelt in spellings(name) for w in {spelt, *re.split(r"[\s-]+", fold(spelt))})}
            if email:
                local = email.split("@", 1)[0]
                words |= {email, local, *re.split(r"[._+-]+", local)}
            if handle:
                words.add(handle.lstrip("@"))
            for word in words:
                if len(fold(word).strip()) >= 2:
                    tokens.setdefault(" ".join(fold(word).split()), code)
        self.tokens = tokens
        self.pattern = words_pattern(tokens)

    def __call__(self, text: str) -> str:
        text = EMAIL_RE.sub(lambda m: self.tokens.get(fold(m.group(0)), "[email]"), text)
        if self.pattern is None:
            return text
        return replace_folded(self.pattern, text, lambda found: self.tokens[" ".join(found.split())])


class LeakCheck:
    """Full names and emails of known people, in any form: a final check of the written packet.

    Only whole names, not single name parts, so a framework that mentions a common word that
    is also someone's first name does not stop the build; the scrubber replaced those too.
    Markup is read as the reader sees it: `Ad&#97; Lovelace` is a name in a page.
    """

    def __init__(self, project: Project) -> None:
        names = {spelt for _, name, _, _ in known_people(project) if len(fold(name).split()) > 1
                 for spelt in spellings(name)}
        emails = {e for _, _, e, _ in known_people(project) if e}
        self.pattern = words_pattern(names | emails)

    def __call__(self, text: str) -> list[str]:
        return [hit for _, _, hit in self.located(text)]

    def located(self, text: str) -> list[tuple[int, int, str]]:
        """(line, column, the name as written) of each known full name or email in `text`."""
        if self.pattern is None:
            return []
        found = []
        for index, hit in find_folded(self.pattern, text):
            line = text.count("\n", 0, index) + 1
            found.append((line, index - (text.rfind("\n", 0, index) + 1) + 1, hit))
        return found


def known_people(project: Project) -> list[tuple[str, str, str | None, str | None]]:
    """(id, name, email, handle) of everyone in people.yml and every profile."""
    people = [(p.id, p.name, p.email, p.handle) for p in project.people]
    people += [(p.id, p.profile.name, p.profile.email, p.profile.handle) for p in project.portfolios]
    return people


@dataclasses.dataclass
class Anonymised:
    project: Project
    history: dict[Path, Commit] | None
    key: dict[str, dict[str, str | None]]  # code → who it is
    scrub: Scrubber


def anonymise_project(project: Project, secret: bytes, workdir: Path,
                      history: dict[Path, Commit] | None) -> Anonymised:
    """The project with people coded; each portfolio's files are rewritten under `workdir`."""
    coder = Coder(secret)
    scrub = Scrubber(project, coder)
    emails = {e.lower(): pid for pid, _, e, _ in known_people(project) if e}
    key = {coder.person(pid): {"id": pid, "name": name, "email": email}
           for pid, name, email, _ in known_people(project)}
    # Ordered by code: an order by real id (alphabetical names) would tell who is who.
    people = sorted((Person(id=coder.person(p.id), name=coder.person(p.id).upper(), email=coder.email(p.id),
                            manager=coder.person(p.manager) if p.manager else None) for p in project.people),
                    key=lambda p: p.id)
    portfolios = []
    coded_history: dict[Path, Commit] | None = {} if history is not None else None
    for portfolio in sorted(project.portfolios, key=lambda p: coder.person(p.id)):
        coded = _portfolio(portfolio, coder, scrub, workdir)
        portfolios.append(coded)
        if coded_history is not None and history is not None:
            for old, new in zip(portfolio.entries, coded.entries, strict=True):
                commit = history.get(old.file.resolve())
                if commit:
                    who = emails.get(commit.email.strip().lower())
                    coded_history[new.file.resolve()] = Commit(
                        short=f"c-{coder.code('commit', commit.short)[:7]}",
                        author=coder.person(who).upper() if who else "someone",
                        email=coder.email(who) if who else UNKNOWN_EMAIL, date=commit.date)
    originals = sorted(project.portfolios, key=lambda p: coder.person(p.id))
    view = dataclasses.replace(project, people=people, portfolios=portfolios,
                               provenance=_provenance(originals, portfolios, scrub, project))
    return Anonymised(view, coded_history, key, scrub)


def _provenance(originals: list[Portfolio], coded: list[Portfolio], scrub: Scrubber,
                project: Project) -> dict[str, object]:
    """The real portfolios' verification facts under the coded ids: the coded files are not in git."""
    from generator.link.provenance import _GIT, Provenance, Verification, verify_portfolio

    cache: dict[str, object] = {}
    for old, new in zip(originals, coded, strict=True):
        facts = verify_portfolio(project, old)
        ids = {o.id: n.id for o, n in zip(old.entries, new.entries, strict=True)}
        cache[new.id] = Provenance(
            feedback={(ids[entry], n): Verification(v.status, scrub(v.reason))
                      for (entry, n), v in facts.feedback.items() if entry in ids},
            waivers={i: Verification(v.status, scrub(v.reason)) for i, v in facts.waivers.items()})
    if _GIT in project.provenance:
        cache[_GIT] = project.provenance[_GIT]
    return cache


def _portfolio(portfolio: Portfolio, coder: Coder, scrub: Scrubber, workdir: Path) -> Portfolio:
    code = coder.person(portfolio.id)
    folder = workdir / code
    files = _copy_files(portfolio, coder, scrub, folder)
    profile = portfolio.profile
    relations = {k: coder.person(getattr(profile, k)) for k in ("manager", "mentor", "sponsor") if getattr(profile, k)}
    coded_profile = profile.model_copy(update={
        "name": code.upper(), "email": coder.email(portfolio.id), "handle": None, **relations,
        "waivers": [w.model_copy(update={"reason": scrub(w.reason), "approved_by": coder.person(w.approved_by)})
                    for w in profile.waivers]})
    entries = [_entry(portfolio.id, loaded, coder, scrub, files, folder) for loaded in portfolio.entries]
    return Portfolio(code, folder, coded_profile, entries)


def _rewrite(text: str, files: dict[str, str]) -> str:
    """Point references to attachments at their coded names (before names are scrubbed)."""
    names = {PurePosixPath(old).name: PurePosixPath(new).name for old, new in files.items()}
    for old, new in sorted([*files.items(), *names.items()], key=lambda on: -len(on[0])):
        text = text.replace(old, new)
    return text


def _entry(person: str, loaded: LoadedEntry, coder: Coder, scrub: Scrubber, files: dict[str, str],
           folder: Path) -> LoadedEntry:
    meta = loaded.meta
    entry_id = f"{meta.date.isoformat()}-e{coder.code('entry', f'{person}/{loaded.id}')[:8]}"
    feedback = [FeedbackItem.model_validate({"from": coder.person(f.from_), "role": f.role, "text": scrub(f.text),
                                             "verdict": f.verdict}) for f in meta.feedback]
    coded = Entry.model_validate({
        **meta.model_dump(by_alias=True, exclude={"feedback"}), "title": scrub(meta.title), "feedback": feedback,
        "artifacts": [scrub(_rewrite(a, files)) for a in meta.artifacts],
        "from": coder.person(meta.from_) if meta.from_ else None})
    opened = loaded.opened  # sealed feedback this build could open: its text is scrubbed like any other
    if opened is not None:
        opened = opened.model_copy(update={"text": scrub(_rewrite(opened.text, files))})
    return LoadedEntry(entry_id, folder / "entries" / f"{entry_id}.md", coded, scrub(_rewrite(loaded.body, files)),
                       loaded.body_line, opened)


def _copy_files(portfolio: Portfolio, coder: Coder, scrub: Scrubber, folder: Path) -> dict[str, str]:
    """Copy the person's attachments under coded names: text scrubbed, images re-encoded without
    metadata; other files (PDFs, office documents) cannot be checked and are withheld.
    Returns old relative path → new relative path of every file, written or withheld."""
    root = portfolio.folder.resolve()
    written: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == "profile.yml" or rel.startswith("entries/") or confined(root, rel) != rel:
            continue
        suffix = PurePosixPath(rel).suffix.lower()
        new = f"attachments/f{coder.code('file', f'{portfolio.id}/{rel}')[:8]}{suffix}"
        target = folder / new
        target.parent.mkdir(parents=True, exist_ok=True)
        if suffix in TEXT_SUFFIXES:
            target.write_text(scrub(path.resolve().read_text(encoding="utf-8", errors="replace")), encoding="utf-8")
        elif suffix in IMAGE_SUFFIXES:
            _reencode(path.resolve(), target)
        written[rel] = new  # a withheld file keeps only its coded name; the page says it is not available
    return written


def _reencode(source: Path, target: Path) -> bool:
    """Pixels only: a fresh image file carries no text chunks, EXIF or comments."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            image.load()
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P" and (palette := image.getpalette()):
                clean.putpalette(palette)
            clean.save(target, format=image.format or "PNG")
        return True
    except (OSError, UnidentifiedImageError, ValueError):
        target.unlink(missing_ok=True)
        return False
