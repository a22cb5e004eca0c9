"""`handbook build --anonymise`: calibration packets under build/calibration/, the key apart.

The packets are the committee's portfolios with every person coded (generator/render/anonymise.py).
Before the previous packets are replaced, every written page and text file is searched for the
full names and emails of known people; any hit stops the build and nothing is published.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from pathlib import Path

from generator.link.project import Project
from generator.problems import UserError
from generator.read.git_history import read_git_history
from generator.render.anonymise import TEXT_SUFFIXES, LeakCheck, anonymise_project, read_secret
from generator.write.atomic import replace_dir, write_text
from generator.write.outputs import BuildOptions, BuildReport

MARKUP_SUFFIXES = {".html", ".htm", ".svg", ".xml"}  # entities decode to text a reader sees


def output_dir(project: Project) -> Path:
    return project.build_dir / "calibration"


def key_path(project: Project) -> Path:
    """Beside the packets, never inside them: publishing build/calibration/ never publishes the key."""
    return project.build_dir / "calibration-key.json"


def find_leaks(folder: Path, check: LeakCheck) -> list[str]:
    """`file:line:col: name` for every known full name or email left in a page or text file (or a file name).

    Pages are read as a browser shows them (entities decoded), so an encoded name is found too.
    """
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found += [f"{rel}: {hit} (in the file name)" for hit in check(rel)]
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES | {".css", ".ics", ".htm"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix.lower() in MARKUP_SUFFIXES:
                text = html.unescape(text)
            found += [f"{rel}:{line}:{col}: {hit}" for line, col, hit in check.located(text)]
    return found


def build_calibration(project: Project, options: BuildOptions, report: BuildReport) -> None:
    from generator.render.portfolio import build_portfolios

    if options.person:
        raise UserError("--anonymise builds everyone's packet; --person would say whom a packet is about",
                        "drop --person")
    secret = read_secret()
    out = output_dir(project)
    with tempfile.TemporaryDirectory(prefix="handbook-calibration-") as work:
        coded = anonymise_project(project, secret, Path(work) / "portfolios", read_git_history(project.root))
        staged = out.with_name(f".{out.name}.check")
        shutil.rmtree(staged, ignore_errors=True)
        try:
            build_portfolios(coded.project, options, report, out=staged, history=coded.history)
            leaks = find_leaks(staged, LeakCheck(project))
            if leaks:
                raise UserError("the calibration packets still name people, so nothing was written:\n  "
                                + "\n  ".join(leaks[:20]),
                                "remove the name from the file named (or report it if it comes from the theme)")
            replace_dir(staged, out)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    report.outputs = [out / p.relative_to(staged) if p.is_relative_to(staged) else p for p in report.outputs]
    key = write_text(key_path(project), json.dumps(
        {"about": "Who each code in build/calibration/ is. Keep this file apart from the packets.",
         "people": dict(sorted(coded.key.items()))}, indent=2, ensure_ascii=False) + "\n")
    os.chmod(key, 0o600)
    report.outputs.append(key)
