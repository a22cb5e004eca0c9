"""What `handbook check --staged` adds: the commit must carry what its staged entries rely on.

`check` reads the working tree; a staged entry whose attachment is untracked, or whose own file
changed after it was staged, would pass here and fail once committed.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.link.project import Project
from generator.link.references import URL_RE
from generator.problems import Problems, display_path


def staged_problems(project: Project, staged: frozenset[str], pending: set[str]) -> Problems:
    """Problems of staged entries: attachments not staged, and entries changed since they were staged."""
    problems = Problems()
    for portfolio in project.portfolios:
        for loaded in portfolio.entries:
            path = display_path(loaded.file, project.root)
            if path not in staged:
                continue
            if path in pending:
                problems.warn(path, loaded.meta.pos(), "staged-differs",
                              "the file changed after it was staged: check read the working copy, the commit "
                              "would take the staged one", f"stage it again: git add {path}")
            for i, artifact in enumerate(loaded.meta.artifacts):
                if URL_RE.match(artifact):
                    continue
                target = display_path(Path(os.path.normpath(portfolio.folder / artifact)), project.root)
                if target in pending:
                    problems.add(path, loaded.meta.pos("artifacts", i), "artifact-unstaged",
                                 f"artifact '{artifact}' is not staged: the commit would link to a file it "
                                 "does not carry", f"stage it too: git add {target}")
    return problems
