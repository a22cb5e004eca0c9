"""Who last committed each personal plan: an agreement counts as verified only when the other party committed it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.read.git_history import FIELD, RECORD, Commit, parse_log


def read_plan_commit(root: Path, plan: Path) -> Commit | None:
    """The newest commit that touched `plan` (None outside git or when it was never committed)."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "-1", "--no-renames", "--name-only",
               "--relative", f"--format={RECORD}%h{FIELD}%an{FIELD}%ae{FIELD}%as", "--", str(plan)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return parse_log(done.stdout, root.resolve()).get(plan.resolve())
