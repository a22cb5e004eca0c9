"""Written files follow the process umask at the time they are written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.write.atomic import write_text


def test_modes_follow_a_umask_changed_between_writes(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        shared = write_text(tmp_path / "shared.html", "a")
        os.umask(0o077)
        private = write_text(tmp_path / "private.html", "b")
        os.umask(0o027)
        group = write_text(tmp_path / "group" / "page.html", "c")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(group.stat().st_mode) == 0o640
