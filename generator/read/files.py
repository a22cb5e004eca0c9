"""Finding the files of content/ and portfolios/ without following links out of their folder.

A learner controls what their folder holds, symlinks included: a link to /etc/passwd,
to another person's entry or to a whole other folder must not be read as theirs. Every
file and folder is therefore checked against the real path of the folder that owns it
(content/ for content, the person's folder for a portfolio); one that leaves it is a
located error naming the link, and it is not read.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.problems import Position, Problems, display_path

# Suffixes of Markdown files that are not read as entries or pages (only `.md` is).
OTHER_MARKDOWN = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext"}


def stays_inside(path: Path, fence: Path) -> bool:
    """Whether `path`, with every link in it followed, is inside the real folder `fence`."""
    try:
        return path.resolve().is_relative_to(fence.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def refuse_link(path: Path, fence: Path, root: Path, problems: Problems) -> bool:
    """Record an error when `path` leads out of `fence`; True when it must not be read."""
    if stays_inside(path, fence):
        return False
    where = display_path(fence, root)
    problems.add(shown_path(path, root), Position(), "link-outside",
                 f"'{path.name}' is a link that leads outside {where}/, so it is not read",
                 f"replace the link with the file itself, inside {where}/")
    return True


def shown_path(path: Path, root: Path) -> str:
    """The path as the user wrote it (links not followed), relative to the root."""
    try:
        return path.absolute().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def confined_files(folder: Path, fence: Path, root: Path, problems: Problems, suffixes: tuple[str, ...],
                   *, recursive: bool, links: set[Path] | None = None) -> list[Path]:
    """Files of `folder` ending in `suffixes` that stay inside `fence`, sorted; links out are errors.

    Sub-folders are walked when `recursive` (never through a link); a Markdown file with
    another suffix is an error, since it would otherwise be silently left out. Only links
    are resolved: a plain file in a folder walked without following links is where its
    folder is, and resolving each of a repository's files would cost a system call per
    folder of its path. The links found (that stay inside) are added to `links`.
    """
    if not folder.is_dir():
        return []
    if refuse_link(folder, fence, root, problems):
        return []
    found: list[str] = []
    stack = [str(folder)]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError:
            continue
        dirs: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        walk_into = []
        for entry in sorted(dirs, key=lambda e: e.name):
            name, link = entry.name, entry.is_symlink()
            if link and refuse_link(Path(entry.path), fence, root, problems):
                continue
            if not recursive and not name.startswith("."):
                problems.add(shown_path(Path(entry.path), root), Position(), "sub-folder",
                             f"the folder '{name}' is not read: files are read only directly in "
                             f"{shown_path(folder, root)}/", f"move its files up into {shown_path(folder, root)}/")
            elif recursive and not link:
                walk_into.append(entry.path)
        stack.extend(reversed(walk_into))
        for entry in files:
            name = entry.name
            if name.startswith("."):
                continue
            dot = name.rfind(".")
            suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
            if suffix in suffixes:
                if not entry.is_symlink():
                    found.append(entry.path)
                elif not refuse_link(Path(entry.path), fence, root, problems):
                    found.append(entry.path)
                    if links is not None:
                        links.add(Path(entry.path))
            elif suffix.lower() in suffixes or (".md" in suffixes and suffix.lower() in OTHER_MARKDOWN):
                problems.add(shown_path(Path(entry.path), root), Position(), "file-name",
                             f"'{name}' is not read: only files ending in {' or '.join(suffixes)} are",
                             f"rename it to '{Path(name).stem}{suffixes[0]}'")
    return [Path(path) for path in sorted(found, key=lambda p: p.split(os.sep))]  # as Paths sort
