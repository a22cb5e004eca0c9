"""The loaded project: every model of a handbook repository, and how to load it."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from generator.link.brand import check_brand
from generator.link.changes import Content
from generator.link.own_repository import framework_of, framework_settings, names_framework
from generator.model.base import Strict, attach
from generator.model.competency import Competency, CompetencyFile
from generator.model.config import HandbookConfig
from generator.model.errors import report_validation_error
from generator.model.framework import Framework
from generator.model.plan import Plan
from generator.model.portfolio import Entry, PeopleFile, Person, Profile
from generator.model.track import Milestone, Track, TrackLevel
from generator.model.types import date_in_range
from generator.problems import Position, Problems, UserError, display_path
from generator.read.files import confined_files, refuse_link, shown_path
from generator.read.frontmatter import read_front_matter
from generator.read.nesting import MarkdownRefused, check_nesting
from generator.read.releases import Release
from generator.read.sealing import Identity, SealedContent
from generator.read.text import read_text
from generator.read.yaml_positions import Document, read_yaml_text

M = TypeVar("M", bound=Strict)
MAX_ENTRIES = 10_000  # per person: every build renders them all (the PDF prints in full only what counts)


@dataclass
class LoadedEntry:
    id: str
    file: Path
    meta: Entry
    body: str
    body_line: int
    opened: SealedContent | None = field(default=None, repr=False)  # the sealed: block, when a key opened it


@dataclass
class Portfolio:
    id: str
    folder: Path
    profile: Profile
    entries: list[LoadedEntry] = field(default_factory=list)
    plan: Plan | None = None  # plan.yml, when the person keeps one
    real_folder: str | None = field(default=None, repr=False, compare=False)  # resolved on first use


@dataclass(frozen=True)
class PersonFacts:
    """What others' checks need of a person's profile: who they are by email, who manages them, the committee."""

    email: str | None
    manager: str | None
    committee: bool
    path: str  # the profile's display path

    @classmethod
    def of(cls, profile: Profile) -> PersonFacts:
        return cls(profile.email, profile.manager, profile.committee, profile.path)


@dataclass
class Project:
    root: Path
    as_of: dt.date
    config: HandbookConfig = field(default_factory=HandbookConfig)
    framework: Framework | None = None
    competencies: list[Competency] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    portfolios: list[Portfolio] = field(default_factory=list)
    files_read: int = 0
    releases: list[Release] | None = None  # tagged releases, read on first use
    release_content: dict[str, Content] = field(default_factory=dict)
    # ids defined in files that failed validation: references to them are not reported again
    unresolved: dict[str, set[str]] = field(default_factory=lambda: {"track": set(), "competency": set(),
                                                                      "person": set()})
    # checks a project read from a tagged release, as `generator.link.load` checks this one
    checker: Callable[[Project, Problems], None] | None = field(default=None, repr=False, compare=False)
    # the private keys of whoever runs the command: they open sealed feedback while the project is linked
    identities: list[Identity] = field(default_factory=list, repr=False, compare=False)
    provenance: dict[str, Any] = field(default_factory=dict)  # verification of each portfolio, read on first use
    # people with a valid profile whose portfolio was not loaded (its check came from the cache)
    checked_people: set[str] = field(default_factory=set)
    # their facts, for the checks that look across people (one email each, reporting lines, the committee)
    directory: dict[str, PersonFacts] = field(default_factory=dict)
    # resolved competencies and track scopes (generator.link.competencies), computed on first use
    resolved_cache: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    _indexes: dict[str, tuple[list[Any], int, dict[str, Any]]] = field(default_factory=dict, repr=False)
    _known: tuple[dict[str, Any], dict[str, Any], int, frozenset[str]] | None = field(default=None, repr=False)
    # where private outputs are written instead of build/ (a sealed build renders them in a private folder)
    outputs_root: Path | None = field(default=None, repr=False, compare=False)
    # a person's own repository: the framework it names (its checkout), and the repository's own handbook.yml
    framework_root: Path | None = None
    own_config: HandbookConfig | None = field(default=None, repr=False, compare=False)

    @property
    def framework_dir(self) -> Path:
        """The folder of content/, themes/ and people.yml: the root, or the framework a person's repository names."""
        return self.framework_root or self.root

    @property
    def content_dir(self) -> Path:
        return self.framework_dir / "content"

    @property
    def portfolios_dir(self) -> Path:
        return self.framework_dir / "portfolios"

    @property
    def build_dir(self) -> Path:
        """The folder of the private outputs: build/, unless a sealed build renders them elsewhere first."""
        return self.outputs_root or self.root / "build"

    def _index(self, name: str, items: list[Any], key: Callable[[Any], Iterable[tuple[str, Any]]]) -> dict[str, Any]:
        """A dict over `items`, rebuilt when the list is replaced or changes length; the first id wins.

        Lookups run once per entry and reference, so a scan of every person or track per
        lookup would make loading grow with the square of the repository.
        """
        cached = self._indexes.get(name)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            index: dict[str, Any] = {}
            for item in items:
                for item_id, value in key(item):
                    index.setdefault(item_id, value)
            cached = self._indexes[name] = (items, len(items), index)
        return cached[2]

    def track(self, track_id: str) -> Track | None:
        return self._index("track", self.tracks, lambda t: [(t.id, t)]).get(track_id)

    def competency(self, competency_id: str) -> Competency | None:
        return self._index("competency", self.competencies, lambda c: [(c.id, c)]).get(competency_id)

    def portfolio(self, person_id: str) -> Portfolio | None:
        return self._index("portfolio", self.portfolios, lambda p: [(p.id, p)]).get(person_id)

    def milestone(self, ref: str) -> tuple[Track, TrackLevel, Milestone] | None:
        """Resolve `track-id/milestone-id`."""
        track_id = ref.partition("/")[0]
        found = self._index("milestone", self.tracks, lambda t: [
            (f"{t.id}/{m.id}", (t, level, m)) for level in t.levels for m in level.milestones]).get(ref)
        # with two tracks of one id, only the first one's milestones resolve
        return found if found and found[0] is self.track(track_id) else None

    def person_ids(self) -> set[str]:
        return set(self.known_people())

    def known_people(self) -> frozenset[str]:
        """Every person id (people.yml and portfolios), computed once per change of either list."""
        people = self._index("people", self.people, lambda p: [(p.id, p)])
        portfolios = self._index("portfolio", self.portfolios, lambda p: [(p.id, p)])
        known, checked = self._known, len(self.checked_people)
        if known is None or known[0] is not people or known[1] is not portfolios or known[2] != checked:
            self._known = (people, portfolios, len(self.checked_people),
                           frozenset(people.keys() | portfolios.keys() | self.checked_people))
        assert self._known is not None
        return self._known[3]

    def _person(self, person_id: str) -> Person | None:
        return self._index("people", self.people, lambda p: [(p.id, p)]).get(person_id)

    def email_of(self, person_id: str) -> str | None:
        portfolio = self.portfolio(person_id)
        if portfolio and portfolio.profile.email:
            return portfolio.profile.email
        person = self._person(person_id)
        return person.email if person else None

    def name_of(self, person_id: str) -> str:
        portfolio = self.portfolio(person_id)
        if portfolio:
            return portfolio.profile.name
        person = self._person(person_id)
        return person.name if person else person_id


def resolve_as_of(option: dt.date | None, config: HandbookConfig | None = None) -> dt.date:
    """--as-of, else SOURCE_DATE_EPOCH, else handbook.yml's as_of, else today."""
    if option:
        return option
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return date_in_range(dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date())
        except (ValueError, OverflowError, OSError) as exc:
            raise UserError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}",
                            "unset it or set it to a Unix timestamp") from exc
    if config and config.as_of:
        return config.as_of
    return dt.date.today()


def read_model(path: Path, model: type[M], project: Project, problems: Problems) -> M | None:
    """Read one YAML file into `model`, recording every problem found."""
    display = display_path(path, project.root)
    project.files_read += 1
    text = read_text(path, display, problems)
    doc = read_yaml_text(text, display, problems) if text is not None else None
    if doc is None:
        return None
    result = validate(doc, model, problems)
    if result is None:
        _remember_ids(project, model, doc.data)
    return result


def _remember_ids(project: Project, model: type[Strict], data: object) -> None:
    if not isinstance(data, dict):
        return
    if model is Track and isinstance(data.get("id"), str):
        project.unresolved["track"].add(data["id"])
    if model is CompetencyFile and isinstance(data.get("competencies"), list):
        project.unresolved["competency"].update(
            c["id"] for c in data["competencies"] if isinstance(c, dict) and isinstance(c.get("id"), str))
    if model is PeopleFile and isinstance(data.get("people"), list):
        project.unresolved["person"].update(
            p["id"] for p in data["people"] if isinstance(p, dict) and isinstance(p.get("id"), str))


def validate(doc: Document, model: type[M], problems: Problems) -> M | None:
    """The document's data as `model`, or None after recording located problems."""
    data = doc.data
    if not isinstance(data, dict):
        problems.add(doc.display, doc.at(()), "not-a-mapping", "expected keys and values at the top of the file",
                     f"start with the keys of a {model.__name__.lower()}, like 'name: ...'")
        return None
    _drop_empty_texts(doc, data, (), problems)
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        report_validation_error(exc, model, doc, problems)
        return None
    attach(result, doc)
    return result


EMPTY_AS_ABSENT = ("title", "summary")


def _drop_empty_texts(doc: Document, data: object, loc: tuple[str | int, ...], problems: Problems) -> None:
    """An empty `title:` or `summary:` is treated as absent, with a warning."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, (dict, list)):  # only containers can hold a key: texts are not visited
                _drop_empty_texts(doc, item, loc + (i,), problems)
    if not isinstance(data, dict):
        return
    for key in list(data):
        value = data[key]
        if key in EMPTY_AS_ABSENT and (value is None or (isinstance(value, str) and not value.strip())):
            problems.warn(doc.display, doc.key_at(loc + (key,)), "empty-value",
                          f"'{key}:' is empty and is treated as absent",
                          f"write the {key} after the colon, or remove the line")
            del data[key]
        elif isinstance(value, (dict, list)):
            _drop_empty_texts(doc, value, loc + (key,), problems)


def _yaml_files(project: Project, folder: Path, problems: Problems) -> list[Path]:
    return confined_files(folder, project.content_dir, project.root, problems, (".yml", ".yaml"), recursive=False)


def _read_entry(path: Path, project: Project, problems: Problems,
                folder_display: str | None = None, link: bool = True) -> LoadedEntry | None:
    # `folder_display`: the entries folder's display path, valid for a file there that is not a `link`
    display = f"{folder_display}/{path.name}" if folder_display and not link else display_path(path, project.root)
    project.files_read += 1
    text = read_text(path, display, problems)
    document = read_front_matter(text, display, problems) if text is not None else None
    if document is None:
        return None
    try:  # the build refuses it and skips the portfolio: say so before it gets that far
        check_nesting(document.body)
    except MarkdownRefused as exc:
        problems.warn(display, Position(document.body_line + exc.line - 1, 1), "markdown-nesting",
                      f"{exc.message}: this portfolio will not be built", exc.hint)
    meta = validate(document.meta, Entry, problems)
    if meta is None:
        return None
    document.meta.data = None  # the model holds it now: the raw mappings would double what entries cost
    return LoadedEntry(path.stem, path, meta, document.body, document.body_line)


def _read_portfolio(folder: Path, project: Project, problems: Problems) -> Portfolio | None:
    profile_path = folder / "profile.yml"
    if profile_path.is_symlink() and refuse_link(profile_path, folder, project.root, problems):
        project.unresolved["person"].add(folder.name)
        return None
    if not profile_path.is_file():
        problems.add(display_path(folder, project.root), Position(), "profile-missing",
                     f"portfolio folder '{folder.name}' has no profile.yml",
                     "add profile.yml with name, track, level, target and since (handbook new person)")
        return None
    profile = read_model(profile_path, Profile, project, problems)
    if profile is None:
        project.unresolved["person"].add(folder.name)
    entries_dir = folder / "entries"
    if entries_dir.exists() and not entries_dir.is_dir():
        problems.add(display_path(entries_dir, project.root), Position(), "entries-not-a-folder",
                     "'entries' is a file, but entries are read from a folder of that name",
                     "make 'entries' a folder and put one .md file per entry in it")
    links: set[Path] = set()
    paths = confined_files(entries_dir, folder, project.root, problems, (".md",), recursive=False, links=links)
    if len(paths) > MAX_ENTRIES:
        problems.add(display_path(entries_dir, project.root), Position(), "too-many-entries",
                     f"{len(paths)} entries, more than the limit of {MAX_ENTRIES} for one person",
                     "keep the entries a committee needs; older evidence no longer counts anyway")
        paths = []
    shown = display_path(entries_dir, project.root) if paths else None
    entries = [e for p in paths if (e := _read_entry(p, project, problems, shown, p in links))]
    plan_path = folder / "plan.yml"
    plan = read_model(plan_path, Plan, project, problems) if plan_path.is_file() else None
    return Portfolio(folder.name, folder, profile, entries, plan) if profile else None


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while loading.

    Loading allocates millions of small objects and frees almost none; every full
    collection would scan all of them again, so its cost would grow with the square of
    the repository. Reference counting still frees what is dropped. What was loaded is
    then frozen out of later collections too: otherwise the first one after loading scans
    it all (a loaded project holds no reference cycles for a collection to find).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def read_project(root: Path, as_of: dt.date | None = None, *,
                 portfolios: bool = True) -> tuple[Project, Problems]:
    """Read and validate every file; never raises for problems in the user's files.

    Cross-references are checked one stage up (`generator.link.load`), which also gives the
    project its checker for the releases it loads.
    """
    with paused_gc():
        return _read_project(root, as_of, portfolios)


def _read_project(root: Path, as_of: dt.date | None, portfolios: bool) -> tuple[Project, Problems]:
    root = root.resolve()
    if not root.is_dir():
        raise UserError(f"'{root}' is not a folder", "pass the handbook repository with --root")
    problems = Problems()
    project = Project(root=root, as_of=dt.date.today())
    config_path = root / "handbook.yml"
    if config_path.is_file() and not refuse_link(config_path, root, root, problems):
        project.config = read_model(config_path, HandbookConfig, project, problems) or HandbookConfig()
        check_brand(root, project.config, problems)
    # a person's repository whose handbook.yml is wrong: its errors, not the framework's files missing
    if project.config.framework is None and problems.errors and names_framework(root):
        return project, problems
    if project.config.framework is not None and not _use_framework(project, problems):
        return project, problems
    project.as_of = resolve_as_of(as_of, project.config)
    framework_path = project.content_dir / "framework.yml"
    if not framework_path.is_file():
        problems.add("content/framework.yml", Position(), "framework-missing", "content/framework.yml is missing",
                     "create it with name, version, domains and levels (handbook new site shows one)")
    elif not refuse_link(framework_path, project.content_dir, root, problems):
        project.framework = read_model(framework_path, Framework, project, problems)
    for path in _yaml_files(project, project.content_dir / "competencies", problems):
        if (loaded := read_model(path, CompetencyFile, project, problems)):
            for comp in loaded.competencies:
                comp._set = loaded.set or path.stem
                comp._expectations = loaded.expectations
            project.competencies.extend(loaded.competencies)
    project.tracks = [t for p in _yaml_files(project, project.content_dir / "tracks", problems)
                      if (t := read_model(p, Track, project, problems))]
    pages = confined_files(project.content_dir / "pages", project.content_dir, root, problems, (".md",),
                           recursive=True)
    for page in pages:
        project.files_read += 1
        if read_text(page, display_path(page, root), problems) is not None:
            project.pages.append(page)
    _default_titles(project)
    if portfolios:
        read_people(project, problems)
        for sub in portfolio_folders(project, problems):
            read_portfolio(sub, project, problems)
    return project, problems


def _use_framework(project: Project, problems: Problems) -> bool:
    """A person's own repository: content, themes and people.yml from the framework it names, and its settings."""
    own = project.config
    folder = framework_of(own, project.root, problems)
    if folder is None:
        return False
    project.framework_root, project.own_config = folder, own
    config, path = HandbookConfig(), folder / "handbook.yml"
    if path.is_file() and not refuse_link(path, folder, project.root, problems):
        config = read_model(path, HandbookConfig, project, problems) or config
    project.config = framework_settings(own, config)
    return True


def _default_titles(project: Project) -> None:
    """A track level without its own title is called by the framework level's name."""
    names = {lv.id: lv.name for lv in project.framework.levels} if project.framework else {}
    for track in project.tracks:
        for level in track.levels:
            if not level.title:
                level.title = names.get(level.level, level.level)


def read_people(project: Project, problems: Problems) -> None:
    """portfolios/people.yml, when there is one."""
    folder = project.portfolios_dir
    people_path = folder / "people.yml"
    if (people_path.is_file() and not refuse_link(people_path, folder, project.root, problems)
            and (people := read_model(people_path, PeopleFile, project, problems))):
        project.people = people.people


def portfolio_folders(project: Project, problems: Problems | None = None) -> list[Path]:
    """Every person folder of the sources handbook.yml's `portfolios:` names (generator.link.sources).

    A person's own repository is their one person folder.
    """
    from generator.link.sources import person_folders

    if project.framework_root is not None:
        return [project.root]
    return [p.folder for p in person_folders(project.root, project.config, problems)]


def person_id(project: Project) -> str:
    """In a person's own repository, their id: handbook.yml's `person:`, else the repository folder's name."""
    own = project.own_config
    return (own.person if own else None) or project.root.name


def read_portfolio(folder: Path, project: Project, problems: Problems, *, add: bool = True) -> Portfolio | None:
    """Read one person's folder and (with `add`) add it to the project when its profile is valid."""
    if folder.is_symlink():  # a person folder is one real folder, never a view of someone else's
        problems.add(shown_path(folder, project.root), Position(), "link-outside",
                     f"the person folder '{folder.name}' is a link, so it is not read",
                     "make it a real folder holding that person's own files")
        project.unresolved["person"].add(folder.name)
        return None
    if (portfolio := _read_portfolio(folder, project, problems)) and project.framework_root is not None:
        portfolio.id = person_id(project)
    if portfolio and add:
        project.portfolios.append(portfolio)
    return portfolio

