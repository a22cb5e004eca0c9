"""Where person folders come from: handbook.yml's `portfolios:` sources, folders or globs of person folders."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from generator.model.config import HandbookConfig
from generator.problems import Position, Problems

CONFIG = "handbook.yml"


@dataclass(frozen=True)
class PersonFolder:
    folder: Path
    source: str  # the `portfolios:` entry that found it, as written

    @property
    def id(self) -> str:
        return self.folder.name


def _is_person(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith((".", "_"))


def _within(path: Path, allowed: Path) -> bool:
    try:
        path.resolve().relative_to(allowed)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def person_folders(root: Path, config: HandbookConfig, problems: Problems | None = None) -> list[PersonFolder]:
    """Every person folder of every source, in the order of the sources then by name; the first of an id wins.

    A source is a folder of person folders, or a glob (with * ? [) matching person folders. Folders
    outside the handbook's parent folder are refused: a crafted `../../..` or a link must not make the
    build read, and publish, files the handbook does not own. Links themselves are passed on, so that
    reading them reports them at the person folder.
    """
    allowed = root.resolve().parent
    found: list[PersonFolder] = []
    seen: dict[str, tuple[str, Path]] = {}

    def report(index: int, code: str, message: str, hint: str, warn: bool = False) -> None:
        if problems is None:
            return
        pos = config.pos("portfolios", index) if config.portfolios != ["portfolios"] else Position()
        (problems.warn if warn else problems.add)(config.path if config.path != "<memory>" else CONFIG,
                                                  pos, code, message, hint)

    for index, source in enumerate(config.portfolios):
        if glob.has_magic(source):
            matches = sorted(Path(p) for p in glob.glob(source, root_dir=root))
            candidates = [root / m for m in matches if _is_person(root / m)]
            if not candidates:
                report(index, "source-empty", f"the portfolio source '{source}' matches no folder",
                       "check the pattern, or the checkouts it should find", warn=True)
        else:
            folder = root / source
            if not folder.is_dir():
                if source != "portfolios":  # the default may be absent: a handbook without portfolios yet
                    report(index, "source-missing", f"the portfolio source '{source}' is not a folder",
                           "create or check it out there, or remove it from portfolios:", warn=True)
                continue
            if folder.is_symlink() or not _within(folder, allowed):
                report(index, "link-outside", f"the portfolio source '{source}' is outside the handbook's folder "
                       f"{allowed.name or allowed}", "check the repositories out beside the handbook, as real folders")
                continue
            candidates = sorted(p for p in folder.iterdir() if _is_person(p))
        for candidate in candidates:
            if not candidate.is_symlink() and not _within(candidate, allowed):
                report(index, "link-outside", f"the person folder '{candidate.name}' of '{source}' is outside "
                       "the handbook's folder", "check the repositories out beside the handbook, as real folders")
                continue
            if candidate.name in seen:
                first_source, first = seen[candidate.name]
                report(index, "duplicate-id", f"the person '{candidate.name}' is in two portfolio sources: "
                       f"{_shown(first, root)} (from '{first_source}') and {_shown(candidate, root)} "
                       f"(from '{source}')", "keep one folder per person; rename or remove the other")
                continue
            seen[candidate.name] = (source, candidate)
            found.append(PersonFolder(candidate, source))
    return found


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
