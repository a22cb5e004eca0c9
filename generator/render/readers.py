"""Who reads each private output: its sealed archive, the readers' keys, and where those keys belong.

Pure over the loaded project; `handbook build --seal` checks and uses it, `handbook access` shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.assess.team import manager_ids
from generator.link.project import Project
from generator.problems import Position, Problems, display_path

KEY_HINT = ("add the public key (age1... as `age-keygen -y KEYFILE` prints it, or the line of an SSH .pub file) "
            "under {where}")


@dataclass(frozen=True)
class Reader:
    """One reader of an archive: who, their keys, and the file and position where `keys:` belongs."""

    who: str
    keys: tuple[str, ...]
    path: str
    pos: Position
    where: str  # the key to add, as the hint names it


@dataclass(frozen=True)
class Archive:
    """One sealed output: build/sealed/<name>.tar.age holds `contents` (paths under build/) for `readers`."""

    name: str
    audience: str  # the build's --audience that renders it: committee, teams or programme
    description: str
    contents: tuple[str, ...]
    readers: tuple[Reader, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.tar.age"

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(k for r in self.readers for k in r.keys))


def _config_reader(project: Project, role: str, who: str) -> Reader:
    """The keys of `confidentiality.readers.<role>` in handbook.yml, located where they are (or belong)."""
    config = project.config
    path = display_path(project.root / "handbook.yml", project.root)
    secrecy = config.confidentiality
    if secrecy is None:
        return Reader(who, (), path, Position(), f"confidentiality.readers.{role} in handbook.yml")
    keys = tuple(getattr(secrecy.readers, role))
    pos = secrecy.readers.key_pos(role) if keys else secrecy.key_pos("readers") if "readers" in \
        secrecy.model_fields_set else config.key_pos("confidentiality")
    return Reader(who, keys, secrecy.path if secrecy.path != "<memory>" else path, pos,
                  f"confidentiality.readers.{role} in handbook.yml")


def person_reader(project: Project, person: str, role: str) -> Reader:
    """A person's own keys: their profile.yml, else their entry in people.yml."""
    portfolio = project.portfolio(person)
    entry = portfolio.profile if portfolio else project._person(person)
    who = f"{person} ({role})"
    if entry is None:  # a reference `check` reports: the reader is nowhere to add keys to
        return Reader(who, (), display_path(project.portfolios_dir / "people.yml", project.root), Position(),
                      f"keys: of a person '{person}' in portfolios/people.yml")
    pos = entry.key_pos("keys") if entry.keys else entry.pos()
    where = "keys: in their profile.yml" if portfolio else f"keys: of '{person}' in portfolios/people.yml"
    return Reader(who, tuple(entry.keys), entry.path, pos, where)


def committee_readers(project: Project) -> list[Reader]:
    """confidentiality.readers.committee, and every committee member with keys of their own."""
    readers = [_config_reader(project, "committee", "committee readers of handbook.yml")]
    members = sorted({p.id for p in project.portfolios if p.profile.committee}
                     | {p.id for p in project.people if p.committee})
    return readers + [person_reader(project, m, "committee member") for m in members]


def _committee(project: Project) -> tuple[Reader, ...]:
    """The committee readers who have keys; handbook.yml's (to locate the error) when nobody has one."""
    readers = committee_readers(project)
    return tuple(r for r in readers if r.keys) or (readers[0],)


def archives(project: Project, audiences: tuple[str, ...], person: str | None = None,
             anonymise: bool = False) -> list[Archive]:
    """The archives a build of these audiences writes (only the person's own with `person`)."""
    if anonymise:  # the packets for the committee; the key to their codes apart, for the programme
        return [Archive("calibration", "committee", "the anonymised calibration packets", ("calibration",),
                        _committee(project)),
                Archive("calibration-key", "programme", "who each code of the calibration packets is",
                        ("calibration-key.json",),
                        (_config_reader(project, "programme", "programme readers of handbook.yml"),))]
    people = [p.id for p in project.portfolios if person in (None, p.id)]
    found = []
    if "committee" in audiences and person is None:
        found.append(Archive("committee", "committee", "every portfolio and the committee index",
                             ("portfolios",), _committee(project)))
    if "committee" in audiences:
        found += [Archive(f"person-{p}", "committee", f"{p}'s own portfolio", (f"portfolios/{p}",),
                          (person_reader(project, p, "learner"),)) for p in people]
    if "teams" in audiences and person is None:
        found += [Archive(f"team-{m}", "teams", f"{m}'s team view and team calendar",
                          (f"teams/{m}", f"calendars/team-{m}.ics"), (person_reader(project, m, "manager"),))
                  for m in manager_ids(project)]
    if "programme" in audiences and person is None:
        # the list of every team view names every manager's team: the programme's overview, not a manager's
        found.append(Archive("programme", "programme", "the programme report and the list of team views",
                             ("reports", "teams/index.html", "teams/_theme"),
                             (_config_reader(project, "programme", "programme readers of handbook.yml"),)))
    return found


def check_readers(project: Project, found: list[Archive]) -> Problems:
    """A located error for every reader left without a key to an archive only they read, naming `keys:`."""
    problems = Problems()
    missing: dict[tuple[str, Position], tuple[Reader, list[str]]] = {}
    for archive in found:
        if not archive.keys:
            reader = archive.readers[0]
            missing.setdefault((reader.path, reader.pos), (reader, []))[1].append(archive.file)
    for (path, pos), (reader, files) in missing.items():
        who = reader.who.split(" (")[0]
        problems.add(path, pos, "reader-keys",
                     f"build --seal seals {', '.join(files)} for {who}, who has no public key (keys:) to seal it to",
                     KEY_HINT.format(where=reader.where))
    return problems
