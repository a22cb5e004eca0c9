"""Rebuild only the portfolios whose inputs changed; reuse the others' HTML, PDF and files.

A person's output folder carries a stamp: the hash of everything their page is made
from. That is their own folder (entries, profile, attachments), the provenance of those
files (who added each; for verification, the newest commit that touched each and the
signing setup), the parts of the content the page shows (framework, competencies, their track and
any track their entries link), people.yml and every profile (names and emails of the
people involved), the theme, our code and the renderers' versions, the as-of date and
whether a PDF is made. An unchanged stamp means the previous folder is taken as it is
(hard links, so the previous output stays intact until the swap); a changed stamp whose
page comes out the same takes the previous PDF. A person pinned to a tagged release is
always rendered. Team views and the programme report are keyed by their people's keys.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.metadata import version as package_version
from pathlib import Path

from generator.link.project import Portfolio, Project
from generator.read.git_history import Commit, newest_commits, repository_top, run_git
from generator.write.cache import PACKAGE, Cache, digest, package_files
from generator.write.stamps import STAMP, Stamp, link_file, link_tree, page_hash, read_stamp, write_stamp

__all__ = ["STAMP", "Reuse", "Stamp", "write_stamp"]
TOOLS = ("weasyprint", "jinja2", "markdown", "pymdown-extensions", "nh3", "icalendar")


@functools.cache
def _package_hash() -> str:
    digest_ = hashlib.sha256()
    for path in package_files():
        digest_.update(f"{path.relative_to(PACKAGE).as_posix()}\0".encode())
        digest_.update(hashlib.sha256(path.read_bytes()).digest())
    return digest_.hexdigest()


class Reuse:
    """Stamps for one build: `key` per person, `take` the previous folder when its stamp matches."""

    def __init__(self, project: Project, out: Path, themes: tuple[Path, ...], pdf: bool,
                 history: dict[Path, Commit] | None) -> None:
        self.project, self.out, self.pdf, self.history = project, out, pdf, history
        self.cache = Cache(project.root, "build")
        root = project.root
        shared = [self._file(root / "handbook.yml"), self._file(project.framework_dir / "handbook.yml"),
                  self._file(project.portfolios_dir / "people.yml"),
                  self._file(project.content_dir / "framework.yml"),
                  self._tree(project.content_dir / "competencies"),
                  sorted((p.id, self._file(p.folder / "profile.yml")) for p in project.portfolios),
                  self.themes(themes)]
        # who builds: their keys open sealed feedback, so a page built with them is never taken without them
        readers = sorted(i.public or i.path for i in project.identities)
        self.shared = digest(shared, _package_hash(), [package_version(t) for t in TOOLS],
                             project.as_of.isoformat(), pdf, readers)
        self.reused = 0
        self._people: dict[str, str | None] = {}

    def _file(self, path: Path) -> str:
        rel = Path(os.path.relpath(path, self.project.root)).as_posix()  # a person folder may sit beside the root
        return (self.cache.file_hash(path, rel) or "-") if path.is_file() else "-"

    def _tree(self, folder: Path) -> str:
        return self.cache.tree_hash(folder) if folder.is_dir() else "-"

    def themes(self, themes: tuple[Path, ...]) -> list[str]:
        """The theme folders' content (the packaged ones are covered by the package hash)."""
        own = (self.project.root, self.project.framework_dir)
        return [self._tree(t) if any(t.is_relative_to(o) for o in own) else str(t) for t in themes]

    def tracks(self) -> str:
        return self._tree(self.project.content_dir / "tracks")

    def person(self, portfolio: Portfolio) -> str | None:
        """The hash of one person's own inputs (not their cohort's); None when it cannot be told."""
        if portfolio.id not in self._people:
            self._people[portfolio.id] = self._person(portfolio)
        return self._people[portfolio.id]

    def _person(self, portfolio: Portfolio) -> str | None:
        profile = portfolio.profile
        assert self.project.framework is not None
        dated = self.project.framework.readiness.assess_against == "release_at_since"
        if profile.framework is not None or dated or portfolio.folder.is_symlink():  # another release: no reuse
            return None
        tracks = {profile.track} | {ref.partition("/")[0] for e in portfolio.entries for ref in e.meta.milestones}
        track_files = []
        for track_id in sorted(tracks):
            track = self.project.track(track_id)
            track_files.append((track_id, self._file(self.project.root / track.path) if track else "-"))
        provenance = []
        if self.history is not None:
            provenance = [(e.id, repr(self.history.get(e.file.resolve()))) for e in portfolio.entries]
        # What verification is made from, without running it: a file's blame is fixed by its content
        # and the newest commit that touched it, a signature's check by the signing setup.
        verification = (self.changes().get(portfolio.id, []), self.trust()) if self.history is not None else None
        return digest(self.shared, self._tree(portfolio.folder), track_files, provenance, self.history is None,
                      verification)

    @functools.cache  # noqa: B019  (one Reuse per build)
    def changes(self) -> dict[str, list[tuple[str, str]]]:
        """Person id → (file, newest commit that touched it) for their committed files, from one `git log`."""
        inside = self.project.portfolios_dir.resolve()
        # a person's own repository: portfolios/ (people.yml) is the framework's, which holds no one's files
        newest = newest_commits(self.project.root, inside) if inside.is_relative_to(self.project.root) else {}
        people: dict[str, list[tuple[str, str]]] = {}
        for name, sha in sorted(newest.items()):
            parts = name.split("/")
            if len(parts) > 2:
                people.setdefault(parts[1], []).append((name, sha))
        for portfolio in self.project.portfolios:  # the other sources, and clones inside portfolios/: their own
            folder = portfolio.folder.resolve()
            own = (folder / ".git").exists() or not folder.is_relative_to(inside)
            if own and (top := repository_top(folder)):
                people[portfolio.id] = sorted(newest_commits(top, folder).items())
        return people

    @functools.cache  # noqa: B019
    def trust(self) -> list[str]:
        """What verification reads beyond the files and the people's keys: where a shallow history is cut."""
        shallow = run_git(self.project.root, "rev-parse", "--is-shallow-repository") or ""
        cut = run_git(self.project.root, "rev-parse", "--git-path", "shallow") or ""
        return [shallow.strip(), _stat(self.project.root / cut.strip()) if shallow.strip() == "true" else "-"]

    def key(self, portfolio: Portfolio, peers: list[Path] | None = None) -> str | None:
        """The hash of what this person's page is made from; None when it cannot be told.

        `peers` are the folders of the person's benchmark cohort, whose entries change the page too.
        """
        own = self.person(portfolio)
        return None if own is None else digest(own, [self._tree(folder) for folder in peers or []])

    def group(self, *parts: object, people: list[Portfolio]) -> str | None:
        """The key of a page about several people (a team view, the programme report)."""
        keys = [(p.id, self.person(p)) for p in people]
        return None if any(k is None for _, k in keys) else digest(self.shared, self.tracks(), parts, keys)

    def take(self, portfolio: Portfolio, key: str | None, target: Path) -> bool:
        """Hard-link the previous output of this person into `target` when it was made from the same inputs."""
        previous = self.out / portfolio.id
        if key is None or previous.is_symlink() or read_stamp(previous).inputs != key:
            return False
        if self.pdf and not (previous / f"{portfolio.id}.pdf").is_file():
            return False
        if not link_tree(previous, target):
            return False
        self.reused += 1
        return True

    def page(self, html: str, themes: tuple[Path, ...], folder: Path | None = None) -> str:
        """What a PDF is made from: its page, the theme (styles, fonts, images), the files of `folder`
        it may show, our code and the renderers' versions."""
        return digest(page_hash(html), self.themes(themes), _package_hash(), [package_version(t) for t in TOOLS],
                      self._tree(folder) if folder else None)

    def take_pdf(self, previous: Path, page: str, target: Path) -> bool:
        """The previous PDF, when it was made from the same page (the inputs changed, the page did not)."""
        return read_stamp(previous.parent).page == page and link_file(previous, target)

    def save(self) -> None:
        self.cache.save()


def _stat(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}: -"
    return f"{path}: {st.st_size} {st.st_mtime_ns}"

