"""`handbook build --seal`: the private outputs as one age-encrypted archive per audience in build/sealed/.

The outputs are rendered as usual, but into a private folder (mode 0700) that is removed when
the build ends, however it ends; only archives reach build/sealed/, which is swapped in whole
once every archive is written, so a failed build keeps the previous archives. Every reader's
keys are checked before anything is rendered.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from generator.link.project import Project
from generator.problems import InvalidContent
from generator.render.readers import Archive, archives, check_readers
from generator.write.atomic import replace_dir, staging_dir
from generator.write.outputs import BuildOptions, BuildReport
from generator.write.sealed_archive import recipient, write_sealed

# What a build writes under build/ for a private audience, in the clear unless sealed.
CLEAR_OUTPUTS = ("portfolios", "teams", "reports", "calendars", "calibration", "calibration-key.json")
# Archives named per person or per manager: a whole build drops those of people no longer there.
PER_PERSON = ("person", "team")


def sealed_dir(project: Project) -> Path:
    return project.root / "build" / "sealed"


def plan_sealed(project: Project, options: BuildOptions) -> list[Archive]:
    """The archives this build writes; every reader without a usable key is a located error, all at once."""
    found = archives(project, options.audiences, options.person, options.anonymise)
    problems = check_readers(project, found)
    seen: set[tuple[str, str]] = set()
    for archive in found:
        for reader in archive.readers:
            for key in reader.keys:
                if (reader.path, key) in seen:
                    continue
                seen.add((reader.path, key))
                try:
                    recipient(key)
                except ValueError as exc:
                    problems.add(reader.path, reader.pos, "reader-keys",
                                 f"a key of {reader.who.split(' (')[0]} cannot be sealed to: {exc}",
                                 "copy the public key again from `age-keygen -y KEYFILE` or the SSH .pub file")
    if problems.errors:
        raise InvalidContent(problems)
    return found


def build_sealed(project: Project, options: BuildOptions, report: BuildReport, plan: list[Archive],
                 render: Callable[[], None]) -> None:
    """Run `render` into a private folder, then seal what it wrote into build/sealed/ and remove the folder."""
    build = project.root / "build"
    work = staging_dir(build / "sealing")
    work.chmod(0o700)  # other users of the machine never read the outputs while they are in the clear
    project.outputs_root = work
    try:
        render()
        if report.failed or report.problems.errors:
            report.skipped.append("build/sealed/: kept as it was, since an output failed")
            return
        written = write_archives(project, plan, work, whole=options.person is None)
        report.skipped += [f"build/{name}: removed, it was in the clear" for name in remove_clear(build)]
        report.outputs = [p for p in report.outputs if not Path(p).is_relative_to(work)] + written
    finally:
        project.outputs_root = None
        shutil.rmtree(work, ignore_errors=True)
        report.outputs = [p for p in report.outputs if not Path(p).is_relative_to(work)]


def write_archives(project: Project, plan: list[Archive], work: Path, whole: bool) -> list[Path]:
    """Seal each planned archive whose output was rendered; keep the other archives that were there."""
    target = sealed_dir(project)
    staged = staging_dir(target)
    planned = {a.file for a in plan}
    kinds = {a.name.split("-")[0] for a in plan}
    written = []
    try:
        for old in sorted(target.glob("*.tar.age")) if target.is_dir() else []:
            stale = whole and old.name not in planned and old.name.split("-")[0] in kinds & set(PER_PERSON)
            if old.name not in planned and not stale and old.is_file() and not old.is_symlink():
                _link_or_copy(old, staged / old.name)
        for archive in plan:
            members = [(work / c, c) for c in archive.contents if (work / c).exists()]
            if not (work / archive.contents[0]).exists():
                continue  # not rendered by this build (a person missing from the shards): kept as it was
            write_sealed(staged / archive.file, members, archive.keys)
            written.append(target / archive.file)
        replace_dir(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return written


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove_clear(build: Path) -> list[str]:
    """Delete private outputs an earlier build left in the clear; returns what was removed."""
    removed = []
    for name in CLEAR_OUTPUTS:
        path = build / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        else:
            continue
        removed.append(name)
    return removed
